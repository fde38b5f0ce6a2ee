#!/usr/bin/env python3
"""Re-record the SDK scenarios of this corpus with the real Pyroscope SDKs.

Usage (standard library only; the interpreter must be the project's venv Python, because the
Python scenarios are run with it and need its ``pyroscope-io``):

    /path/to/project/.venv/bin/python regenerate_sdk.py [--profile-insights CMD]
        [--node-cache DIR] [--accept-new-ref] [--update-expected] [SCENARIO_DIR ...]

Without SCENARIO_DIR every scenario under python/ and nodejs/ beside this script is recorded,
one after the other (the machine is small: never two recordings at once).

For each scenario it

1. copies the scenario to a temporary folder and recreates its one-commit git repository exactly
   as restore_git.sh does (``git add -A`` honouring the .gitignore, author and committer
   "Acme Developer <dev@acme.example>", 2026-01-15T10:00:00+00:00, the message from
   expected.json); the hash must equal expected.json ``git_ref`` (``--accept-new-ref`` writes
   the new hash into expected.json instead of failing);
2. lays out the committed tree (``git archive``) where expected.json ``deployment`` says the
   service runs (its own folder, a copy under /srv, /home/dev, /opt ..., a zipapp or a
   site-packages directory), because the deployment path is what the profile's file names show
   (``deployment.directory`` null: the service runs in the scenario folder itself, whose files
   were just shown to commit to git_ref; PYTHONDONTWRITEBYTECODE keeps it clean, and a
   node_modules link made there is removed afterwards);
3. starts ``profile-insights serve`` on a free loopback port with an empty recording directory;
4. runs the service's load loop with its SDK pushing to that server (Python: pyroscope-io from
   this interpreter; Node.js: @pyroscope/nodejs, installed with npm into --node-cache if
   missing and linked as the run tree's node_modules), with PYROSCOPE_SERVER_ADDRESS,
   SERVICE_REPOSITORY, SERVICE_GIT_REF and LOAD_SECONDS in its environment;
5. waits until the pushes have stopped, runs ``profile-insights record`` over the run's time
   range and writes one merged pprof file per profile type into profiles/<sample type>.pb.gz,
   with ``go tool pprof -top`` / ``-lines -top -cum`` outputs beside each when Go is installed;
6. stops the server by its PID and removes the deployment copy.

``--update-expected`` also refreshes the ``observed`` percentages of every hot function in
expected.json from the new profiles; without it they are only checked and printed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
AUTHOR_NAME = "Acme Developer"
AUTHOR_EMAIL = "dev@acme.example"
COMMIT_DATE = "2026-01-15T10:00:00+00:00"
NODE_SDK = "@pyroscope/nodejs"
DEFAULT_NODE_CACHE = HERE / ".node-sdk"


def log(message: str) -> None:
    """Print a progress line at once."""
    print(message, flush=True)


def rfc3339(moment: datetime) -> str:
    """Return the moment as RFC 3339 in UTC."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# --------------------------------------------------------------------------- git


def git_env() -> dict[str, str]:
    """Return an environment for git with the fixed author and no user configuration."""
    env = dict(os.environ)
    for key in list(env):
        if key.startswith("GIT_"):
            del env[key]
    env.update(
        GIT_AUTHOR_NAME=AUTHOR_NAME,
        GIT_AUTHOR_EMAIL=AUTHOR_EMAIL,
        GIT_COMMITTER_NAME=AUTHOR_NAME,
        GIT_COMMITTER_EMAIL=AUTHOR_EMAIL,
        GIT_AUTHOR_DATE=COMMIT_DATE,
        GIT_COMMITTER_DATE=COMMIT_DATE,
    )
    return env


def make_commit(scenario: Path, message: str, dest: Path) -> str:
    """Copy the scenario to dest (without .git) and commit it like restore_git.sh."""
    shutil.copytree(scenario, dest, symlinks=True, ignore=shutil.ignore_patterns(".git"))
    env = git_env()

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=dest, env=env, check=True, capture_output=True, text=True
        ).stdout.strip()

    git("init", "-q", ".")
    git("symbolic-ref", "HEAD", "refs/heads/main")
    git("add", "-A", ".")
    git("-c", "commit.gpgsign=false", "-c", "core.autocrlf=false", "commit", "-q", "-m", message)
    return git("rev-parse", "HEAD")


def export_tree(repo: Path, target: Path) -> None:
    """Write the committed tree of repo (HEAD) into target."""
    target.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "HEAD"], cwd=repo, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)


# --------------------------------------------------------------------------- deployment


class Deployment:
    """Where and how a scenario runs, from expected.json ``deployment``."""

    def __init__(self, scenario: Path, spec: dict[str, Any], repo: Path, tmp: Path):
        """Plan the deployment of ``repo`` (the recreated commit) as ``spec`` describes."""
        self.scenario = scenario
        self.spec = spec
        self.repo = repo
        self.tmp = tmp
        directory = spec.get("directory")
        self.in_place = directory in (None, "", "<scenario folder>")
        self.directory = scenario if self.in_place else Path(str(directory))
        self.created: list[Path] = []
        self.links: list[Path] = []
        self.parents: list[Path] = []  # folders made for the deployment, deepest first

    def _claim(self, path: Path) -> None:
        """Create path for this run; refuse to replace something that is not a previous run's."""
        marker = path / ".regenerate_sdk-deployment"
        if path.exists():
            if not marker.exists():
                sys.exit(f"{path} exists and was not made by regenerate_sdk.py: remove it first")
            shutil.rmtree(path)
        missing = [parent for parent in path.parents if not parent.exists()]
        self.parents.extend(sorted(missing, key=lambda p: len(p.parts), reverse=True))
        path.mkdir(parents=True)
        marker.write_text("made by regenerate_sdk.py; removed after the recording\n")
        self.created.append(path)

    def lay_out(self) -> None:
        """Put the service's files where the deployment runs them from."""
        layout = self.spec.get("layout", {"type": "tree"})
        kind = layout.get("type", "tree")
        if self.in_place:
            return
        self._claim(self.directory)
        if kind == "tree":
            export_tree(self.repo, self.directory)
        elif kind == "copy":
            staged = self.tmp / "staged-tree"
            export_tree(self.repo, staged)
            for item in layout["items"]:
                source = staged / item["from"]
                target = self.directory / item["to"]
                target.parent.mkdir(parents=True, exist_ok=True)
                if source.is_dir():
                    shutil.copytree(source, target)
                else:
                    shutil.copy2(source, target)
        elif kind == "zipapp":
            staged = self.tmp / "staged-tree"
            export_tree(self.repo, staged)
            source = staged / layout.get("source", ".")
            target = self.directory / layout["target"]
            command = [sys.executable, "-m", "zipapp", str(source), "-o", str(target)]
            if layout.get("main"):
                command += ["-m", layout["main"]]
            subprocess.run(command, check=True)
        else:
            sys.exit(f"unknown deployment layout {kind!r}")

    def link_node_modules(self, cache: Path) -> None:
        """Link node_modules into the package root (where require() looks), not the cwd."""
        link = self.directory / "node_modules"
        if link.is_symlink():
            link.unlink()
        if link.exists():
            sys.exit(f"{link} exists: remove it (node_modules are never part of a scenario)")
        link.symlink_to(cache / "node_modules", target_is_directory=True)
        self.links.append(link)

    def cwd(self) -> Path:
        """Return the directory the service is started in."""
        cwd = self.spec.get("cwd", ".")
        return Path(cwd) if os.path.isabs(cwd) else self.directory / cwd

    def command(self, node: str | None) -> list[str]:
        """Return the command line that starts the service."""
        out = []
        for token in self.spec["command"]:
            token = token.replace("{python}", sys.executable)
            token = token.replace("{node}", node or "node")
            token = token.replace("{dir}", str(self.directory))
            out.append(token)
        return out

    def env(self) -> dict[str, str]:
        """Return the extra environment of the service."""
        return {
            key: value.replace("{dir}", str(self.directory))
            for key, value in self.spec.get("env", {}).items()
        }

    def clean(self) -> None:
        """Remove every directory and link the deployment created."""
        for link in self.links:
            if link.is_symlink():
                link.unlink()
        for path in self.created:
            shutil.rmtree(path, ignore_errors=True)
        for parent in self.parents:
            try:
                parent.rmdir()
            except OSError:
                pass
        if self.in_place:
            for cache in self.scenario.rglob("__pycache__"):
                shutil.rmtree(cache, ignore_errors=True)


# --------------------------------------------------------------------------- node sdk


def ensure_node_sdk(cache: Path, version: str | None) -> None:
    """Install @pyroscope/nodejs into the npm cache folder when it is not there."""
    package = cache / "node_modules" / "@pyroscope" / "nodejs" / "package.json"
    if package.exists():
        have = json.loads(package.read_text())["version"]
        if version is None or have == version:
            return
        log(f"node SDK cache has {have}, scenario wants {version}: reinstalling")
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is not installed: Node.js scenarios cannot be recorded")
    cache.mkdir(parents=True, exist_ok=True)
    manifest = cache / "package.json"
    if not manifest.exists():
        manifest.write_text(
            json.dumps({"name": "pyroscope-node-sdk-cache", "version": "1.0.0", "private": True})
        )
    spec = f"{NODE_SDK}@{version}" if version else NODE_SDK
    log(f"installing {spec} into {cache}")
    subprocess.run([npm, "install", "--no-audit", "--no-fund", spec], cwd=cache, check=True)


# --------------------------------------------------------------------------- server


class Server:
    """``profile-insights serve`` on a free loopback port, stopped by its PID."""

    def __init__(self, command: list[str], recording: Path):
        """Start the server on a free loopback port, recording into ``recording``."""
        self.process = subprocess.Popen(
            [
                *command,
                "serve",
                "--recording",
                str(recording),
                "--host",
                "127.0.0.1",
                "--port",
                "0",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.url = ""
        deadline = time.time() + 60
        while time.time() < deadline:
            assert self.process.stdout is not None  # started with stdout=PIPE
            line = self.process.stdout.readline()
            if not line:
                if self.process.poll() is not None:
                    raise RuntimeError("profile-insights serve exited before it was ready")
                continue
            found = re.search(r"(http://127\.0\.0\.1:\d+)", line)
            if found:
                self.url = found.group(1)
                break
        if not self.url:
            self.stop()
            raise RuntimeError("profile-insights serve did not report its address")
        for _ in range(100):
            try:
                with urllib.request.urlopen(self.url + "/ready", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("profile-insights serve is not ready")

    def stop(self) -> None:
        """Stop the server by its PID and wait for it."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()


def wait_for_pushes(recording: Path, quiet: float = 2.0, limit: float = 30.0) -> None:
    """Return once recording.json has not changed for ``quiet`` seconds."""
    path = recording / "recording.json"
    deadline = time.time() + limit
    last = None
    stable_since = time.time()
    while time.time() < deadline:
        stamp = path.stat().st_mtime_ns if path.exists() else None
        if stamp != last:
            last, stable_since = stamp, time.time()
        elif stamp is not None and time.time() - stable_since >= quiet:
            return
        time.sleep(0.2)


# --------------------------------------------------------------------------- outputs


def sample_type_of(type_id: str) -> str:
    """Return the sample type of a Pyroscope profile type ID."""
    return type_id.split(":")[1]


def write_pprof_outputs(profile: Path) -> None:
    """Write go tool pprof's outputs beside a profile (when Go is installed)."""
    go = shutil.which("go")
    if go is None:
        log("  go is not installed: no pprof text outputs")
        return
    env = {**os.environ, "TZ": "UTC"}
    for suffix, flags in (
        (".top.txt", ["-top"]),
        (".top-cum-lines.txt", ["-lines", "-top", "-cum"]),
    ):
        result = subprocess.run(
            [go, "tool", "pprof", *flags, str(profile)], capture_output=True, text=True, env=env
        )
        Path(str(profile) + suffix).write_text(result.stdout)


def top_rows(pi: list[str], profile: Path, lines: bool) -> list[dict[str, Any]]:
    """Return profile-insights top's rows of a profile as JSON objects."""
    command = [*pi, "top", str(profile), "--cum", "--json"]
    if lines:
        command.append("--lines")
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    rows: list[dict[str, Any]] = json.loads(result.stdout)["rows"]
    return rows


def repo_path(file_in_profile: str, deployment: dict[str, Any]) -> str | None:
    """Return the repository path of a profile file name (None outside the service)."""
    prefix = deployment.get("profile_file_prefix", "")
    if not file_in_profile.startswith(prefix) or "node_modules" in file_in_profile:
        return None
    relative = file_in_profile[len(prefix) :]
    for shown, actual in sorted(
        deployment.get("repo_path_map", {}).items(), key=lambda kv: -len(kv[0])
    ):
        if relative.startswith(shown):
            return str(actual) + relative[len(shown) :]
    return relative


def checkout_functions(
    rows_by_line: list[dict[str, Any]], deployment: dict[str, Any], scenario: Path | None
) -> set[str]:
    """Names of the profile's functions whose file is one of the repository's files."""
    own = set()
    for row in rows_by_line:
        relative = repo_path(row.get("file") or "", deployment)
        if relative is not None and (scenario is None or (scenario / relative).is_file()):
            own.add(row["function"])
    return own


def observe_profile(
    pi: list[str],
    profile_path: Path,
    entry: dict[str, Any],
    deployment: dict[str, Any],
    scenario: Path | None = None,
) -> None:
    """Refresh the observed numbers of one expected.json profile entry from its pprof file.

    observed: flat/cum % of the function (pprof -top -cum, function granularity), its rank by cum
    among all rows and among the service's own functions; observed_lines: the function's rows of
    -lines -top -cum (at most six, by cum); top_checkout_functions_by_cum: the first six own
    functions by cum. Own functions are those whose file, with deployment.profile_file_prefix
    removed (and deployment.repo_path_map applied), is a file of the scenario's repository.
    """
    rows = top_rows(pi, profile_path, lines=False)
    rows_by_line = top_rows(pi, profile_path, lines=True)
    own_names = checkout_functions(rows_by_line, deployment, scenario)
    own = [row for row in rows if row["function"] in own_names]
    entry["top_checkout_functions_by_cum"] = [
        {"function": row["function"], "cum_pct": round(row["cum_pct"], 2)} for row in own[:6]
    ]
    for hot in entry.get("hot_functions", []):
        match = next((row for row in rows if row["function"] == hot["function"]), None)
        if match is None:
            hot["observed"] = {
                "flat_pct": 0.0,
                "cum_pct": 0.0,
                "rank_by_cum_all": None,
                "rank_by_cum_checkout": None,
            }
            hot["observed_lines"] = []
            continue
        names = [row["function"] for row in own]
        hot["observed"] = {
            "flat_pct": round(match["flat_pct"], 2),
            "cum_pct": round(match["cum_pct"], 2),
            "rank_by_cum_all": match["rank"],
            "rank_by_cum_checkout": names.index(hot["function"]) + 1
            if hot["function"] in names
            else None,
        }
        by_line: dict[int, dict[str, Any]] = {}
        for row in rows_by_line:
            if row["function"] == hot["function"] and row["line"] is not None:
                by_line[row["line"]] = {
                    "line": row["line"],
                    "cum_pct": round(row["cum_pct"], 2),
                    "flat_pct": round(row["flat_pct"], 2),
                }
        hot["observed_lines"] = sorted(by_line.values(), key=lambda item: -item["cum_pct"])[:6]


# --------------------------------------------------------------------------- one scenario


def record_scenario(scenario: Path, args: argparse.Namespace) -> bool:
    """Record one scenario again; return whether it succeeded."""
    expected_path = scenario / "expected.json"
    expected = json.loads(expected_path.read_text())
    name = expected["scenario"]
    service = expected["service_name"]
    language = expected["language"]
    deployment_spec = expected["deployment"]
    seconds = int(deployment_spec.get("load_seconds", 20))
    repository = "https://" + expected["module_path"]
    pi = shlex.split(args.profile_insights)
    log(f"== {name} ({language}, service {service})")
    if language not in ("python", "nodejs"):
        log(f"  skipped: {language} scenarios are not recorded with an SDK")
        return True

    with tempfile.TemporaryDirectory(prefix="regen-sdk-") as tmp_name:
        tmp = Path(tmp_name)
        repo = tmp / "repo"
        git_ref = make_commit(scenario, expected["git_commit"]["message"], repo)
        if expected.get("git_ref") != git_ref:
            if not args.accept_new_ref:
                log(
                    f"  MISMATCH: the files commit to {git_ref}, expected.json says "
                    f"{expected.get('git_ref')} (use --accept-new-ref after a deliberate change)"
                )
                return False
            log(f"  git_ref is now {git_ref}")
            expected["git_ref"] = git_ref
        log(f"  git_ref {git_ref}")

        deployment = Deployment(scenario, deployment_spec, repo, tmp)
        node = None
        if language == "nodejs":
            node = shutil.which("node")
            if node is None:
                sys.exit("node is not installed")
            ensure_node_sdk(args.node_cache.resolve(), expected.get("sdk", {}).get("version"))
        recording = tmp / "pushed"
        recorded = tmp / "recorded"
        server = None
        try:
            deployment.lay_out()
            if language == "nodejs":
                deployment.link_node_modules(args.node_cache.resolve())
            server = Server(pi, recording)
            log(f"  server {server.url} (pid {server.process.pid})")
            env = {
                **os.environ,
                "PYTHONDONTWRITEBYTECODE": "1",
                "PYROSCOPE_SERVER_ADDRESS": server.url,
                "SERVICE_REPOSITORY": repository,
                "SERVICE_GIT_REF": git_ref,
                "LOAD_SECONDS": str(seconds),
                **deployment.env(),
            }
            command = deployment.command(node)
            log(f"  run  (cd {deployment.cwd()} && {shlex.join(command)})")
            started = datetime.now(UTC) - timedelta(seconds=1)
            result = subprocess.run(
                command,
                cwd=deployment.cwd(),
                env=env,
                timeout=seconds + 120,
                capture_output=True,
                text=True,
            )
            if result.stdout.strip():
                log("  stdout: " + result.stdout.strip().replace("\n", "\n          "))
            if result.stderr.strip():
                log("  stderr: " + result.stderr.strip()[-2000:].replace("\n", "\n          "))
            if result.returncode != 0:
                log(f"  the service exited with {result.returncode}")
                return False
            wait_for_pushes(recording)
            ended = datetime.now(UTC) + timedelta(seconds=1)
            subprocess.run(
                [
                    *pi,
                    "record",
                    "--out",
                    str(recorded),
                    "--url",
                    server.url,
                    "--via",
                    "http",
                    "--query",
                    f'{{service_name="{service}"}}',
                    "--from",
                    rfc3339(started),
                    "--to",
                    rfc3339(ended),
                ],
                check=True,
                capture_output=True,
                text=True,
            )
        finally:
            if server is not None:
                server.stop()
            deployment.clean()

        document = json.loads((recorded / "recording.json").read_text())
        if not document["series"]:
            log("  nothing was recorded")
            return False
        profiles_dir = scenario / "profiles"
        if profiles_dir.exists():
            shutil.rmtree(profiles_dir)
        profiles_dir.mkdir()
        written: dict[str, Path] = {}
        for series in document["series"]:
            for entry in series["profiles"]:
                type_id = entry["profile_type"]
                target = profiles_dir / f"{sample_type_of(type_id)}.pb.gz"
                shutil.copyfile(recorded / entry["file"], target)
                write_pprof_outputs(target)
                written[type_id] = target
                log(f"  {type_id:48} -> profiles/{target.name}")
        labels = document["series"][0]["labels"]

    ok = True
    for profile in expected.get("profiles", []):
        type_id = profile["pyroscope_profile_type"]
        path = written.get(type_id)
        if path is None:
            log(f"  MISSING profile type {type_id}")
            ok = False
            continue
        before = {
            hot["function"]: hot.get("observed", {}).get("cum_pct")
            for hot in profile.get("hot_functions", [])
        }
        fresh = json.loads(json.dumps(profile))
        observe_profile(pi, path, fresh, deployment_spec, scenario)
        for hot in fresh.get("hot_functions", []):
            seen = hot["observed"]
            log(
                f"  {path.name}: {hot['function']} cum {seen['cum_pct']}% "
                "(rank among own functions "
                f"{seen['rank_by_cum_checkout']}; expected.json had {before.get(hot['function'])}%)"
            )
            if profile.get("primary") and hot.get("role") == "root_cause" and seen["cum_pct"] <= 40:
                log("  WARNING: the root cause is no longer above 40% of the primary profile")
        if args.update_expected:
            profile.clear()
            profile.update(fresh)
    if args.update_expected or args.accept_new_ref:
        if args.update_expected:
            expected["recorded_labels"] = labels
        expected_path.write_text(json.dumps(expected, indent=2) + "\n")
    return ok


def main() -> None:
    """Regenerate the scenarios named on the command line (default: every SDK one)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", type=Path, help="scenario folders (default: all)")
    parser.add_argument(
        "--profile-insights",
        default=str(Path(sys.executable).with_name("profile-insights")),
        help="how to run profile-insights (default: the one beside this interpreter)",
    )
    parser.add_argument(
        "--node-cache",
        type=Path,
        default=DEFAULT_NODE_CACHE,
        help=f"where {NODE_SDK} is installed with npm (default: %(default)s)",
    )
    parser.add_argument(
        "--accept-new-ref",
        action="store_true",
        help="write a changed commit hash into expected.json instead of failing",
    )
    parser.add_argument(
        "--update-expected",
        action="store_true",
        help="refresh the observed percentages in expected.json",
    )
    args = parser.parse_args()
    scenarios = [path.resolve() for path in args.scenarios] or sorted(
        path.parent
        for language in ("python", "nodejs")
        for path in HERE.glob(f"{language}/*/expected.json")
    )
    failed = [path.name for path in scenarios if not record_scenario(path, args)]
    if failed:
        sys.exit("failed: " + ", ".join(failed))


if __name__ == "__main__":
    main()
