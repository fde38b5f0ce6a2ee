"""Hostile ``ask`` options: times, thread IDs, state and output paths, models, timeouts."""

from __future__ import annotations

from tests.hostile import files
from tests.hostile.cases_ask import REPORT, SHORTER, TOO_LONG, on_demo
from tests.hostile.cli import LONG, CliCase
from tests.hostile.harness import Expect

OPTIONS: list[CliCase] = [
    CliCase(
        "ask-from-garbage",
        "cli ask",
        lambda s: on_demo("--from", "yesterday-ish"),
        Expect(problem=r"could not read the time", next_step=r"Use now"),
    ),
    CliCase(
        "ask-from-after-to",
        "cli ask",
        lambda s: on_demo("--from", "now", "--to", "now-1h"),
        Expect(problem=r"starts .* after it ends", next_step=r"time before"),
    ),
    CliCase(
        "ask-from-before-year-one",
        "cli ask",
        lambda s: on_demo("--from", "now-99999999h"),
        Expect(problem=r"time|range|year", next_step=r"Use|Give|Query"),
    ),
    CliCase(
        "ask-from-a-week",
        "cli ask",
        lambda s: on_demo("--from", "now-7d"),
        Expect(problem=r"exceeds the limit", next_step=r"at most 24 hours"),
    ),
    CliCase(
        "ask-thread-id-5000-characters",
        "cli ask",
        lambda s: on_demo("--thread-id", LONG),
        Expect(exit_code=2, problem=r"--thread-id", next_step=r"letters|shorter"),
    ),
    CliCase(
        "ask-thread-id-path-traversal",
        "cli ask",
        lambda s: on_demo("--thread-id", "../../../../outside"),
        REPORT,
    ),
    CliCase(
        "ask-state-dir-5000-characters",
        "cli ask",
        lambda s: on_demo("--state-dir", "/tmp/" + LONG),
        Expect(exit_code=2, problem=r"--state-dir.*" + TOO_LONG, next_step=SHORTER),
    ),
    CliCase(
        "ask-state-dir-is-a-file",
        "cli ask",
        lambda s: on_demo("--state-dir", str(files.write(s.work / "file", "x"))),
        Expect(problem=r"cannot keep threads", next_step=r"--state-dir"),
    ),
    CliCase(
        "ask-output-5000-characters",
        "cli ask",
        lambda s: on_demo("--output", "/tmp/" + LONG),
        Expect(exit_code=2, problem=r"--output.*" + TOO_LONG, next_step=SHORTER),
    ),
    CliCase(
        "ask-output-in-missing-directory",
        "cli ask",
        lambda s: on_demo("--output", str(s.work / "missing/report.md")),
        Expect(exit_code=2, problem=r"does not exist", next_step=r"create it"),
    ),
    CliCase(
        "ask-model-unknown-module",
        "cli ask",
        lambda s: on_demo("--model", "no_such_module_xyz:factory"),
        Expect(problem=r"no_such_module_xyz", next_step=r"install|module|provider"),
    ),
    CliCase(
        "ask-timeout-not-positive",
        "cli ask",
        lambda s: on_demo("--timeout", "0"),
        Expect(exit_code=2, problem=r"--timeout", next_step=r"seconds|greater"),
    ),
    CliCase(
        "ask-timeout-env-garbage",
        "cli ask",
        lambda s: on_demo(),
        Expect(exit_code=2, problem=r"PROFILE_INSIGHTS_TIMEOUT", next_step=r"seconds"),
        env={"PROFILE_INSIGHTS_TIMEOUT": "soon"},
    ),
]
