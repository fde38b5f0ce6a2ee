"""Regenerate the committed recordings of the demo and of the eval cases from their sources.

Usage (from the repository root; needs ``go`` for Go cases, nothing else):

    .venv/bin/python evals/regenerate.py              # the demo and every case with a recipe
    .venv/bin/python evals/regenerate.py demo go-cpu-search   # only these

For each target it makes the service's git repository exactly as the eval runner will
(``profile_insights.agent.code.repos``: fixed author, date and message, so the commit hash is the
same everywhere), builds the Go program in it with ``-trimpath`` (profile file names are then
``<module path>/<repo-relative path>``), runs it with the case's arguments so that runtime/pprof
writes real profiles, stamps every mapping's build ID with the JSON a Pyroscope server injects on
ingest (``{"repository":...,"git_ref":...}``, pyroscope-api.md §4.4), and writes ``recording.json``
(format version 1, docs/recordings.md) with the labels ``service_name``,
``service_repository`` and ``service_git_ref``.

Python cases (``recipe.kind == "python"``) are recorded for real: the service runs with the
official ``pyroscope-io`` SDK pushing ``/push.v1.PusherService/Push`` to the in-process
``ReplayServer``, which stores the pushes as a recording; the times are then shifted so that the
last push ends five minutes before the fixed ``recorded_at`` (a pure translation: what was
pushed stays byte for byte).

Comparison cases (``go-refs``, ``python-refs``, ``node-refs``) run the service at several
commits, each recorded under its own window and labels: ``evals/recording_runs.py``.

The outputs are committed, so running the evals never needs Go or a server.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import profile_insights.agent.demo as demo
from profile_insights.agent.code import repos as demo_repo
from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.pyroscope.replay_server import ReplayServer
from profile_insights.evals.recording_runs import record_go_runs, record_sdk_runs

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "evals" / "cases"
#: "now" of every generated recording: queries resolve now-1h etc. against it.
RECORDED_AT = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def _stamp(raw: bytes, repository: str, git_ref: str) -> bytes:
    """Return the profile with every mapping's build ID replaced as Pyroscope's ingest does."""
    profile = profile_pb2.Profile()
    profile.ParseFromString(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
    strings = list(profile.string_table)
    for mapping in profile.mapping:
        version: dict[str, str] = {"repository": repository, "git_ref": git_ref}
        original = strings[mapping.build_id] if mapping.build_id else ""
        if original:
            version["build_id"] = original
        text = json.dumps(version, separators=(",", ":"))
        if text not in strings:
            strings.append(text)
            profile.string_table.append(text)
        mapping.build_id = strings.index(text)
    # mtime=0: the committed file changes only when the profile does.
    return gzip.compress(profile.SerializeToString(), compresslevel=9, mtime=0)


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _run_go(repo: Path, package: str, args: list[str], out: Path) -> None:
    go = shutil.which("go")
    if go is None:
        sys.exit("go is not installed: Go recordings cannot be regenerated")
    binary = out / Path(package).name  # pprof prints it as the File: header
    env = {**os.environ, "GOFLAGS": "-buildvcs=false", "CGO_ENABLED": "0"}
    subprocess.run(
        [go, "build", "-trimpath", "-o", str(binary), package], cwd=repo, env=env, check=True
    )
    subprocess.run([str(binary), *args, "-profile-dir", str(out)], cwd=repo, check=True)


def materialize(case_dir: Path, case: dict[str, Any], dest: Path) -> list[str]:
    """Make the case's repository in ``dest`` like the eval runner does; return commit hashes."""
    source = (case_dir / case["source"]).resolve()
    commits = case.get("commits") or [{"message": "initial import"}]
    hashes = [demo_repo.create_repo(source, dest, commits[0]["message"], origin=case["origin"])]
    for index, commit in enumerate(commits[1:], start=1):
        overlay = case_dir / commit["overlay"] if commit.get("overlay") else None
        hashes.append(demo_repo.commit_tree(dest, commit["message"], index=index, overlay=overlay))
    return hashes


def generate_go(case_dir: Path, case: dict[str, Any], recording_dir: Path) -> None:
    """Build and run the case's Go service per its recipe and write its recording."""
    recipe = case["recipe"]
    with tempfile.TemporaryDirectory(prefix="pi-regen-") as tmp:
        repo = Path(tmp) / "repo"
        # Profiles come from the first commit; later commits (if any) move HEAD past it.
        ref_index = recipe.get("ref_commit", 0)
        hashes = materialize(case_dir, case, repo)
        subprocess.run(["git", "checkout", "-q", hashes[ref_index]], cwd=repo, check=True)
        git_ref = hashes[ref_index]
        if recording_dir.exists():
            shutil.rmtree(recording_dir)
        (recording_dir / "profiles").mkdir(parents=True)
        series: dict[str, dict[str, Any]] = {}
        for number, run in enumerate(recipe["runs"]):
            out = Path(tmp) / f"run{number}"
            out.mkdir()
            _run_go(repo, recipe["package"], run["args"], out)
            labels = {
                "service_name": run["service_name"],
                "service_repository": case["origin"],
                "service_git_ref": git_ref,
                **run.get("labels", {}),
            }
            key = json.dumps(labels, sort_keys=True)
            entry = series.setdefault(key, {"labels": labels, "profiles": []})
            start_min, end_min = run.get("window_minutes", [-55, -5])
            for produced in run["profiles"]:
                raw = (out / produced["output"]).read_bytes()
                name = f"{run['service_name']}-{Path(produced['output']).name.split('.')[0]}"
                relative = f"profiles/{name}-{number}.pb.gz"
                target = recording_dir / relative
                if not target.exists():
                    target.write_bytes(_stamp(raw, case["origin"], git_ref))
                for ptype in produced["types"]:
                    entry["profiles"].append(
                        {
                            "profile_type": ptype["profile_type"],
                            "file": relative,
                            "start": _iso(RECORDED_AT + timedelta(minutes=start_min)),
                            "end": _iso(RECORDED_AT + timedelta(minutes=end_min)),
                            "sample_type": ptype["sample_type"],
                        }
                    )
        document = {
            "format": "profile-insights-recording",
            "version": 1,
            "recorded_at": _iso(RECORDED_AT),
            "series": list(series.values()),
        }
        (recording_dir / "recording.json").write_text(json.dumps(document, indent=2) + "\n")
    print(f"regenerated {_shown(recording_dir)} (git ref {git_ref[:12]})")


def _shift_times(recording_dir: Path) -> None:
    """Translate every time of a pushed recording so it ends 5 minutes before RECORDED_AT."""
    path = recording_dir / "recording.json"
    document = json.loads(path.read_text())
    ends = [
        datetime.fromisoformat(p["end"].replace("Z", "+00:00"))
        for series in document["series"]
        for p in series["profiles"]
    ]
    delta = RECORDED_AT - timedelta(minutes=5) - max(ends)
    for series in document["series"]:
        for profile in series["profiles"]:
            for key in ("start", "end"):
                moment = datetime.fromisoformat(profile[key].replace("Z", "+00:00"))
                profile[key] = (moment + delta).astimezone(UTC).isoformat().replace("+00:00", "Z")
    document["recorded_at"] = _iso(RECORDED_AT)
    path.write_text(json.dumps(document, indent=2) + "\n")


def generate_python(case_dir: Path, case: dict[str, Any], recording_dir: Path) -> None:
    """Run the case's Python service with the real SDK pushing to the replay server."""
    recipe = case["recipe"]
    with tempfile.TemporaryDirectory(prefix="pi-regen-") as tmp:
        repo = Path(tmp) / "srv" / recipe["service_name"]
        git_ref = materialize(case_dir, case, repo)[0]
        pushed = Path(tmp) / "pushed"
        tags = f"service_repository={case['origin']},service_git_ref={git_ref}"
        env = {**os.environ, "SERVICE_NAME": recipe["service_name"], "PYROSCOPE_TAGS": tags}
        with ReplayServer(pushed) as server:
            subprocess.run(
                [sys.executable, recipe["script"], server.url, str(recipe["seconds"])],
                cwd=repo,
                env=env,
                check=True,
                timeout=120,
            )
        _shift_times(pushed)
        if recording_dir.exists():
            shutil.rmtree(recording_dir)
        shutil.copytree(pushed, recording_dir)
    print(f"regenerated {_shown(recording_dir)} (git ref {git_ref[:12]})")


DEMO_CASE: dict[str, Any] = {
    # The source tree, not the installed copy: strict editable installs link files elsewhere.
    "source": str(ROOT / "agent" / "demo" / "service"),
    "origin": demo.DEMO_REPOSITORY,
    "commits": [{"message": demo.DEMO_COMMIT_MESSAGE}],
    "recipe": {
        "kind": "go",
        "package": "./cmd/checkout",
        "runs": [
            {
                "service_name": demo.DEMO_SERVICE,
                "args": ["-duration", "6s"],
                "profiles": [
                    {
                        "output": "cpu.pb.gz",
                        "types": [
                            {
                                "profile_type": "process_cpu:cpu:nanoseconds:cpu:nanoseconds",
                                "sample_type": "cpu",
                            }
                        ],
                    }
                ],
            }
        ],
    },
}


def main() -> None:
    """Regenerate the requested targets (default: the demo and every case with a recipe)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", help="'demo' and/or case names")
    wanted = set(parser.parse_args().targets)
    if not wanted or "demo" in wanted:
        generate_go(ROOT / "agent" / "demo", DEMO_CASE, ROOT / "agent" / "demo" / "recording")
    for case_dir in sorted(CASES.iterdir()) if CASES.is_dir() else []:
        if wanted and case_dir.name not in wanted:
            continue
        case_file = case_dir / "case.json"
        if not case_file.is_file():
            continue
        case = json.loads(case_file.read_text())
        recipe = case.get("recipe")
        if recipe and recipe["kind"] == "go":
            generate_go(case_dir, case, case_dir / "recording")
        elif recipe and recipe["kind"] == "python":
            generate_python(case_dir, case, case_dir / "recording")
        elif recipe and recipe["kind"] == "go-refs":
            record_go_runs(
                case_dir,
                case,
                case_dir / "recording",
                materialize=materialize,
                stamp=_stamp,
                recorded_at=RECORDED_AT,
            )
        elif recipe and recipe["kind"] in ("python-refs", "node-refs"):
            record_sdk_runs(
                case_dir,
                case,
                case_dir / "recording",
                materialize=materialize,
                recorded_at=RECORDED_AT,
            )


if __name__ == "__main__":
    main()
