"""The interactive ask: the CLI prompts at the service question and prints the report."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from profile_insights.agent.cli import ask as ask_commands
from profile_insights.agent.cli.app import app
from tests.graph.conftest import CPU, Entry, write_recording


def test_an_interactive_ask_prompts_for_the_service_then_prints_the_report(
    tmp_path: Path, demo_checkout: Path, demo_cpu: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    recording = write_recording(
        tmp_path / "recording",
        [
            Entry("checkout-api", CPU, demo_cpu, ago=timedelta(minutes=5)),
            Entry("checkout-worker", CPU, demo_cpu, ago=timedelta(minutes=5), repository=None),
        ],
    )
    # CliRunner's stdin is not a TTY; this stands for a person at a terminal.
    monkeypatch.setattr(ask_commands, "_interactive", lambda no_input: not no_input)
    result = CliRunner().invoke(
        app,
        [
            "ask",
            "Why is checkout slow?",
            "--repo",
            str(demo_checkout),
            "--recording",
            str(recording),
            "--format",
            "json",
            "--state-dir",
            str(tmp_path / "state"),
        ],
        input="nope\ncheckout-worker\n",
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout[result.stdout.index("{") :])
    assert report["services"] == ["checkout-worker"]
    assert "'nope' is not one of the services" in result.output


def test_an_interactive_answer_that_is_not_a_url_is_asked_again(
    tmp_path: Path, demo_checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("PROFILECLI_URL", "PROFILECLI_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")  # no profilecli: the HTTP client is used
    monkeypatch.setattr(ask_commands, "_interactive", lambda no_input: not no_input)
    result = CliRunner().invoke(
        app,
        [
            "ask",
            "Why is checkout slow?",
            "--repo",
            str(demo_checkout),
            "--state-dir",
            str(tmp_path / "state"),
        ],
        input="ftp://example.com\n\n",
    )
    # The first answer is refused with the schema's reason and the question comes back;
    # the second prompt then gets end of input and the command stops.
    assert "http:// or https://" in result.output
    assert result.output.count("cannot query Pyroscope") >= 2


def test_leaving_the_prompt_says_how_to_resume_the_saved_thread(
    tmp_path: Path, demo_checkout: Path, demo_cpu: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    recording = write_recording(
        tmp_path / "recording",
        [
            Entry("checkout-api", CPU, demo_cpu, ago=timedelta(minutes=5)),
            Entry("checkout-worker", CPU, demo_cpu, ago=timedelta(minutes=5), repository=None),
        ],
    )
    monkeypatch.setattr(ask_commands, "_interactive", lambda no_input: not no_input)
    result = CliRunner().invoke(
        app,
        [
            "ask",
            "Why is checkout slow?",
            "--repo",
            str(demo_checkout),
            "--recording",
            str(recording),
            "--state-dir",
            str(tmp_path / "state"),
            "--thread-id",
            "t-left",
        ],
        input="",  # end of input at the prompt, as Ctrl-D
    )
    assert result.exit_code == 1
    assert "profile-insights resume t-left --answer" in result.output
    # The thread and the options it was asked with are in the store, for any process.
    from profile_insights.agent.threads.options import stored_options
    from profile_insights.agent.threads.store import thread_store

    with thread_store(state_dir=tmp_path / "state") as saver:
        options = stored_options(saver, "t-left")
    assert options is not None
    assert options.repo == str(demo_checkout.resolve())
    assert options.recording == str(recording.resolve())


def test_ctrl_c_at_the_prompt_of_a_terminal_says_how_to_resume(
    tmp_path: Path, demo_checkout: Path, demo_cpu: bytes
) -> None:
    import os
    import pty
    import select
    import signal
    import sys
    import time

    recording = write_recording(
        tmp_path / "recording",
        [
            Entry("checkout-api", CPU, demo_cpu, ago=timedelta(minutes=5)),
            Entry("checkout-worker", CPU, demo_cpu, ago=timedelta(minutes=5), repository=None),
        ],
    )
    cli = str(Path(sys.executable).parent / "profile-insights")
    argv = [cli, "ask", "Why is checkout slow?", "--repo", str(demo_checkout)]
    argv += ["--recording", str(recording), "--state-dir", str(tmp_path / "state")]
    argv += ["--thread-id", "t-int"]
    # A real terminal: Ctrl-C there is the tty sending SIGINT, not end of input.
    pid, terminal = pty.fork()
    if pid == 0:
        # A child that hangs dumps every thread's stack on SIGABRT, for the failure message.
        os.execve(cli, argv, {**os.environ, "PYTHONFAULTHANDLER": "1"})
    seen = b""
    deadline = time.monotonic() + 120
    while b"answer:" not in seen and time.monotonic() < deadline:
        if select.select([terminal], [], [], 0.5)[0]:
            seen += os.read(terminal, 65536)
    if b"answer:" not in seen:
        # Never leave the child blocked on a terminal nobody reads (the run would hang).
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        pytest.fail(f"no prompt within 120 s: {seen.decode(errors='replace')[-2000:]}")
    os.write(terminal, b"\x03")

    def read_until_closed(seconds: float) -> bool:
        nonlocal seen
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not select.select([terminal], [], [], 0.5)[0]:
                continue
            try:
                chunk = os.read(terminal, 65536)
            except OSError:  # the child closed the terminal
                return True
            if not chunk:
                return True
            seen += chunk
        return False

    if not read_until_closed(60):
        os.kill(pid, signal.SIGABRT)  # faulthandler prints where each thread is stuck
        read_until_closed(10)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        pytest.fail(f"still running 60 s after Ctrl-C: {seen.decode(errors='replace')[-6000:]}")
    _, status = os.waitpid(pid, 0)
    text = " ".join(seen.decode(errors="replace").split())

    assert os.waitstatus_to_exitcode(status) == 1
    assert "Traceback" not in text
    assert "profile-insights resume t-int --answer" in text
