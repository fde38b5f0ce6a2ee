"""Re-record an SDK scenario with the real Pyroscope SDK (``regenerate_sdk.py``).

For each scenario (default: every Python and Node.js scenario of the corpus, one after the
other: the machine is small, never two recordings at once) it

1. recreates the one-commit repository in a temporary folder; the hash must equal
   ``git_ref`` (``--accept-new-ref`` writes the new hash into expected.json instead);
2. lays the committed tree out where ``deployment`` says the service runs (:mod:`deployment`);
3. starts ``profile-insights serve`` with an empty recording directory (:mod:`push_server`);
4. runs the service's load loop with its SDK pushing to that server (Python: pyroscope-io from
   this interpreter; Node.js: @pyroscope/nodejs, installed with npm into ``--node-cache`` if
   missing and linked as the run tree's node_modules), with PYROSCOPE_SERVER_ADDRESS,
   SERVICE_REPOSITORY, SERVICE_GIT_REF and LOAD_SECONDS in its environment;
5. waits until the pushes have stopped, runs ``profile-insights record`` over the run's time
   range and writes one merged pprof file per profile type into profiles/<sample type>.pb.gz,
   with ``go tool pprof -top`` / ``-lines -top -cum`` outputs beside each when Go is installed;
6. stops the server by its PID and removes the deployment copy;
7. prints the observed numbers of each hot function (:mod:`observed`); ``--update-expected``
   also writes them, and the recorded labels, into expected.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from profile_insights.evals.scenario_regeneration.deployment import (
    NODE_SDK,
    Deployment,
    ensure_node_sdk,
)
from profile_insights.evals.scenario_regeneration.observed import (
    observe_sdk_entry,
    profile_tables,
)
from profile_insights.evals.scenario_regeneration.pprof_outputs import (
    go_available,
    top_plan,
    write_pprof_outputs,
)
from profile_insights.evals.scenario_regeneration.push_server import (
    PushServer,
    record_range,
    wait_for_pushes,
)
from profile_insights.evals.scenario_regeneration.scenario_tree import (
    make_commit,
    read_expected,
    scenario_dirs,
    write_expected,
)


@dataclass(frozen=True)
class SdkOptions:
    """What the command line asked for."""

    profile_insights: list[str]
    """How to run profile-insights (its serve and record commands)."""
    node_cache: Path
    """Where @pyroscope/nodejs is installed with npm."""
    accept_new_ref: bool
    """Write a changed commit hash into expected.json instead of failing."""
    update_expected: bool
    """Write the observed numbers and recorded labels into expected.json."""


def log(message: str) -> None:
    """Print a progress line at once."""
    print(message, flush=True)


def _indented(text: str) -> str:
    return text.replace("\n", "\n          ")


def _run_service(
    deployment: Deployment, env: dict[str, str], node: str | None, seconds: int
) -> bool:
    """Run the service's load loop to its end; return whether it exited with 0."""
    command = deployment.command(node)
    log(f"  run  (cd {deployment.cwd()} && {shlex.join(command)})")
    result = subprocess.run(
        command,
        cwd=deployment.cwd(),
        env=env,
        timeout=seconds + 120,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.stdout.strip():
        log("  stdout: " + _indented(result.stdout.strip()))
    if result.stderr.strip():
        log("  stderr: " + _indented(result.stderr.strip()[-2000:]))
    if result.returncode != 0:
        log(f"  the service exited with {result.returncode}")
    return result.returncode == 0


def _record(
    expected: dict[str, Any], deployment: Deployment, git_ref: str, tmp: Path, options: SdkOptions
) -> Path | None:
    """Run the service against a fresh server; return the recording made of its pushes."""
    node = None
    if expected["language"] == "nodejs":
        node = shutil.which("node")
        if node is None:
            sys.exit("node is not installed")
        ensure_node_sdk(options.node_cache, expected.get("sdk", {}).get("version"))
    seconds = int(expected["deployment"].get("load_seconds", 20))
    pushed, recorded = tmp / "pushed", tmp / "recorded"
    server = None
    try:
        deployment.lay_out()
        if node is not None:
            deployment.link_node_modules(options.node_cache)
        server = PushServer(options.profile_insights, pushed)
        log(f"  server {server.url} (pid {server.process.pid})")
        env = {
            **os.environ,
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYROSCOPE_SERVER_ADDRESS": server.url,
            "SERVICE_REPOSITORY": "https://" + expected["module_path"],
            "SERVICE_GIT_REF": git_ref,
            "LOAD_SECONDS": str(seconds),
            **deployment.env(),
        }
        started = datetime.now(UTC) - timedelta(seconds=1)
        if not _run_service(deployment, env, node, seconds):
            return None
        wait_for_pushes(pushed)
        ended = datetime.now(UTC) + timedelta(seconds=1)
        service = expected["service_name"]
        record_range(options.profile_insights, server.url, service, recorded, started, ended)
    finally:
        if server is not None:
            server.stop()
        deployment.clean()
    return recorded


def _store_profiles(
    scenario: Path, recorded: Path
) -> tuple[dict[str, Path], dict[str, str]] | None:
    """Replace profiles/ with one file per recorded profile type; return them and the labels.

    Returns None, leaving profiles/ as it was, when nothing was recorded.
    """
    document = json.loads((recorded / "recording.json").read_text())
    if not document["series"]:
        return None
    profiles_dir = scenario / "profiles"
    if profiles_dir.exists():
        shutil.rmtree(profiles_dir)
    profiles_dir.mkdir()
    written: dict[str, Path] = {}
    if not go_available():
        log("  go is not installed: no pprof text outputs")
    for series in document["series"]:
        for entry in series["profiles"]:
            type_id = entry["profile_type"]
            target = profiles_dir / f"{type_id.split(':')[1]}.pb.gz"
            shutil.copyfile(recorded / entry["file"], target)
            if go_available():
                write_pprof_outputs(target, top_plan(target.name))
            written[type_id] = target
            log(f"  {type_id:48} -> profiles/{target.name}")
    labels: dict[str, str] = document["series"][0]["labels"]
    return written, labels


def _observe(
    scenario: Path, expected: dict[str, Any], written: dict[str, Path], update: bool
) -> bool:
    """Print (and with ``update`` keep) the observed numbers; return whether all types came."""
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
        observe_sdk_entry(fresh, profile_tables(path), expected["deployment"], scenario)
        for hot in fresh.get("hot_functions", []):
            seen = hot["observed"]
            log(
                f"  {path.name}: {hot['function']} cum {seen['cum_pct']}% "
                "(rank among own functions "
                f"{seen['rank_by_cum_checkout']}; expected.json had {before.get(hot['function'])}%)"
            )
            if profile.get("primary") and hot.get("role") == "root_cause" and seen["cum_pct"] <= 40:
                log("  WARNING: the root cause is no longer above 40% of the primary profile")
        if update:
            profile.clear()
            profile.update(fresh)
    return ok


def record_scenario(scenario: Path, options: SdkOptions) -> bool:
    """Record one scenario again; return whether it succeeded."""
    expected = read_expected(scenario)
    language = expected["language"]
    log(f"== {expected['scenario']} ({language}, service {expected['service_name']})")
    if language not in ("python", "nodejs"):
        log(f"  skipped: {language} scenarios are not recorded with an SDK")
        return True
    with tempfile.TemporaryDirectory(prefix="regen-sdk-") as tmp_name:
        tmp = Path(tmp_name)
        repo = tmp / "repo"
        git_ref = make_commit(scenario, repo, expected["git_commit"]["message"])
        if expected.get("git_ref") != git_ref:
            if not options.accept_new_ref:
                log(
                    f"  MISMATCH: the files commit to {git_ref}, expected.json says "
                    f"{expected.get('git_ref')} (use --accept-new-ref after a deliberate change)"
                )
                return False
            log(f"  git_ref is now {git_ref}")
            expected["git_ref"] = git_ref
        log(f"  git_ref {git_ref}")
        deployment = Deployment(scenario, expected["deployment"], repo, tmp)
        recorded = _record(expected, deployment, git_ref, tmp, options)
        if recorded is None:
            return False
        stored = _store_profiles(scenario, recorded)
    if stored is None:
        log("  nothing was recorded")
        return False
    written, labels = stored
    ok = _observe(scenario, expected, written, options.update_expected)
    if options.update_expected:
        expected["recorded_labels"] = labels
    if options.update_expected or options.accept_new_ref:
        write_expected(scenario, expected)
    return ok


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Re-record SDK scenarios with the real SDKs.")
    parser.add_argument("scenarios", nargs="*", help="scenario folders or names (default: all)")
    parser.add_argument(
        "--profile-insights",
        default=str(Path(sys.executable).with_name("profile-insights")),
        help="how to run profile-insights (default: the one beside this interpreter)",
    )
    parser.add_argument("--node-cache", type=Path, help=f"where {NODE_SDK} is installed with npm")
    parser.add_argument(
        "--accept-new-ref",
        action="store_true",
        help="write a changed commit hash into expected.json instead of failing",
    )
    parser.add_argument(
        "--update-expected",
        action="store_true",
        help="refresh the observed percentages and recorded labels in expected.json",
    )
    return parser


def main(corpus: Path, argv: Sequence[str] | None = None) -> int:
    """Record the scenarios named on the command line (default: every SDK one in corpus)."""
    args = _parser().parse_args(argv)
    options = SdkOptions(
        profile_insights=shlex.split(args.profile_insights),
        node_cache=(args.node_cache or corpus / ".node-sdk").resolve(),
        accept_new_ref=args.accept_new_ref,
        update_expected=args.update_expected,
    )
    scenarios = scenario_dirs(corpus, args.scenarios, ["python", "nodejs"])
    failed = [path.name for path in scenarios if not record_scenario(path, options)]
    if failed:
        raise SystemExit("failed: " + ", ".join(failed))
    return 0
