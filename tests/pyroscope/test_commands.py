"""The serve, record and recording add commands, run as a user would run them."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import SecretStr

from profile_insights.agent.cli.app import main
from profile_insights.agent.cli.replay import record_into
from profile_insights.agent.errors import EmptyProfileError
from profile_insights.agent.profiles.combine import sample_types
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.pyroscope.http_source import HttpSource
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.pyroscope.recording import load_recording
from profile_insights.agent.pyroscope.replay_server import ReplayServer
from profile_insights.agent.pyroscope.settings import ConnectionSettings
from profile_insights.agent.pyroscope.source import ProfileQuery

from .conftest import CPU_TYPE, GO_CPU, GO_HEAP, INUSE_TYPE, RUST_CPU

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
TOKEN = "glsa_RecordToken_MustNotBeRecorded_77"


def test_recording_add_creates_then_extends_a_recording(tmp_path: Path, shared_dir: Path) -> None:
    directory = tmp_path / "rec"
    cpu = shared_dir / "profiles" / GO_CPU
    labels = ["--label", "service_name=checkout", "--label", "service_git_ref=3f2c1ab"]
    first = ["recording", "add", str(directory), "--profile", str(cpu), "--profile-type", CPU_TYPE]
    assert (
        main([*first, *labels, "--start", "2026-11-25T10:00:00Z", "--end", "2026-11-25T11:00:00Z"])
        == 0
    )
    recording = load_recording(directory)
    recorded_at = recording.recorded_at
    assert main([*first, *labels, "--ago", "30m", "--duration", "45m"]) == 0
    heap = ["--profile", str(shared_dir / "profiles" / GO_HEAP), "--profile-type", INUSE_TYPE]
    assert main(["recording", "add", str(directory), *heap, *labels, "--ago", "0s"]) == 0

    recording = load_recording(directory)
    assert recording.recorded_at == recorded_at  # extending keeps the recording's "now"
    assert len(recording.series) == 1
    entries = recording.series[0].profiles
    assert [e.profile_type for e in entries] == [CPU_TYPE, CPU_TYPE, INUSE_TYPE]
    assert entries[1].end == recorded_at - timedelta(minutes=30)
    assert entries[1].end - entries[1].start == timedelta(minutes=45)
    assert entries[2].sample_type == "inuse_space"  # the heap file has four types
    source = RecordedSource(directory)
    merged = source.merge_profile(
        '{service_name="checkout"}', INUSE_TYPE, source.now() - timedelta(hours=6), source.now()
    )
    assert sample_types(decode_profile(merged.data, name="profile")) == [("inuse_space", "bytes")]


def test_recording_add_puts_a_deploy_in_two_windows_under_two_refs(
    tmp_path: Path, shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "deploy"
    add = ["recording", "add", str(directory), "--profile-type", CPU_TYPE]
    add += ["--label", "service_name=checkout"]
    go, rust = (str(shared_dir / "profiles" / name) for name in (GO_CPU, RUST_CPU))
    before = ["--profile", go, "--label", "service_git_ref=1111111"]
    before += ["--start", "2026-11-25T06:00:00Z", "--end", "2026-11-25T08:59:59Z"]
    assert main([*add, *before, "--recorded-at", "2026-11-25T12:00:00Z"]) == 0
    # Relative times are relative to the recording's recorded_at (12:00).
    after = ["--profile", rust, "--label", "service_git_ref=2222222", "--start", "now-3h"]
    assert main([*add, *after, "--end", "now"]) == 0
    recording = load_recording(directory)
    assert recording.recorded_at == NOW
    assert [
        (s.labels["service_git_ref"], s.profiles[0].start, s.profiles[0].end)
        for s in recording.series
    ] == [
        ("1111111", NOW - timedelta(hours=6), NOW - timedelta(hours=3, seconds=1)),
        ("2222222", NOW - timedelta(hours=3), NOW),
    ]
    source = RecordedSource(directory)
    by_ref = source.select_series(
        '{service_name="checkout"}',
        CPU_TYPE,
        NOW - timedelta(hours=6),
        NOW,
        group_by=["service_git_ref"],
        step=timedelta(hours=3),
    )
    assert [(s.labels, [p.timestamp for p in s.points]) for s in by_ref] == [
        ({"service_git_ref": "1111111"}, [NOW - timedelta(hours=3)]),
        ({"service_git_ref": "2222222"}, [NOW]),
    ]
    # A window ending after recorded_at moves it forward: a server has no data from its future.
    later = ["--profile", rust, "--label", "service_git_ref=2222222"]
    later += ["--start", "2026-11-25T12:00:00Z", "--end", "2026-11-25T12:30:00Z"]
    capsys.readouterr()
    assert main([*add, *later]) == 0
    assert "recorded_at is now 2026-11-25T12:30:00Z" in capsys.readouterr().out
    assert load_recording(directory).recorded_at == NOW + timedelta(minutes=30)
    assert len(load_recording(directory).series[1].profiles) == 2  # same labels, same series
    # --recorded-at names a new recording's "now"; an existing one keeps its own.
    assert main([*add, *before, "--recorded-at", "2026-11-26T00:00:00Z"]) == 1
    assert "only sets a new recording's" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--label", "env=prod"], "service_name"),
        (["--label", "service_name=x", "--profile-type", "cpu"], "not a profile type ID"),
        (["--label", "service_name=x", "--start", "now-1h", "--ago", "5m"], "not both"),
        (
            ["--label", "service_name=x", "--profile-type", "memory:alloc_space:bytes:space:bytes"],
            "no sample type",
        ),
        (["--label", "noequals"], "cannot read the label"),
        (["--label", "service_name=x", "--ago", "5000000d"], "before year 1"),
        (["--label", "service_name=x", "--duration", "900000d"], "before year 1"),
    ],
)
def test_recording_add_refuses_bad_input_with_a_next_step(
    tmp_path: Path,
    shared_dir: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    argv = [
        "recording",
        "add",
        str(tmp_path / "rec"),
        "--profile",
        str(shared_dir / "profiles" / GO_CPU),
    ]
    if "--profile-type" not in extra:
        argv += ["--profile-type", CPU_TYPE]
    assert main([*argv, *extra]) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "rec" / "recording.json").exists()


def test_record_captures_a_live_server_without_the_token(
    recording_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    out = tmp_path / "captured"
    start, end = NOW - timedelta(hours=6), NOW
    with ReplayServer(recording_dir, token=TOKEN) as server:
        source = HttpSource(ConnectionSettings(url=server.url, token=SecretStr(TOKEN)))
        count = record_into(out, source, '{service_name="checkout"}', [], start, end)
    assert count == 4  # checkout: cpu, samples, inuse, alloc
    captured = RecordedSource(out)
    original = RecordedSource(recording_dir)
    assert captured.now() == end
    for profile_type in (CPU_TYPE, INUSE_TYPE):
        again = captured.merge_profile('{service_name="checkout"}', profile_type, start, end)
        first = original.merge_profile('{service_name="checkout"}', profile_type, start, end)
        assert decode_profile(again.data, name="profile") == decode_profile(
            first.data, name="profile"
        )
    labels = load_recording(out).series[0].labels
    assert labels["service_git_ref"] == "3f2c1ab" and "__profile_type__" not in labels
    for path in out.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
    assert TOKEN not in caplog.text


def test_record_over_a_range_with_no_data_is_an_empty_profile_error(
    recording_dir: Path, tmp_path: Path
) -> None:
    # The recording's data ends at 12:00; a day earlier nothing matches.
    start, end = NOW - timedelta(hours=30), NOW - timedelta(hours=26)
    with ReplayServer(recording_dir) as server:
        source = HttpSource(ConnectionSettings(url=server.url))
        with pytest.raises(EmptyProfileError) as raised:
            record_into(tmp_path / "captured", source, '{service_name="checkout"}', [], start, end)
    assert '{service_name="checkout"}' in raised.value.message
    assert raised.value.hint  # says what to try next
    assert not (tmp_path / "captured" / "recording.json").exists()


def test_record_command_reads_the_token_from_the_environment(
    recording_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PROFILECLI_TOKEN", TOKEN)
    out = tmp_path / "captured"
    with ReplayServer(recording_dir, token=TOKEN) as server:
        code = main(
            [
                "record",
                "--out",
                str(out),
                "--url",
                server.url,
                "--via",
                "http",
                "--query",
                '{service_name="payments"}',
                "--from",
                "1795597200",
                "--to",
                "1795608000",
            ]
        )
    output = capsys.readouterr()
    assert code == 0, output.err
    assert "Recorded 1 profile(s)" in output.out
    assert TOKEN not in output.out + output.err
    assert all(TOKEN.encode() not in p.read_bytes() for p in out.rglob("*") if p.is_file())
    with ReplayServer(recording_dir, token=TOKEN) as server:
        monkeypatch.delenv("PROFILECLI_TOKEN")
        assert (
            main(
                [
                    "record",
                    "--out",
                    str(tmp_path / "x"),
                    "--url",
                    server.url,
                    "--via",
                    "http",
                    "--query",
                    "{}",
                ]
            )
            == 1
        )
    assert "PROFILECLI_TOKEN" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.integration
@pytest.mark.parametrize(
    ("clock", "note", "diff"),
    [
        ([], "Times are shifted forward by", "--diff"),
        (
            ["--clock", "recorded"],
            "Times are served as recorded (recorded_at 2026-11-25T12:00:00Z)",
            "--no-diff",
        ),
    ],
)
def test_serve_command_answers_on_loopback_until_interrupted(
    recording_dir: Path, clock: list[str], note: str, diff: str
) -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "profile_insights.agent.cli.app",
            "serve",
            "--recording",
            str(recording_dir),
            "--port",
            "0",
            *clock,
            diff,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert "Serving" in line, line + (process.stderr.read() if process.stderr else "")
        url = line.split(" at ")[1].split()[0]
        assert url.startswith("http://127.0.0.1:")
        assert note in process.stdout.readline()
        # By default the recording's recorded_at is now: the last 6 hours are its last 6 hours.
        now = datetime.now(UTC) if not clock else NOW
        source = HttpSource(ConnectionSettings(url=url))
        found = source.series("{}", ["service_name"], now - timedelta(hours=6), now)
        assert {s.labels["service_name"] for s in found} == {"checkout", "payments"}
        side = ProfileQuery(
            selector='{service_name="checkout"}',
            profile_type=CPU_TYPE,
            start=now - timedelta(hours=6),
            end=now,
        )
        # --no-diff answers Diff "unimplemented": the client is told to compare two merges.
        served = source.diff(side, side)
        assert (served is None) == (diff == "--no-diff")
        if served is not None:
            assert served.left_ticks == served.right_ticks > 0
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
    assert json.loads((recording_dir / "recording.json").read_text())["version"] == 1


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--port", "BUSY"], "cannot listen on 127.0.0.1:BUSY"),
        (["--port", "99999"], "cannot listen on 127.0.0.1:99999"),
        (["--host", "no-such-host.invalid"], "cannot listen on no-such-host.invalid:"),
    ],
)
def test_serve_on_an_address_it_cannot_bind_says_which_and_what_to_do(
    options: list[str],
    expected: str,
    recording_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with ReplayServer(recording_dir) as busy:
        port = str(busy.port)
        argv = ["serve", "--recording", str(recording_dir)]
        argv += [port if option == "BUSY" else option for option in options]
        if "--port" not in options:
            argv += ["--port", "0"]
        code = main(argv)
    err = " ".join(capsys.readouterr().err.split())

    assert code == 1
    assert "Traceback" not in err
    assert expected.replace("BUSY", port) in err
    assert "--port" in err  # the next step


def test_recording_add_refuses_a_profile_pprof_cannot_read(
    tmp_path: Path, shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Decodes as protobuf but pprof refuses it (a function with the reserved ID 0); stored, it
    # made every later `ask` fail with "unknown function id 1" and no file named.
    malformed = shared_dir / "profiles" / "pyroscope_malformed_dotnet_funcid0.pb"
    argv = ["recording", "add", str(tmp_path / "rec"), "--profile", str(malformed)]
    argv += ["--profile-type", CPU_TYPE, "--label", "service_name=x"]

    assert main(argv) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "pyroscope_malformed_dotnet_funcid0.pb: malformed profile" in err
    assert "reserved ID=0" in err
    assert not (tmp_path / "rec" / "recording.json").exists()


def test_record_refuses_a_malformed_profile_type_before_querying(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # It said "nothing matched" after querying the server, as if the data were missing.
    argv = ["record", "--out", str(tmp_path / "rec"), "--query", "{}"]
    argv += ["--url", "http://127.0.0.1:9", "--profile-type", "bogus"]

    assert main(argv) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "not a profile type ID: 'bogus'" in err
    assert "cannot reach" not in err


def test_a_recording_that_cannot_be_written_is_a_user_error(
    tmp_path: Path, shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Permissions cannot stand in here (tests may run as root): a parent that is a file fails
    # mkdir as a read-only or vanished place does.
    (tmp_path / "afile").write_text("")
    target = tmp_path / "afile" / "rec"
    argv = ["recording", "add", str(target), "--profile", str(shared_dir / "profiles" / GO_CPU)]
    argv += ["--profile-type", CPU_TYPE, "--label", "service_name=x"]

    assert main(argv) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert f"cannot write the recording at {target}" in err
    assert "Choose a directory you can write to" in err


def test_serve_on_a_recording_that_cannot_be_created_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "afile").write_text("")
    target = tmp_path / "afile" / "rec"

    assert main(["serve", "--recording", str(target), "--port", "0"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert f"cannot write the recording at {target}" in err
