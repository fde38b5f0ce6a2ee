"""The embedded store under trouble: locked by another process, damaged, or of the old layout.

Each case runs the CLI as a user would and checks what they see: exit code, a message naming
the file and what to do, no traceback (a damaged store printed ``sqlite3.DatabaseError``), and
for a locked one a single busy timeout (it took 12.6 s). Reading a thread that waits on a
question needs no write, so it keeps working while another process holds the write lock.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest

from profile_insights.agent import api, thread_store
from profile_insights.agent.errors import ThreadStoreError
from profile_insights.agent.threads.options import METADATA_KEY
from profile_insights.agent.threads.sqlite_store import BUSY_TIMEOUT
from tests.threads.conftest import Machine, run_cli

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _ask(machine: Machine, state: Path, recording: Path, repo: Path, thread_id: str) -> None:
    """Leave a thread waiting on the service question (asked in this process: it is quicker)."""
    context = api.make_context(repo=repo, recording=recording, cache_dir=machine.home / "cache")
    with thread_store(state_dir=state) as saver:
        asked = api.ask(
            "Why is checkout slow?", context=context, checkpointer=saver, thread_id=thread_id
        )
    assert isinstance(asked, api.NeedsInput)


def test_a_store_locked_by_another_process_fails_in_seconds_and_still_shows_questions(
    tmp_path: Path, machines: list[Machine], two_services: Path, demo_checkout: Path
) -> None:
    machine, state = machines[0], tmp_path / "state"
    _ask(machine, state, two_services, demo_checkout, "waiting")
    holder = sqlite3.connect(state / "threads.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process writing, and not letting go
    try:
        shown = run_cli(
            "resume", "waiting", "--no-input", "--state-dir", str(state), machine=machine
        )
        refused = run_cli(
            "resume",
            "waiting",
            "--answer",
            "checkout-worker",
            "--state-dir",
            str(state),
            machine=machine,
        )
        # In this process too, to see the wait itself (a process start is 2-5 s of imports):
        # one busy timeout, where a run used to wait one per write (12.6 s).
        started = time.monotonic()
        with thread_store(state_dir=state) as saver, pytest.raises(ThreadStoreError):
            api.resume("waiting", "checkout-api", checkpointer=saver)
        waited = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert shown.returncode == 10, shown.stderr
    assert json.loads(shown.stdout)["question"]["kind"] == "choose_service"
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr
    message = " ".join(refused.stderr.split())
    assert f"the thread store {state / 'threads.sqlite'} is locked by another process" in message
    assert "Wait for that process to finish" in message
    assert waited < 2 * BUSY_TIMEOUT, f"a locked store took {waited:.1f}s to say so"
    # Once the other process lets go, the same answer goes through.
    done = run_cli(
        "resume",
        "waiting",
        "--answer",
        "checkout-worker",
        "--state-dir",
        str(state),
        machine=machine,
    )
    assert done.returncode == 0, done.stderr


def test_a_store_with_damaged_pages_says_so_and_what_to_do(
    tmp_path: Path, machines: list[Machine], two_services: Path, demo_checkout: Path
) -> None:
    machine, state = machines[0], tmp_path / "state"
    for name in ("first", "second"):
        _ask(machine, state, two_services, demo_checkout, name)
    path = state / "threads.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the main file
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(page, len(data), page):  # keep page 1: the header and the schema
        data[start : start + 8] = b"\xff" * 8  # no valid b-tree page header is left
    path.write_bytes(bytes(data))

    done = run_cli(
        "resume",
        "second",
        "--answer",
        "checkout-worker",
        "--state-dir",
        str(state),
        machine=machine,
    )

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    message = " ".join(done.stderr.split())
    assert f"the thread store {path} is damaged (database disk image is malformed)" in message
    assert "Move that file away (its threads are lost) or use another --state-dir" in message


def test_a_file_that_is_not_a_database_is_named_with_what_to_do(
    tmp_path: Path, machines: list[Machine], two_services: Path
) -> None:
    state = tmp_path / "state"
    state.mkdir()
    (state / "threads.sqlite").write_bytes(b"not a database at all\n" * 200)
    done = run_cli(
        "ask",
        "Why is checkout slow?",
        "--recording",
        str(two_services),
        "--state-dir",
        str(state),
        machine=machines[0],
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    message = " ".join(done.stderr.split())
    assert "is damaged (file is not a database)" in message and "--state-dir" in message


def test_the_cli_reads_thread_options_of_the_older_json_files(
    tmp_path: Path, machines: list[Machine], two_services: Path, demo_checkout: Path
) -> None:
    # A thread asked before options moved into the store: its options file is still read.
    machine = machines[0]
    state = tmp_path / "old-state"
    _ask(machine, state, two_services, demo_checkout, "old-1")
    # Written as before: no options in the checkpoints' metadata, a JSON file beside them.
    with sqlite3.connect(state / "threads.sqlite") as connection:
        for rowid, metadata in connection.execute("SELECT rowid, metadata FROM checkpoints"):
            cleared = json.loads(metadata)
            cleared.pop(METADATA_KEY, None)
            connection.execute(
                "UPDATE checkpoints SET metadata = ? WHERE rowid = ?",
                (json.dumps(cleared).encode(), rowid),
            )
    (state / "threads").mkdir()
    (state / "threads" / "old-1.json").write_text(
        json.dumps(
            {
                "repo": str(demo_checkout),
                "recording": str(two_services),
                "format": "json",
                "url": None,
                "tenant": None,
                "model": None,
                "pprof": False,
            }
        )
    )
    done = run_cli(
        "resume", "old-1", "--answer", "checkout-api", "--state-dir", str(state), machine=machine
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["services"] == ["checkout-api"]
