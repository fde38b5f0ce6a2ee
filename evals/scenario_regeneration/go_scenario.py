"""Rebuild a Go scenario service and record its profiles again (``regenerate_go.py``).

For each scenario folder given (default: every Go scenario of the corpus) it

1. recreates the one-commit repository in a temporary directory and checks that the hash is
   ``git_ref`` (:mod:`scenario_tree`);
2. exports that commit and builds it as ``expected.json`` "build" records: ``-trimpath`` or
   not, the build directory the profile's file names must show, the gcflags and the GNU build
   ID (``-ldflags -B 0x<git_ref>``);
3. runs the built service with the recorded load arguments and ``-profile-dir``;
4. replaces the scenario's profiles/ with the new profiles, the ``go tool pprof`` outputs and
   ``NAME.oracle.json`` beside each (:mod:`oracle`).

Builds whose recorded file names start with an absolute build directory (``/build/<svc>/``,
``/srv/<svc>/src/``) are compiled in the temporary copy, and the compiler's ``-trimpath``
rewrite maps the copy's path to the recorded directory, so the binary's file names are the
recorded ones and nothing outside the scenario folders and temporary directories is written.
``--in-build-dir`` instead copies the tree to the recorded directory itself (it must not exist
yet) and removes it afterwards.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from profile_insights.evals.scenario_regeneration.observed import update_go_observed
from profile_insights.evals.scenario_regeneration.oracle import write_oracle
from profile_insights.evals.scenario_regeneration.scenario_tree import (
    export_tree,
    make_commit,
    read_expected,
    scenario_dirs,
    write_expected,
)


@dataclass(frozen=True)
class GoOptions:
    """What the command line asked for."""

    update_ref: bool
    """Write the hash the commit got into expected.json instead of failing on a mismatch."""
    update_observed: bool
    """Refresh the observed numbers of expected.json from the new profiles."""
    in_build_dir: bool
    """Build in the recorded build directory itself."""
    keep: bool
    """Keep the temporary directory."""


def go_build(
    data: dict[str, Any], tree: Path, out_dir: Path, gocache: Path, in_build_dir: bool
) -> Path:
    """Build the service from ``tree`` as expected.json "build" says; return the binary."""
    build = data["build"]
    build_dir = build.get("build_dir")
    src = tree
    moved = None
    if build_dir and in_build_dir:
        target = Path(build_dir)
        if target.exists():
            raise SystemExit(f"{target} exists; refusing to build there (drop --in-build-dir)")
        moved = target
        while not moved.parent.exists():
            moved = moved.parent
        shutil.copytree(tree, target)
        src = target
    args = ["go", "build"]
    if build.get("trimpath"):
        args.append("-trimpath")
    gcflags = (build.get("gcflags") or "").strip()
    if build_dir and not in_build_dir:
        # Record file names as if compiled in build_dir (the compiler's own path rewrite).
        gcflags = (gcflags + f" -trimpath={src}=>{build_dir.rstrip('/')}").strip()
    if gcflags:
        args.append(f"-gcflags={data['module_path']}/...={gcflags}")
    if build.get("build_id"):
        args.append(f"-ldflags=-B 0x{build['build_id']}")
    out = out_dir / str(build["binary"])
    args += ["-o", str(out), f"./cmd/{build['binary']}"]
    env = dict(os.environ)
    env.update({k: str(v) for k, v in (build.get("env") or {}).items()})
    env.update(GOCACHE=str(gocache), GOPROXY="off", GOFLAGS="", GO111MODULE="on", GOWORK="off")
    try:
        run = subprocess.run(args, cwd=src, env=env, capture_output=True, text=True, check=False)
        if run.returncode != 0:
            raise SystemExit(f"go build failed ({' '.join(args)}):\n{run.stderr}")
    finally:
        if moved is not None:
            shutil.rmtree(moved)
    return out


def run_load(name: str, data: dict[str, Any], binary: Path, work: Path, out: Path) -> str:
    """Run the service's recorded load with ``-profile-dir out``; return its last log line."""
    load = data.get("load") or {}
    env = dict(os.environ, TZ="UTC")
    env.update({k: str(v) for k, v in (load.get("env") or {}).items()})
    command = [str(binary), *load.get("args", []), "-profile-dir", str(out)]
    run = subprocess.run(
        command, cwd=work, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    if run.returncode != 0:
        raise SystemExit(f"{name}: load failed ({run.returncode}):\n{run.stderr}")
    return run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ""


def _check_ref(name: str, data: dict[str, Any], ref: str, update_ref: bool) -> None:
    """Fail unless the commit is expected.json's git_ref; with update_ref record the new one."""
    if ref == data.get("git_ref"):
        return
    if not update_ref:
        raise SystemExit(f"{name}: commit is {ref}, expected.json says {data.get('git_ref')}")
    data["git_ref"] = ref
    if data["build"].get("build_id"):
        data["build"]["build_id"] = ref


def _replace_profiles(scenario: Path, out: Path) -> None:
    """Make the new profiles the scenario's profiles/, with pprof's outputs beside each."""
    dest = scenario / "profiles"
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir()
    for produced in sorted(out.iterdir()):
        shutil.copy2(produced, dest / produced.name)
        if produced.name.endswith(".pb.gz"):
            write_oracle(dest / produced.name)


def regenerate(scenario: Path, options: GoOptions, gocache: Path) -> None:
    """Rebuild one scenario from its commit, run its load and rewrite its profiles."""
    data = read_expected(scenario)
    work = Path(tempfile.mkdtemp(prefix=f"regen-{scenario.name}-"))
    try:
        repo = work / "repo"
        ref = make_commit(scenario, repo, data["git_commit"]["message"])
        _check_ref(scenario.name, data, ref, options.update_ref)
        tree = work / data["service_name"]
        export_tree(repo, tree)
        bindir = work / "bin"
        bindir.mkdir()
        binary = go_build(data, tree, bindir, gocache, options.in_build_dir)
        out = work / "profiles"
        out.mkdir()
        print(f"{scenario.name}: {ref} {run_load(scenario.name, data, binary, work, out)}")
        _replace_profiles(scenario, out)
        if options.update_observed:
            update_go_observed(scenario, data)
        if options.update_ref or options.update_observed:
            write_expected(scenario, data)
    finally:
        if options.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Rebuild Go scenario services and record again.")
    parser.add_argument("scenarios", nargs="*", help="scenario folders or names (default: all)")
    parser.add_argument(
        "--update-ref", action="store_true", help="write the new commit hash into expected.json"
    )
    parser.add_argument(
        "--update-observed", action="store_true", help="refresh observed numbers in expected.json"
    )
    parser.add_argument(
        "--in-build-dir", action="store_true", help="build in the recorded build directory itself"
    )
    parser.add_argument("--gocache", help="Go build cache to use (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directories")
    return parser


def main(corpus: Path, argv: Sequence[str] | None = None) -> int:
    """Regenerate the Go scenarios named on the command line (default: every one in corpus)."""
    args = _parser().parse_args(argv)
    options = GoOptions(args.update_ref, args.update_observed, args.in_build_dir, args.keep)
    tmpcache = None
    if args.gocache:
        gocache = Path(args.gocache)
    else:
        tmpcache = gocache = Path(tempfile.mkdtemp(prefix="regen-gocache-"))
    try:
        for scenario in scenario_dirs(corpus, args.scenarios, ["go"]):
            if not (scenario / "expected.json").is_file():
                print(f"skip {scenario}: no expected.json", file=sys.stderr)
                continue
            regenerate(scenario, options, gocache)
    finally:
        if tmpcache is not None:
            # Go makes its cache read-only; make it writable again so it can be removed.
            subprocess.run(["chmod", "-R", "u+w", str(tmpcache)], check=False)
            shutil.rmtree(tmpcache, ignore_errors=True)
    return 0
