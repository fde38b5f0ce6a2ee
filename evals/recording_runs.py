"""Record a comparison case: its service run at several commits, each under its own window.

A comparative eval case (``recipe.kind`` ``go-refs``, ``python-refs`` or ``node-refs``) needs a
recording in which the service ran at one commit in one window and at another commit in a later
one (a deploy in the middle: two ``service_git_ref`` values), or at several load levels over a
week, or with one series per pod or endpoint. Each run of the recipe names its ``commit`` (index
into ``case.json``'s commits), its ``window`` (``[start, end]``, RFC 3339) and extra ``labels``;
the profiles it wrote are added to the recording under that window, with the labels a Pyroscope
SDK sends (``service_name``, ``service_repository``, ``service_git_ref``).

- **Go** (``go-refs``): the program is built at the run's commit with ``-trimpath`` and run with
  the run's ``args`` plus ``-profile-dir``; each file of ``recipe.profiles`` is stamped as
  Pyroscope's ingest stamps mappings (``regenerate.stamp``).
- **Python** (``python-refs``) and **Node.js** (``node-refs``): the app runs at each commit with
  the real SDK (``pyroscope-io``; ``@pyroscope/nodejs``, installed with npm when
  ``PYROSCOPE_NODE_SDK`` does not name its ``node_modules``) pushing to an in-process replay
  server; each pushed series of the run's ref is merged per profile type and added under the
  run's window.

``recipe.split_by`` (a sample label such as ``endpoint``) splits every profile by that label's
values into one series each, as Pyroscope's ingest turns a tag of the SDK into a series label.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.combine import encode_pprof
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.pyroscope.recording import Recording, RecordingStore
from profile_insights.agent.pyroscope.replay_server import ReplayServer

NODE_SDK = "@pyroscope/nodejs@0.6.4"
"""The Node.js SDK version the committed Node recordings were pushed with."""

Stamp = Callable[[bytes, str, str], bytes]
Materialize = Callable[[Path, dict[str, Any], Path], list[str]]


def split_by_label(data: bytes, key: str) -> dict[str, bytes]:
    """Return the profile split by the value of one sample label (``""``: samples without it).

    The label is removed from the samples it moves into a series label, as on ingest.
    """
    profile = profile_pb2.Profile()
    profile.ParseFromString(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
    strings = profile.string_table
    groups: dict[str, list[profile_pb2.Sample]] = {}
    for sample in profile.sample:
        value = next((strings[lab.str] for lab in sample.label if strings[lab.key] == key), "")
        groups.setdefault(value, []).append(sample)
    parts = {}
    for value, samples in groups.items():
        part = profile_pb2.Profile()
        part.CopyFrom(profile)
        del part.sample[:]
        for sample in samples:
            added = part.sample.add()
            added.CopyFrom(sample)
            kept = [lab for lab in sample.label if strings[lab.key] != key]
            del added.label[:]
            added.label.extend(kept)
        parts[value] = gzip.compress(part.SerializeToString(), compresslevel=9, mtime=0)
    return parts


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _checkout(repo: Path, ref: str) -> None:
    subprocess.run(["git", "checkout", "-q", ref], cwd=repo, check=True)


def _add(
    store: RecordingStore,
    labels: Mapping[str, str],
    types: list[tuple[str, str | None]],
    data: bytes,
    window: list[str],
    split_by: str | None,
) -> None:
    """Add one profile under the run's window, split into series by ``split_by`` if given."""
    parts = split_by_label(data, split_by) if split_by else {"": data}
    for value, part in sorted(parts.items()):
        series = dict(labels) | ({split_by: value} if split_by and value else {})
        store.add_profiles(series, types, part, _moment(window[0]), _moment(window[1]))


def _fresh_store(recording_dir: Path, recorded_at: datetime) -> RecordingStore:
    if recording_dir.exists():
        shutil.rmtree(recording_dir)
    store = RecordingStore(recording_dir)
    store.save(Recording(recorded_at=recorded_at))
    return store


def _labels(case: dict[str, Any], service: str, ref: str, run: dict[str, Any]) -> dict[str, str]:
    return {
        "service_name": service,
        "service_repository": case["origin"],
        "service_git_ref": ref,
        **run.get("labels", {}),
    }


def record_go_runs(
    case_dir: Path,
    case: dict[str, Any],
    recording_dir: Path,
    *,
    materialize: Materialize,
    stamp: Stamp,
    recorded_at: datetime,
) -> None:
    """Build and run the case's Go program at each run's commit; record each run's window."""
    recipe = case["recipe"]
    go = shutil.which("go")
    if go is None:
        sys.exit("go is not installed: Go recordings cannot be regenerated")
    with tempfile.TemporaryDirectory(prefix="pi-regen-") as tmp:
        repo = Path(tmp) / "repo"
        hashes = materialize(case_dir, case, repo)
        store = _fresh_store(recording_dir, recorded_at)
        env = {**os.environ, "GOFLAGS": "-buildvcs=false", "CGO_ENABLED": "0"}
        for number, run in enumerate(recipe["runs"]):
            ref = hashes[run["commit"]]
            _checkout(repo, ref)
            out = Path(tmp) / f"run{number}"
            out.mkdir()
            binary = out / Path(recipe["package"]).name
            build = [go, "build", "-trimpath", "-o", str(binary), recipe["package"]]
            subprocess.run(build, cwd=repo, env=env, check=True)
            args = [str(binary), *run["args"], "-profile-dir", str(out)]
            subprocess.run(args, cwd=repo, check=True, timeout=300)
            labels = _labels(case, recipe["service_name"], ref, run)
            for produced in run.get("profiles", recipe["profiles"]):
                types = [(t["profile_type"], t["sample_type"]) for t in produced["types"]]
                data = stamp((out / produced["output"]).read_bytes(), case["origin"], ref)
                _add(store, labels, types, data, run["window"], recipe.get("split_by"))
    print(f"regenerated {recording_dir} ({len(recipe['runs'])} runs)")


def _node_modules(tmp: Path) -> str:
    """Return a node_modules holding the Node.js SDK: PYROSCOPE_NODE_SDK's, or installed."""
    given = os.environ.get("PYROSCOPE_NODE_SDK")
    if given:
        return given
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is not installed: Node.js recordings cannot be regenerated")
    prefix = tmp / "node-sdk"
    subprocess.run([npm, "install", "--silent", "--prefix", str(prefix), NODE_SDK], check=True)
    return str(prefix / "node_modules")


def _app_command(recipe: dict[str, Any], url: str) -> list[str]:
    """Return the app's command line: the interpreter, the app, the push URL, its arguments."""
    interpreter = "node" if recipe["kind"] == "node-refs" else sys.executable
    return [interpreter, recipe["app"], url, *recipe.get("args", [])]


def record_sdk_runs(
    case_dir: Path,
    case: dict[str, Any],
    recording_dir: Path,
    *,
    materialize: Materialize,
    recorded_at: datetime,
) -> None:
    """Run the case's Python or Node.js app per run with the real SDK; record each window."""
    recipe = case["recipe"]
    service = recipe["service_name"]
    with tempfile.TemporaryDirectory(prefix="pi-regen-") as tmp_name:
        tmp = Path(tmp_name)
        repo = tmp / "srv" / service
        hashes = materialize(case_dir, case, repo)
        node_path = _node_modules(tmp) if recipe["kind"] == "node-refs" else None
        pushed = tmp / "pushed"
        with ReplayServer(pushed) as server:
            for run in recipe["runs"]:
                ref = hashes[run["commit"]]
                _checkout(repo, ref)
                tags = f"service_repository={case['origin']},service_git_ref={ref}"
                env = {**os.environ, "SERVICE_NAME": service, "PYROSCOPE_TAGS": tags}
                if node_path:
                    env["NODE_PATH"] = node_path
                command = _app_command(recipe, server.url)
                subprocess.run(command, cwd=repo, env=env, check=True, timeout=300)
        source = RecordedSource(pushed)
        store = _fresh_store(recording_dir, recorded_at)
        for run in recipe["runs"]:
            ref = hashes[run["commit"]]
            for series in source.recording().series:
                if series.labels.get("service_git_ref") != ref:
                    continue
                for profile_type in sorted({p.profile_type for p in series.profiles}):
                    entries = [p for p in series.profiles if p.profile_type == profile_type]
                    selector = f'{{service_name="{service}",service_git_ref="{ref}"}}'
                    start = min(p.start for p in entries)
                    end = max(p.end for p in entries)
                    merged = source.merge_to_profile(selector, profile_type, start, end)
                    data = encode_pprof(merged, compress=True)
                    types = [(profile_type, entries[0].sample_type)]
                    labels = dict(series.labels) | run.get("labels", {})
                    _add(store, labels, types, data, run["window"], recipe.get("split_by"))
    print(f"regenerated {recording_dir} ({len(recipe['runs'])} runs)")
