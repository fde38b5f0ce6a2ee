#!/usr/bin/env python3
"""Rebuild scenario services and record their profiles again.

For each scenario folder given (default: every folder beside this script that has an
expected.json), this script

1. copies the folder (without .git and profiles/) into a temporary directory and recreates
   its one-commit repository exactly as ../shared/scenarios/restore_git.sh does
   (``git add -A`` honouring the .gitignore, author and committer
   "Acme Developer <dev@acme.example>", date 2026-01-15T10:00:00+00:00, the recorded
   message) and checks that the hash is git_ref;
2. exports that commit (``git archive``) and builds it as expected.json "build" records:
   ``-trimpath`` or not, the build directory the profile's file names must show, the
   gcflags and the GNU build ID (``-ldflags -B 0x<git_ref>``);
3. runs the built service with the recorded load arguments and ``-profile-dir``;
4. replaces the scenario's profiles/ with the new profiles and the ``go tool pprof`` outputs
   beside each (NAME.top.txt, NAME.top-cum-lines.txt, NAME.si-<type>.top*.txt, NAME.raw.txt,
   NAME.oracle.json), with TZ=UTC.

Builds whose recorded file names start with an absolute build directory (for example
/build/<svc>/ or /srv/<svc>/src/) are compiled in the temporary copy and the compiler's
``-trimpath`` rewrite maps the copy's path to the recorded directory, so the binary's file
names are the recorded ones and nothing outside the scenario folders and temporary
directories is written. ``--in-build-dir`` instead copies the tree to the recorded directory
itself (it must not exist yet) and removes it afterwards.

Options: ``--update-ref`` writes the hash the commit got into expected.json (git_ref and, when
the build has one, build_id) instead of failing on a mismatch; ``--update-observed`` refreshes
the pprof percentages recorded in expected.json (observed, observed_lines) from the new
outputs; ``--gocache DIR`` reuses a Go build cache (default: a temporary one);
``--keep`` keeps the temporary directory. Standard library only.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
AUTHOR_NAME = "Acme Developer"
AUTHOR_EMAIL = "dev@acme.example"
COMMIT_DATE = "2026-01-15T10:00:00+00:00"


# --------------------------------------------------------------------------- git


def make_commit(scenario: Path, work: Path, message: str) -> tuple[Path, str]:
    """Copy the scenario to work/repo, commit it like restore_git.sh and return (repo, hash)."""
    repo = work / "repo"
    shutil.copytree(scenario, repo, ignore=shutil.ignore_patterns(".git"), symlinks=True)
    env = dict(os.environ)
    env.update(
        GIT_AUTHOR_NAME=AUTHOR_NAME,
        GIT_AUTHOR_EMAIL=AUTHOR_EMAIL,
        GIT_COMMITTER_NAME=AUTHOR_NAME,
        GIT_COMMITTER_EMAIL=AUTHOR_EMAIL,
        GIT_AUTHOR_DATE=COMMIT_DATE,
        GIT_COMMITTER_DATE=COMMIT_DATE,
    )

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
        ).stdout

    git("init", "-q", ".")
    git("symbolic-ref", "HEAD", "refs/heads/main")
    git("add", "-A", ".")
    git("-c", "commit.gpgsign=false", "-c", "core.autocrlf=false", "commit", "-q", "-m", message)
    return repo, git("rev-parse", "HEAD").strip()


def export_tree(repo: Path, dest: Path) -> None:
    """Write the files of HEAD (exactly the committed tree) into dest."""
    dest.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "HEAD"], cwd=repo, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)


# --------------------------------------------------------------------------- build


def go_build(
    data: dict[str, Any], tree: Path, out_dir: Path, gocache: Path, in_build_dir: bool
) -> Path:
    """Build the service from tree as expected.json "build" says; return the binary."""
    build = data["build"]
    module = data["module_path"]
    binary = build["binary"]
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
        args.append(f"-gcflags={module}/...={gcflags}")
    ldflags = []
    if build.get("build_id"):
        ldflags.append(f"-B 0x{build['build_id']}")
    if ldflags:
        args.append("-ldflags=" + " ".join(ldflags))
    out: Path = out_dir / binary
    args += ["-o", str(out), f"./cmd/{binary}"]
    env = dict(os.environ)
    env.update({k: str(v) for k, v in (build.get("env") or {}).items()})
    env.update(GOCACHE=str(gocache), GOPROXY="off", GOFLAGS="", GO111MODULE="on", GOWORK="off")
    try:
        run = subprocess.run(args, cwd=src, env=env, capture_output=True, text=True)
        if run.returncode != 0:
            raise SystemExit(f"go build failed ({' '.join(args)}):\n{run.stderr}")
    finally:
        if moved is not None:
            shutil.rmtree(moved)
    return out


# --------------------------------------------------------------------------- profile summary


def _varint(buf: bytes, i: int) -> tuple[int, int]:
    shift = result = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, i
        shift += 7


def _fields(buf: bytes) -> Iterator[tuple[int, int, Any]]:
    """Yield (field number, wire type, value) of a protobuf message."""
    i, n = 0, len(buf)
    while i < n:
        key, i = _varint(buf, i)
        num, wt = key >> 3, key & 7
        v: Any
        if wt == 0:
            v, i = _varint(buf, i)
        elif wt == 1:
            v = int.from_bytes(buf[i : i + 8], "little")
            i += 8
        elif wt == 2:
            ln, i = _varint(buf, i)
            v = buf[i : i + ln]
            i += ln
        elif wt == 5:
            v = int.from_bytes(buf[i : i + 4], "little")
            i += 4
        else:
            raise ValueError(f"wire type {wt}")
        yield num, wt, v


def _ints(wt: int, v: Any) -> list[int]:
    if wt == 2:
        out, i = [], 0
        while i < len(v):
            x, i = _varint(v, i)
            out.append(x)
        return out
    return [v]


def _signed(x: int) -> int:
    return x - (1 << 64) if x >= 1 << 63 else x


def summarize(path: Path) -> dict[str, Any]:
    """Decode the pprof protobuf at path into the summary stored in NAME.oracle.json."""
    raw = path.read_bytes()
    gz = raw[:2] == b"\x1f\x8b"
    body = gzip.decompress(raw) if gz else raw
    strings: list[bytes] = []
    sample_types, samples, mappings, locations, functions, comments = [], [], [], [], 0, []
    period_type = None
    scalars = {"drop": 0, "keep": 0, "time": 0, "duration": 0, "period": 0, "default": 0, "doc": 0}
    for num, wt, v in _fields(body):
        if num == 1:
            t = dict((n, x) for n, _, x in _fields(v))
            sample_types.append((t.get(1, 0), t.get(2, 0)))
        elif num == 2:
            values, labels = [], []
            for n, w, x in _fields(v):
                if n == 2:
                    values += [_signed(y) for y in _ints(w, x)]
                elif n == 3:
                    labels.append(dict((a, b) for a, _, b in _fields(x)).get(1, 0))
            samples.append((values, labels))
        elif num == 3:
            mappings.append(dict((n, x) for n, _, x in _fields(v)))
        elif num == 4:
            lines = sum(1 for n, _, _ in _fields(v) if n == 4)
            locations.append(lines)
        elif num == 5:
            functions += 1
        elif num == 6:
            strings.append(v)
        elif num == 7:
            scalars["drop"] = v
        elif num == 8:
            scalars["keep"] = v
        elif num == 9:
            scalars["time"] = _signed(v)
        elif num == 10:
            scalars["duration"] = _signed(v)
        elif num == 11:
            t = dict((n, x) for n, _, x in _fields(v))
            period_type = (t.get(1, 0), t.get(2, 0))
        elif num == 12:
            scalars["period"] = _signed(v)
        elif num == 13:
            comments += _ints(wt, v)
        elif num == 14:
            scalars["default"] = v
        elif num == 15:
            scalars["doc"] = v

    def s(i: int) -> str:
        return strings[i].decode("utf-8", "replace") if 0 <= i < len(strings) else ""

    sums = [0] * len(sample_types)
    label_keys: list[str] = []
    for values, labels in samples:
        for k, x in enumerate(values[: len(sums)]):
            sums[k] += abs(x)
        for key in labels:
            if s(key) not in label_keys:
                label_keys.append(s(key))
    main = mappings[0] if mappings else {}
    return {
        "file": path.name,
        "size_bytes": len(raw),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "profile": {
            "gzip": gz,
            "uncompressed_bytes": len(body),
            "sample_types": [{"type": s(t), "unit": s(u)} for t, u in sample_types],
            "default_sample_type": s(scalars["default"]),
            "period_type": {"type": s(period_type[0]), "unit": s(period_type[1])}
            if period_type
            else None,
            "period": scalars["period"],
            "time_nanos": scalars["time"],
            "duration_nanos": scalars["duration"],
            "comments": [s(c) for c in comments],
            "drop_frames": s(scalars["drop"]),
            "keep_frames": s(scalars["keep"]),
            "doc_url": s(scalars["doc"]),
            "samples": len(samples),
            "locations": len(locations),
            "functions": functions,
            "mappings": len(mappings),
            "strings": len(strings),
            "inline_locations": sum(1 for n in locations if n > 1),
            "locations_without_lines": sum(1 for n in locations if n == 0),
            "label_keys": label_keys,
            "main_mapping": {"file": s(main.get(5, 0)), "build_id": s(main.get(6, 0))},
            "sum_abs_values": sums,
        },
    }


# --------------------------------------------------------------------------- pprof outputs


def pprof_outputs(profile: Path) -> None:
    """Write the go tool pprof outputs beside profile and its NAME.oracle.json."""
    summary = summarize(profile)
    name = profile.name
    plan = [
        (["-lines", "-top", "-cum"], f"{name}.top-cum-lines.txt"),
        (["-top"], f"{name}.top.txt"),
    ]
    for st in summary["profile"]["sample_types"]:
        t = st["type"]
        plan.append(
            ([f"-sample_index={t}", "-lines", "-top", "-cum"], f"{name}.si-{t}.top-cum-lines.txt")
        )
        plan.append(([f"-sample_index={t}", "-top"], f"{name}.si-{t}.top.txt"))
    plan.append((["-raw"], f"{name}.raw.txt"))
    env = dict(os.environ, TZ="UTC")
    env.pop("PPROF_BINARY_PATH", None)
    runs = []
    for args, output in plan:
        run = subprocess.run(
            ["go", "tool", "pprof", *args, name],
            cwd=profile.parent,
            env=env,
            capture_output=True,
            text=True,
        )
        (profile.parent / output).write_text(run.stdout, encoding="utf-8")
        runs.append(
            {
                "output": output,
                "args": args,
                "command": "go tool pprof " + " ".join(args + [name]),
                "exit_code": run.returncode,
                "stderr": run.stderr,
                "stdout_lines": len(run.stdout.splitlines()),
            }
        )
    summary["runs"] = runs
    (profile.parent / f"{name}.oracle.json").write_text(json.dumps(summary, indent=2) + "\n")


# --------------------------------------------------------------------------- observed numbers

ROW = re.compile(
    r"^\s*(?P<flat>\S+)\s+(?P<flatp>[\d.]+)%\s+(?P<sump>[\d.]+)%\s+(?P<cum>\S+)\s+(?P<cump>[\d.]+)%\s+(?P<rest>.+?)\s*$"
)


def parse_rows(text: str) -> list[dict[str, Any]]:
    """Return the rows of a ``pprof -top`` text (flat, cum and their percentages, name)."""
    rows = []
    started = False
    for line in text.splitlines():
        if line.strip().startswith("flat  flat%"):
            started = True
            continue
        if not started:
            continue
        m = ROW.match(line)
        if not m:
            continue
        rest = m["rest"]
        inline = rest.endswith(" (inline)")
        partial = rest.endswith(" (partial-inline)")
        if inline or partial:
            rest = rest.rsplit(" ", 1)[0]
        parts = rest.split(" ")
        func, loc = parts[0], (parts[1] if len(parts) > 1 else "")
        file, _, ln = loc.rpartition(":")
        rows.append(
            {
                "function": func,
                "file": file if loc else None,
                "line": int(ln) if loc and ln.isdigit() else None,
                "flat": m["flat"],
                "flat_pct": float(m["flatp"]),
                "cum": m["cum"],
                "cum_pct": float(m["cump"]),
                "inline": inline,
            }
        )
    return rows


def update_observed(scenario: Path, data: dict[str, Any]) -> None:
    """Refresh observed / observed_lines of every hot function from the pprof outputs."""
    for prof in data["profiles"]:
        pdir = scenario / Path(prof["file"]).parent
        name = Path(prof["file"]).name
        si = prof["pprof_sample_index"]
        top = parse_rows((pdir / f"{name}.si-{si}.top.txt").read_text())
        lines = parse_rows((pdir / f"{name}.si-{si}.top-cum-lines.txt").read_text())
        for hot in prof.get("hot_functions", []):
            fn = hot["function"]
            row = next((r for r in top if r["function"] == fn), None)
            hot["observed"] = (
                {
                    "flat_pct": row["flat_pct"],
                    "cum_pct": row["cum_pct"],
                    "flat": row["flat"],
                    "cum": row["cum"],
                }
                if row
                else None
            )
            obs = []
            for ln in hot.get("hot_lines", []):
                r = next((r for r in lines if r["function"] == fn and r["line"] == ln), None)
                if r:
                    obs.append(
                        {
                            "line": ln,
                            "cum_pct": r["cum_pct"],
                            "flat_pct": r["flat_pct"],
                            "inline": r["inline"],
                        }
                    )
            hot["observed_lines"] = obs


# --------------------------------------------------------------------------- main


def regenerate(scenario: Path, args: argparse.Namespace, gocache: Path) -> None:
    """Rebuild one scenario from its commit, run its load and rewrite its profiles."""
    exp_path = scenario / "expected.json"
    data = json.loads(exp_path.read_text())
    work = Path(tempfile.mkdtemp(prefix=f"regen-{scenario.name}-"))
    try:
        repo, ref = make_commit(scenario, work, data["git_commit"]["message"])
        if ref != data.get("git_ref"):
            if not args.update_ref:
                raise SystemExit(
                    f"{scenario.name}: commit is {ref}, expected.json says {data.get('git_ref')}"
                )
            data["git_ref"] = ref
            if data["build"].get("build_id"):
                data["build"]["build_id"] = ref
        tree = work / data["service_name"]
        export_tree(repo, tree)
        bindir = work / "bin"
        bindir.mkdir()
        binary = go_build(data, tree, bindir, gocache, args.in_build_dir)
        out = work / "profiles"
        out.mkdir()
        load = data.get("load") or {}
        env = dict(os.environ, TZ="UTC")
        env.update({k: str(v) for k, v in (load.get("env") or {}).items()})
        cmd = [str(binary), *load.get("args", []), "-profile-dir", str(out)]
        run = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, timeout=300)
        if run.returncode != 0:
            raise SystemExit(f"{scenario.name}: load failed ({run.returncode}):\n{run.stderr}")
        print(
            f"{scenario.name}: {ref} "
            f"{run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ''}"
        )
        dest = scenario / "profiles"
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir()
        for p in sorted(out.iterdir()):
            shutil.copy2(p, dest / p.name)
            if p.name.endswith(".pb.gz"):
                pprof_outputs(dest / p.name)
        if args.update_observed:
            update_observed(scenario, data)
        if args.update_ref or args.update_observed:
            exp_path.write_text(json.dumps(data, indent=2) + "\n")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    """Regenerate the scenarios named on the command line (default: every one)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("scenarios", nargs="*", help="scenario folders or names (default: all)")
    ap.add_argument(
        "--update-ref", action="store_true", help="write the new commit hash into expected.json"
    )
    ap.add_argument(
        "--update-observed",
        action="store_true",
        help="refresh observed percentages in expected.json",
    )
    ap.add_argument(
        "--in-build-dir", action="store_true", help="build in the recorded build directory itself"
    )
    ap.add_argument("--gocache", help="Go build cache to use (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directories")
    args = ap.parse_args()
    if args.scenarios:
        dirs = [Path(s) if Path(s).is_dir() else HERE / s for s in args.scenarios]
    else:
        dirs = sorted(p for p in HERE.iterdir() if (p / "expected.json").is_file())
    tmpcache = None
    if args.gocache:
        gocache = Path(args.gocache)
    else:
        tmpcache = Path(tempfile.mkdtemp(prefix="regen-gocache-"))
        gocache = tmpcache
    try:
        for d in dirs:
            d = d.resolve()
            if not (d / "expected.json").is_file():
                print(f"skip {d}: no expected.json", file=sys.stderr)
                continue
            regenerate(d, args, gocache)
    finally:
        if tmpcache is not None:
            subprocess.run(["chmod", "-R", "u+w", str(tmpcache)], check=False)
            shutil.rmtree(tmpcache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
