"""The command line's own contract: exit codes and error printing."""

from __future__ import annotations

import pytest

from profile_insights.agent.cli.app import main
from profile_insights.agent.errors import AuthenticationError


def test_version_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["version"]) == 0
    assert capsys.readouterr().out.strip() == "0.1.0"


def test_unknown_command_is_usage_error_exit_2() -> None:
    assert main(["no-such-command"]) == 2


def test_user_error_message_includes_next_step() -> None:
    error = AuthenticationError("the server answered 401 Unauthorized")
    assert "PROFILECLI_TOKEN" in str(error)
    assert str(error).startswith("the server answered 401")
