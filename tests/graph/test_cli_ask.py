"""The ask/resume/demo commands as a user runs them: real processes, real exit codes.

The resume test runs the CLI twice: the first process stops at the service question (exit 10,
one JSON object), the second answers it from the SQLite checkpointer in the state directory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.graph.conftest import CPU, Entry, write_recording

CLI = str(Path(sys.executable).parent / "profile-insights")


def _run(*args: str, state_dir: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PROFILE_INSIGHTS_STATE_DIR": str(state_dir), "NO_COLOR": "1"}
    for name in ("PROFILECLI_URL", "PROFILECLI_TOKEN"):
        env.pop(name, None)
    return subprocess.run(
        [CLI, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.fixture
def two_checkouts(tmp_path: Path, demo_cpu: bytes) -> Path:
    return write_recording(
        tmp_path / "recording",
        [
            Entry("checkout-api", CPU, demo_cpu, ago=timedelta(minutes=5)),
            Entry("checkout-worker", CPU, demo_cpu, ago=timedelta(minutes=5), repository=None),
        ],
    )


@pytest.mark.slow
def test_a_question_asked_in_one_process_is_answered_in_another(
    tmp_path: Path, two_checkouts: Path, demo_checkout: Path
) -> None:
    state = tmp_path / "state"
    first = _run(
        "ask",
        "Why is checkout slow?",
        "--repo",
        str(demo_checkout),
        "--recording",
        str(two_checkouts),
        "--format",
        "json",
        "--no-input",
        state_dir=state,
    )
    assert first.returncode == 10, first.stderr
    pending = json.loads(first.stdout)
    assert pending["status"] == "needs_input"
    assert pending["question"]["kind"] == "choose_service"
    assert [o["value"] for o in pending["question"]["options"]] == [
        "checkout-api",
        "checkout-worker",
    ]
    assert (state / "threads.sqlite").exists()

    second = _run("resume", pending["thread_id"], "--answer", "checkout-worker", state_dir=state)
    assert second.returncode == 0, second.stderr
    report = json.loads(second.stdout)
    assert report["services"] == ["checkout-worker"]
    assert report["time_range"]["attempts"] == [
        {
            "label": "now-1h..now",
            "from": "2026-11-25T11:00:00Z",
            "to": "2026-11-25T12:00:00Z",
            "empty": False,
            # Set only when a recording's whole profiles reach outside the window asked.
            "data_from": None,
            "data_to": None,
        }
    ]
    assert {
        "question",
        "services",
        "profile_type",
        "time_range",
        "git",
        "hot_functions",
        "findings",
        "summary",
        "llm",
        "dropped_claims",
    } <= set(report)
    row = report["hot_functions"][0]
    assert {
        "rank",
        "function",
        "file",
        "line",
        "in_repo",
        "flat",
        "flat_pct",
        "cum",
        "cum_pct",
    } <= set(row)
    evidence = report["findings"][0]["evidence"][0]
    assert {"function", "file", "line", "flat_pct", "cum_pct"} <= set(evidence)
    assert "Traceback" not in second.stderr


def test_an_unknown_service_exits_1_with_the_list_and_no_traceback(
    tmp_path: Path, two_checkouts: Path, demo_checkout: Path
) -> None:
    done = _run(
        "ask",
        "Why is checkout slow?",
        "--repo",
        str(demo_checkout),
        "--recording",
        str(two_checkouts),
        "--service",
        "payments",
        "--no-input",
        state_dir=tmp_path / "state",
    )
    assert done.returncode == 1
    message = " ".join(done.stderr.split())  # rich wraps long lines
    assert "no service named 'payments'" in message
    assert "checkout-api, checkout-worker" in message
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "extra",
    [["--format", "xml"], ["--url", "http://localhost:4040"], ["--to", "now"]],
    ids=["unknown-format", "recording-and-url", "to-without-from"],
)
def test_bad_usage_exits_2(
    tmp_path: Path, two_checkouts: Path, demo_checkout: Path, extra: list[str]
) -> None:
    done = _run(
        "ask",
        "Why is checkout slow?",
        "--repo",
        str(demo_checkout),
        "--recording",
        str(two_checkouts),
        "--no-input",
        *extra,
        state_dir=tmp_path / "state",
    )
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr


def test_resume_of_an_unknown_thread_is_a_user_error(tmp_path: Path) -> None:
    done = _run("resume", "no-such-thread", "--answer", "x", state_dir=tmp_path / "state")
    assert done.returncode == 1
    assert "no thread no-such-thread" in " ".join(done.stderr.split())


@pytest.mark.slow
def test_demo_prints_the_markdown_report_of_the_bundled_example(tmp_path: Path) -> None:
    done = _run("demo", state_dir=tmp_path / "state")
    assert done.returncode == 0, done.stderr
    for heading in (
        "## Summary",
        "## Top hot functions",
        "## Source code analysis",
        "## Recommendations",
        "## Data used",
    ):
        assert heading in done.stdout
    assert "internal/pricing/pricing.go:61" in done.stdout
    assert "regexp.MustCompile" in done.stdout
    # The README shows an excerpt of this output: it must be real, line for line and in order.
    readme = (REPO_ROOT / "README.md").read_text()
    excerpt = readme.split("````markdown\n", 1)[1].split("\n````", 1)[0]
    printed = done.stdout.splitlines()
    position = 0
    for line in (line for line in excerpt.splitlines() if line != "..."):
        assert line in printed[position:], f"README line not in the demo output: {line!r}"
        position = printed.index(line, position) + 1


def test_model_given_as_module_factory_is_loaded_and_its_call_counted(
    tmp_path: Path, demo_cpu: bytes, demo_checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recording = write_recording(
        tmp_path / "recording", [Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))]
    )
    # The console script does not put the working directory on sys.path; the factory lives
    # in this test package.
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).resolve().parents[2]))
    done = _run(
        "ask",
        "Why is checkout slow?",
        "--repo",
        str(demo_checkout),
        "--recording",
        str(recording),
        "--format",
        "json",
        "--no-input",
        "--model",
        "tests.fake_models:grounded_model",
        state_dir=tmp_path / "state",
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["llm"]["calls"] == 1 and report["llm"]["input_tokens"] == 1234
    assert report["findings"][0]["title"].startswith("validCoupon recompiles")


@pytest.mark.parametrize(
    ("model", "message"),
    [
        # No such provider package.
        ("nosuchprovider:nomodel", "--model nosuchprovider:nomodel"),
        # What a provider factory does without its API key; json.loads() raises TypeError too.
        ("json:loads", "--model json:loads: the factory failed (TypeError"),
    ],
)
def test_a_model_that_cannot_be_made_is_a_user_error(
    model: str, message: str, tmp_path: Path, demo_checkout: Path
) -> None:
    done = _run(
        "ask",
        "Why is checkout slow?",
        "--repo",
        str(demo_checkout),
        "--recording",
        str(tmp_path),
        "--no-input",
        "--model",
        model,
        state_dir=tmp_path / "state",
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert message in " ".join(done.stderr.split())


def test_an_empty_service_answer_says_to_name_a_service_and_keeps_the_question(
    tmp_path: Path, two_checkouts: Path, demo_checkout: Path
) -> None:
    state = tmp_path / "state"
    first = _run(
        "ask",
        "Why is checkout slow?",
        "--repo",
        str(demo_checkout),
        "--recording",
        str(two_checkouts),
        "--no-input",
        state_dir=state,
    )
    thread_id = json.loads(first.stdout)["thread_id"]

    empty = _run("resume", thread_id, "--answer", " , ", "--no-input", state_dir=state)

    assert empty.returncode == 1
    message = " ".join(empty.stderr.split())
    # It said "services: List should have at least 1 item after validation, not 0".
    assert "the answer names no service" in message
    assert "one or more of the listed service names" in message
    again = _run("resume", thread_id, "--answer", "checkout-api", state_dir=state)
    assert again.returncode == 0, again.stderr
