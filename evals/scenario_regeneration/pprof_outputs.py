"""``go tool pprof``'s text outputs, written beside a profile as ``NAME.<kind>.txt``.

The scenarios ship pprof's own text next to each profile, so a reader can compare a report
with what pprof prints without installing Go. pprof prints ``Time:`` in the local zone, hence
TZ=UTC; ``PPROF_BINARY_PATH`` is dropped so that no local binary changes the symbolization.
pprof is run in the profile's folder on the bare file name, as a person would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

#: One pprof run: its flags and the name of the file its standard output goes to.
PlannedRun = tuple[list[str], str]


def top_plan(name: str, sample_index: str | None = None) -> list[PlannedRun]:
    """Return the ``-lines -top -cum`` and ``-top`` runs of profile ``name``.

    With ``sample_index`` the runs select that sample type and their outputs are named
    ``NAME.si-<type>.top-cum-lines.txt`` and ``NAME.si-<type>.top.txt``.
    """
    flags = [f"-sample_index={sample_index}"] if sample_index else []
    stem = f"{name}.si-{sample_index}" if sample_index else name
    return [
        ([*flags, "-lines", "-top", "-cum"], f"{stem}.top-cum-lines.txt"),
        ([*flags, "-top"], f"{stem}.top.txt"),
    ]


def go_available() -> bool:
    """Return whether ``go`` (and so ``go tool pprof``) is on PATH."""
    return shutil.which("go") is not None


def write_pprof_outputs(profile: Path, plan: Sequence[PlannedRun]) -> list[dict[str, Any]]:
    """Run ``go tool pprof`` as planned, write each standard output beside ``profile``.

    Returns one record per run (output, flags, command, exit code, standard error, number of
    lines printed), in plan order; a failing run still writes what it printed.
    """
    env = dict(os.environ, TZ="UTC")
    env.pop("PPROF_BINARY_PATH", None)
    name = profile.name
    runs: list[dict[str, Any]] = []
    for args, output in plan:
        run = subprocess.run(
            ["go", "tool", "pprof", *args, name],
            cwd=profile.parent,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        (profile.parent / output).write_text(run.stdout, encoding="utf-8")
        runs.append(
            {
                "output": output,
                "args": args,
                "command": "go tool pprof " + " ".join([*args, name]),
                "exit_code": run.returncode,
                "stderr": run.stderr,
                "stdout_lines": len(run.stdout.splitlines()),
            }
        )
    return runs
