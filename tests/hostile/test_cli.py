"""Every hostile command line of the corpus: a typed message and exit code, never a traceback."""

from __future__ import annotations

import pytest

from tests.hostile import cases_ask, cases_files, cases_options, cases_resume, cases_servers
from tests.hostile.cli import CliCase, check_cli
from tests.hostile.conftest import Sandbox
from tests.hostile.figures import record_case

CASES: list[CliCase] = [
    *cases_ask.CASES,
    *cases_options.OPTIONS,
    *cases_resume.RESUME,
    *cases_files.TOP,
    *cases_files.MAP,
    *cases_files.RECORDING_ADD,
    *cases_servers.CASES,
]


def test_case_names_are_unique() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_a_hostile_command_line_gets_a_message_and_an_exit_code(
    case: CliCase,
    sandbox: Sandbox,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record_case(case.way)
    check_cli(case, sandbox, capfd, monkeypatch)
