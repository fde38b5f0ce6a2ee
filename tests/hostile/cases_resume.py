"""Hostile ``resume`` command lines: unknown, damaged and unfinished threads, bad options."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.hostile import files
from tests.hostile.cases_ask import DEMO, SERVICE, SHORTER, TOO_LONG
from tests.hostile.cli import LONG, CliCase
from tests.hostile.conftest import Sandbox
from tests.hostile.harness import Expect


def _thread(sandbox: Sandbox, name: str, text: str) -> Path:
    return files.write(sandbox.state / "profile-insights/threads" / f"{name}.json", text)


def _store(sandbox: Sandbox) -> Path:
    return sandbox.state / "profile-insights/threads.sqlite"


def _damaged_store(sandbox: Sandbox) -> list[str]:
    """Set up a thread store, then damage every b-tree page after the schema's (page 1).

    The schema still reads, so the store opens; the first read or write of a thread's rows
    meets "database disk image is malformed" (a disk fault, a copy cut short).
    """
    from langgraph.checkpoint.sqlite import SqliteSaver

    _store(sandbox).parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(_store(sandbox))
    SqliteSaver(connection).setup()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = bytearray(_store(sandbox).read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(page, len(data), page):
        data[offset : offset + 8] = b"\xff" * 8
    _store(sandbox).write_bytes(bytes(data))
    _thread(sandbox, "t6", f'{{"repo": "{SERVICE}", "recording": "{DEMO}"}}')
    return ["resume", "t6", "--answer", "checkout"]


def _not_a_database(sandbox: Sandbox) -> list[str]:
    files.write(_store(sandbox), b"this is not a SQLite file at all\n" * 200)
    _thread(sandbox, "t7", f'{{"repo": "{SERVICE}", "recording": "{DEMO}"}}')
    return ["resume", "t7", "--answer", "checkout"]


#: What a user sees when the thread store itself is broken (the file named, what to do).
BROKEN_STORE = Expect(
    problem=r"thread store.*(malformed|damaged|not a database)",
    next_step=r"--state-dir",
)


RESUME: list[CliCase] = [
    CliCase("resume-on-a-store-with-damaged-pages", "cli resume", _damaged_store, BROKEN_STORE),
    CliCase(
        "resume-on-a-store-that-is-not-a-database", "cli resume", _not_a_database, BROKEN_STORE
    ),
    CliCase(
        "ask-on-a-store-with-damaged-pages",
        "cli ask",
        lambda s: (
            [
                "ask",
                "Why is it slow?",
                "--no-input",
                "--recording",
                str(files.TWO_SERVICES),
                "--repo",
                SERVICE,
            ]
            if _damaged_store(s)
            else []
        ),
        BROKEN_STORE,
    ),
    CliCase(
        "resume-unknown-thread",
        "cli resume",
        lambda s: ["resume", "nosuchthread", "--answer", "checkout"],
        Expect(problem=r"no thread nosuchthread", next_step=r"thread_id printed by `ask`"),
    ),
    CliCase(
        "resume-thread-id-5000-characters",
        "cli resume",
        lambda s: ["resume", LONG, "--answer", "checkout"],
        Expect(exit_code=2, problem=r"thread", next_step=r"letters|shorter|thread_id"),
    ),
    CliCase(
        "resume-damaged-thread-options",
        "cli resume",
        lambda s: ["resume", "t1", "--answer", "x"] if _thread(s, "t1", "{broken") else [],
        Expect(
            problem=r"cannot be read|no thread t1", next_step=r"[Aa]sk the question again|thread_id"
        ),
    ),
    CliCase(
        "resume-thread-options-of-wrong-shape",
        "cli resume",
        lambda s: ["resume", "t2", "--answer", "x"] if _thread(s, "t2", '{"repo": 5}') else [],
        Expect(problem=r"thread t2|options|repo", next_step=r"Ask the question again"),
    ),
    CliCase(
        "resume-thread-not-waiting",
        "cli resume",
        lambda s: (
            ["resume", "t3", "--answer", "x"]
            if _thread(s, "t3", f'{{"repo": "{SERVICE}", "recording": "{DEMO}"}}')
            else []
        ),
        Expect(
            problem=r"not waiting for an answer|no thread t3",
            next_step=r"[Aa]sk the question|thread ID",
        ),
    ),
    CliCase(
        "resume-output-5000-characters",
        "cli resume",
        lambda s: ["resume", "t4", "--answer", "x", "--output", "/tmp/" + LONG],
        Expect(exit_code=2, problem=r"--output.*" + TOO_LONG, next_step=SHORTER),
    ),
    CliCase(
        "resume-bad-format",
        "cli resume",
        lambda s: ["resume", "t5", "--answer", "x", "--format", "pdf"],
        Expect(exit_code=2, problem=r"--format must be", next_step=r"markdown, json or html"),
    ),
]
