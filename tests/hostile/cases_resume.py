"""Hostile ``resume`` command lines: unknown, damaged and unfinished threads, bad options."""

from __future__ import annotations

from pathlib import Path

from tests.hostile import files
from tests.hostile.cases_ask import DEMO, SERVICE, SHORTER, TOO_LONG
from tests.hostile.cli import LONG, CliCase
from tests.hostile.conftest import Sandbox
from tests.hostile.harness import Expect


def _thread(sandbox: Sandbox, name: str, text: str) -> Path:
    return files.write(sandbox.state / "profile-insights/threads" / f"{name}.json", text)


RESUME: list[CliCase] = [
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
        Expect(problem=r"cannot be read", next_step=r"Ask the question again"),
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
        Expect(problem=r"not waiting for an answer", next_step=r"ask the question again"),
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
