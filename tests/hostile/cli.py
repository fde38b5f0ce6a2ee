"""Command-line cases: an argv built in the sandbox, run through ``main`` as a user runs it.

``main`` is the console script's entry point; calling it in-process keeps the corpus fast
(the graph is imported once), and captures both file descriptors, so output of child
processes is checked too. A case that must run as a process of its own (signals, servers,
memory) lives in the modules that start one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from profile_insights.agent.cli.app import main
from tests.hostile.conftest import Sandbox
from tests.hostile.harness import Expect, Seen, check, user_message

LONG = "a" * 5000
#: A path over PATH_MAX (4096) made of names that each fit NAME_MAX (255).
DEEP = "/".join(["b" * 200] * 30)


@dataclass(frozen=True)
class CliCase:
    """One command line and what its user sees."""

    name: str
    way: str
    argv: Callable[[Sandbox], list[str]]
    expect: Expect
    env: dict[str, str] = field(default_factory=dict)


def run_cli(
    case: CliCase,
    sandbox: Sandbox,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Seen:
    """Run the case's command line in the sandbox and return what it showed."""
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    argv = case.argv(sandbox)
    capfd.readouterr()
    code = main(argv)
    out, err = capfd.readouterr()
    if code == 10:
        # A pending question: its JSON is on stdout, the question's text is the message.
        message = json.loads(out.strip().splitlines()[-1])["question"]["message"]
    elif code == 0:
        message = out
    else:
        message = user_message(err)
    return Seen(exit_code=code, stdout=out, stderr=err, message=message)


def check_cli(
    case: CliCase,
    sandbox: Sandbox,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Seen:
    """Run the case and check what every hostile case promises."""
    seen = run_cli(case, sandbox, capfd, monkeypatch)
    check(seen, case.expect, case=case.name)
    assert not list(sandbox.root.rglob("pwned*")), f"case {case.name}: an injection ran"
    return seen
