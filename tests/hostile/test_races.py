"""Processes racing on one recording, and processes killed while they write one.

Processes are released at one moment by a start file (each polls for it), so that they really
contend. A recording is shared by whatever writes into it (``recording add`` from scripts,
``serve`` taking pushes, ``record``): every profile added must be kept, each in its own file,
and a writer killed at any moment must leave a recording that still opens with every profile
added before it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from profile_insights.agent.pyroscope.recording import load_recording
from tests.hostile import files
from tests.hostile.conftest import Sandbox
from tests.hostile.figures import record_case

pytestmark = [pytest.mark.integration]

CLI = str(Path(sys.executable).parent / "profile-insights")
# Waits for the start file, then becomes the command (argv[2:]).
RELEASE = (
    "import os, sys, time\n"
    "start = sys.argv[1]\n"
    "while not os.path.exists(start):\n"
    "    time.sleep(0.001)\n"
    "os.execv(sys.argv[2], sys.argv[2:])\n"
)


def _add(recording: Path, profile: Path, service: str) -> list[str]:
    return [
        CLI,
        "recording",
        "add",
        str(recording),
        "--profile",
        str(profile),
        "--profile-type",
        files.CPU,
        "--label",
        f"service_name={service}",
    ]


def _released_together(
    commands: list[list[str]], sandbox: Sandbox
) -> list[subprocess.CompletedProcess[str]]:
    start = sandbox.root / "start"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", RELEASE, str(start), *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env=sandbox.env(),
            cwd=sandbox.work,
        )
        for command in commands
    ]
    time.sleep(1.0)  # every process started and polling
    start.touch()
    done = []
    for process, command in zip(processes, commands, strict=True):
        out, err = process.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(command, process.returncode, out, err))
    return done


def test_eight_processes_adding_to_one_recording_at_once_keep_every_profile(
    sandbox: Sandbox,
) -> None:
    record_case("cli recording add")
    profile = files.write(sandbox.work / "cpu.pb.gz", files.DEMO_PROFILE.read_bytes())
    recording = sandbox.work / "rec"
    services = ["checkout"] * 4 + [f"svc-{index}" for index in range(4)]
    results = _released_together([_add(recording, profile, s) for s in services], sandbox)

    for result in results:
        assert result.returncode == 0, result.stderr[-600:]
        assert "Traceback" not in result.stderr
    loaded = load_recording(recording)
    entries = [entry for series in loaded.series for entry in series.profiles]
    assert len(entries) == len(services), f"{len(entries)} of {len(services)} profiles kept"
    assert len({entry.file for entry in entries}) == len(services), "two adds shared one file"
    assert sorted(s.labels["service_name"] for s in loaded.series) == sorted(set(services))
    for entry in entries:
        assert (recording / entry.file).stat().st_size > 0


def test_a_recording_add_killed_at_any_moment_leaves_a_recording_that_opens(
    sandbox: Sandbox,
) -> None:
    record_case("cli recording add")
    profile = files.write(sandbox.work / "cpu.pb.gz", files.DEMO_PROFILE.read_bytes())
    recording = sandbox.work / "rec"
    first = subprocess.run(
        _add(recording, profile, "checkout"), env=sandbox.env(), capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    # Killed after a growing delay: before it read anything, while it decodes, while it
    # writes; whenever it dies, the recording opens and keeps what was added before.
    for delay in (0.05, 0.2, 0.4, 0.6, 0.8, 1.0, 1.5):
        process = subprocess.Popen(
            _add(recording, profile, "checkout"),
            env=sandbox.env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        loaded = load_recording(recording)
        entries = [entry for series in loaded.series for entry in series.profiles]
        assert entries, f"killed after {delay}s: the profile added before was lost"
        for entry in entries:
            assert (recording / entry.file).is_file(), f"killed after {delay}s: {entry.file}"
    after = subprocess.run(
        [CLI, "ask", files.QUESTION, "--recording", str(recording), "--no-input"],
        env=sandbox.env(),
        capture_output=True,
        text=True,
        cwd=sandbox.work,
    )
    assert after.returncode == 0, after.stderr[-600:]
    assert "# Profile insights" in after.stdout
