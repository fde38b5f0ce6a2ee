"""Mistakes a user makes at the command line: a clear message, the right exit code, no traceback.

Bad usage (a malformed option value) exits 2 before anything runs; a problem with the
environment (state directory, thread store) exits 1 with what to do; a finished report is never
lost because its output file cannot be written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from profile_insights.agent.cli.app import main
from tests.conftest import REPO_ROOT

RECORDING = REPO_ROOT / "agent/demo/recording"
DEMO_REPO = REPO_ROOT / "agent/demo/service"
PROFILE = RECORDING / "profiles/checkout-cpu-0.pb.gz"
QUESTION = "Why is checkout slow?"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROFILE_INSIGHTS_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    for name in ("PROFILECLI_URL", "PROFILECLI_TOKEN", "PROFILECLI_TENANT_ID"):
        monkeypatch.delenv(name, raising=False)


def ask(*options: str, question: str = QUESTION) -> list[str]:
    return ["ask", question, "--repo", str(DEMO_REPO), "--no-input", *options]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Traceback" not in out
    # Compare words, not line breaks: typer's usage errors may still wrap.
    return code, out, " ".join(err.split())


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--url", "not-a-url"], "--url must be an http:// or https:// URL"),
        (["--url", "http://[::1"], "--url is malformed (Invalid IPv6 URL)"),
        (["--url", "http://localhost:99999"], "--url is malformed (Port out of range 0-65535)"),
        (["--recording", str(RECORDING), "--profile-type", "bogus"], "--profile-type must be"),
    ],
)
def test_a_malformed_option_is_bad_usage_before_anything_runs(
    options: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(ask(*options), capsys)

    assert code == 2
    assert expected in err
    assert "check_tools" not in err  # refused before the graph started


def test_a_url_with_credentials_is_refused_without_echoing_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(ask("--url", "http://admin:hunter2@pyroscope:4040"), capsys)

    assert code == 2
    assert "PROFILECLI_TOKEN" in err
    assert "hunter2" not in err + out


@pytest.mark.parametrize("where", ["missing-dir/report.md", "."])
def test_an_output_path_that_cannot_be_written_is_refused_before_the_run(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / where
    code, out, err = run(ask("--recording", str(RECORDING), "--output", str(output)), capsys)

    assert code == 2
    assert "--output" in err
    assert "check_tools" not in err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full to fail a write")
def test_a_report_whose_file_write_fails_is_printed_instead_of_lost(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(ask("--recording", str(RECORDING), "--output", "/dev/full"), capsys)

    assert code == 1
    assert out.startswith("# Profile insights")
    assert "printed to stdout instead" in err


def test_a_state_dir_that_is_a_file_says_to_point_it_at_a_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    code, out, err = run(ask("--recording", str(RECORDING), "--state-dir", str(not_a_dir)), capsys)

    assert code == 1
    assert "not a directory" in err and "--state-dir" in err


def test_a_damaged_thread_store_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = tmp_path / "damaged"
    state.mkdir()
    (state / "threads.sqlite").write_text("not a database, not at all " * 10)
    code, out, err = run(ask("--recording", str(RECORDING), "--state-dir", str(state)), capsys)

    assert code == 1
    assert "thread store" in err and "--state-dir" in err


def test_resume_of_an_unknown_thread_names_the_store_and_its_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An options file of the older layout that is damaged does not make a thread either.
    threads = tmp_path / "state" / "threads"
    threads.mkdir(parents=True)
    (threads / "t1.json").write_text("{broken")
    code, out, err = run(["resume", "t1", "--answer", "checkout"], capsys)

    assert code == 1
    message = " ".join(err.split())
    assert f"no thread t1 in {tmp_path / 'state' / 'threads.sqlite'}" in message
    assert "the same --state-dir" in message and "ask the question again" in message
    assert "Traceback" not in err


def test_error_messages_keep_their_brackets(capsys: pytest.CaptureFixture[str]) -> None:
    # rich would take "[samples cpu]" for markup and print nothing of it.
    code, out, err = run(["top", str(PROFILE), "--sample-index", "bogus"], capsys)

    assert code == 1
    assert "[samples cpu]" in err


def test_an_error_naming_a_long_path_keeps_the_path_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A user greps or copies the path from the message: the console must not hard-wrap it.
    deep = tmp_path.joinpath(*["a-rather-long-directory-name"] * 6)
    deep.mkdir(parents=True)
    profile = deep / "not-a-profile.pb.gz"
    profile.write_bytes(b"this is not pprof")

    code = main(["top", str(profile)])
    err = capsys.readouterr().err

    assert code == 1
    assert str(profile) in err.splitlines()[0]


def test_a_pending_question_says_how_to_answer_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(ask("--url", "http://127.0.0.1:9"), capsys)

    assert code == 10
    pending = json.loads(out)
    assert pending["question"]["kind"] == "configure_connection"
    assert f"profile-insights resume {pending['thread_id']} --answer" in err


def test_bad_usage_writes_nothing(tmp_path: Path) -> None:
    output = tmp_path / "report.md"
    assert main(ask("--url", "not-a-url", "--output", str(output))) == 2
    assert not output.exists()
    assert not (tmp_path / "state").exists()  # no thread was saved for a refused run


def test_an_empty_question_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(ask("--recording", str(RECORDING), question="  "), capsys)

    assert code == 2 and "the question is empty" in err


@pytest.mark.parametrize(
    "command",
    [
        ["serve", "--port", "0", "--recording"],
        ["record", "--url", "http://127.0.0.1:9", "--query", "{}", "--out"],
    ],
)
def test_a_recording_path_that_is_a_file_is_refused_before_any_work(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a recording")
    code, out, err = run([*command, str(a_file)], capsys)

    assert code == 1
    assert "is a file, not a recording directory" in err
    assert a_file.read_text() == "not a recording"


def test_ctrl_c_during_a_slow_query_stops_at_once_with_a_message(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    from profile_insights.agent.pyroscope.replay_server import Faults, ReplayServer

    cli = str(Path(sys.executable).parent / "profile-insights")
    env = {**os.environ, "PROFILE_INSIGHTS_STATE_DIR": str(tmp_path / "state"), "NO_COLOR": "1"}
    with ReplayServer(RECORDING, faults=Faults(latency=20)) as server:
        child = subprocess.Popen(
            [cli, *ask("--url", server.url)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stderr is not None
        # The first line comes at once, before the graph loads; the second is the first step.
        assert "start" in child.stderr.readline()
        assert "check_tools" in child.stderr.readline()  # the first query is now in flight
        time.sleep(0.5)
        child.send_signal(signal.SIGINT)
        started = time.monotonic()
        out, err = child.communicate(timeout=30)
        waited = time.monotonic() - started

    assert waited < 5, f"Ctrl-C took {waited:.1f}s: the run waited for the slow query"
    assert child.returncode == 1
    assert "Traceback" not in err
    # tests/threads/test_crashes.py runs the command it names and gets the report.
    message = " ".join(err.split())
    assert "interrupted (Ctrl-C) during check_connection" in message
    assert "profile-insights resume " in message and "--state-dir" in message


def test_ctrl_c_in_any_command_says_so_and_exits_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from profile_insights.agent.profiles import decode

    def interrupted(*_args: object, **_kwargs: object) -> bytes:
        raise KeyboardInterrupt

    monkeypatch.setattr(decode, "read_bytes", interrupted)

    code, out, err = run(["top", str(PROFILE)], capsys)

    assert code == 1  # typer alone returns 130 with nothing printed
    assert "interrupted (Ctrl-C)" in err and "Run the command again" in err


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
@pytest.mark.parametrize("command", [["top", str(PROFILE)], ask("--recording", str(RECORDING))])
def test_a_full_disk_under_stdout_is_a_user_error(command: list[str], tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    cli = str(Path(sys.executable).parent / "profile-insights")
    env = {**os.environ, "PROFILE_INSIGHTS_STATE_DIR": str(tmp_path / "state"), "NO_COLOR": "1"}
    with open("/dev/full", "w") as full:  # `profile-insights ... > report.md` on a full disk
        done = subprocess.run(
            [cli, *command], stdout=full, stderr=subprocess.PIPE, text=True, env=env, check=False
        )

    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert "No space left on device" in done.stderr
    assert "Free some disk space" in done.stderr


def test_an_output_under_a_file_says_that_file_is_not_a_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    output = tmp_path / "notes.txt" / "report.md"
    code, out, err = run(ask("--recording", str(RECORDING), "--output", str(output)), capsys)

    assert code == 2
    # It said "the directory .../notes.txt does not exist", while the file is right there.
    assert "notes.txt is a file, not a directory" in err
