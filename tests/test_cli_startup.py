"""Start-up of the command line: each command imports what it needs, and nothing else.

agent/cli/app.py imports every area's command module to register its commands; those modules
import their heavy dependencies (the graph, the MCP SDK, HTTP, the decoder) inside the commands.
A top-level import slipping back in would cost every ``profile-insights top`` about a second
(0.16 s against 1.0 s for ``import profile_insights.agent.cli.app`` when this was written).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from profile_insights.agent.cli.app import main
from tests.conftest import REPO_ROOT

DEMO_RECORDING = REPO_ROOT / "agent" / "demo" / "recording"
DEMO_PROFILE = DEMO_RECORDING / "profiles" / "checkout-cpu-0.pb.gz"

#: Needed by ``ask``, ``resume``, ``demo``, ``mcp``, ``eval``, ``serve`` or ``record`` only.
NOT_FOR_TOP = (
    "langgraph",
    "langchain_core",
    "mcp",
    "httpx",
    "jinja2",
    "profile_insights.graph",
    "profile_insights.agent.api",
    "profile_insights.agent.pyroscope.replay_server",
)
#: Needed by ``top`` and ``map`` when they read a profile, not to parse the command line.
NOT_FOR_PARSING = ("numpy", "google.protobuf", "pydantic")

COMMANDS = ("ask", "resume", "demo", "mcp", "serve", "record", "recording", "eval", "top", "map")


def _modules_after(code: str) -> set[str]:
    """Run ``code`` in a fresh interpreter; return the names in its ``sys.modules`` after."""
    script = f"import io, json, sys, contextlib\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO_ROOT
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return [name for name in names if name in modules]


def test_importing_the_cli_loads_no_graph_sdk_http_or_decoder() -> None:
    modules = _modules_after("import profile_insights.agent.cli.app")
    assert _loaded(modules, NOT_FOR_TOP + NOT_FOR_PARSING) == []


def test_help_loads_no_graph_sdk_http_or_decoder() -> None:
    modules = _modules_after(
        "from profile_insights.agent.cli.app import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['--help']) == 0"
    )
    assert _loaded(modules, NOT_FOR_TOP + NOT_FOR_PARSING) == []


def test_top_loads_the_decoder_but_not_the_graph_sdk_or_http() -> None:
    modules = _modules_after(
        "from profile_insights.agent.cli.app import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    assert main(['top', {str(DEMO_PROFILE)!r}, '--lines', '--cum']) == 0\n"
        "assert 'flat%' in out.getvalue()"
    )
    assert _loaded(modules, NOT_FOR_TOP) == []
    assert "profile_insights.agent.profiles.decode" in modules


def test_help_still_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    # First word of each row of the Commands box ("│ top        Print a profile's ...").
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    listed = {row[1] for row in rows if len(row) > 1 and row[0] == "│"}
    assert {*COMMANDS, "version"} <= listed


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_help_builds_without_error(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command, "--help"]) == 0
    assert "Usage:" in capsys.readouterr().out


def test_ask_prints_its_first_line_before_loading_the_command_line_or_the_graph(
    tmp_path: Path,
) -> None:
    # The first progress line must come at once (issue 12: within 0.3 s of pressing Enter):
    # the console script writes it before importing typer, rich or LangGraph.
    script = (
        "import sys, json\n"
        "heavy = ('typer', 'rich', 'pydantic', 'numpy', 'langgraph')\n"
        "seen = []\n"
        "class Stderr:\n"
        "    def write(self, text):\n"
        "        seen.append(sorted(name for name in heavy if name in sys.modules))\n"
        "        return sys.__stderr__.write(text)\n"
        "    def flush(self):\n"
        "        sys.__stderr__.flush()\n"
        "sys.stderr = Stderr()\n"
        "from profile_insights.agent.cli import entry\n"
        "sys.argv = ['profile-insights', 'ask', 'Why is checkout slow?', '--recording',"
        f" {str(DEMO_RECORDING)!r}, '--repo', {str(REPO_ROOT)!r}, '--no-input',"
        f" '--state-dir', {str(tmp_path / 'state')!r}]\n"
        "announced = entry.announce(sys.argv[1:])\n"
        "sys.stderr = sys.__stderr__\n"
        "from profile_insights.agent.cli.app import main\n"
        "code = main(sys.argv[1:], announced=announced)\n"
        "print(json.dumps({'code': code, 'first': seen[0], 'announced': announced}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["code"] == 0, done.stderr
    assert result["announced"] and result["first"] == []  # nothing heavy loaded before it
    lines = done.stderr.splitlines()
    assert lines[0] == "… start ask: loading the graph"
    assert "check_tools" in lines[1]  # said once, then the steps


def test_the_console_script_flushes_the_report_and_exits_with_the_commands_code(
    tmp_path: Path,
) -> None:
    # entry.run leaves with os._exit: the report must still be complete, and a refusal exit 1.
    script = str(Path(sys.executable).parent / "profile-insights")
    argv = [script, "ask", "Why is checkout slow?", "--recording", str(DEMO_RECORDING)]
    argv += ["--repo", str(REPO_ROOT), "--no-input", "--state-dir", str(tmp_path / "state")]
    done = subprocess.run(argv, capture_output=True, text=True, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Profile insights: Why is checkout slow?")
    assert done.stdout.rstrip().endswith("```")  # the Reproduce block closes the report
    refused = subprocess.run(
        [*argv[:5], "--repo", str(tmp_path / "missing")], capture_output=True, text=True
    )
    assert refused.returncode == 1 and "is not a directory" in refused.stderr


def test_ask_on_a_recording_runs_neither_profilecli_nor_pprof(tmp_path: Path) -> None:
    # Tool detection does only what the chosen source needs: a recording needs no profilecli
    # (its --version took 0.1-1 s), and the native reader needs no pprof.
    tools = tmp_path / "bin"
    tools.mkdir()
    calls = tmp_path / "calls.log"
    for name in ("profilecli", "pprof", "go"):
        script = tools / name
        script.write_text(f'#!/bin/sh\necho "{name} $*" >> {calls}\n')
        script.chmod(0o755)
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "profile-insights"),
            "ask",
            "Why is checkout slow?",
            "--recording",
            str(DEMO_RECORDING),
            "--repo",
            str(tmp_path),
            "--no-input",
            "--state-dir",
            str(tmp_path / "state"),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": f"{tools}:/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "profilecli: not needed; pprof: not needed" in done.stderr
    assert not calls.exists(), calls.read_text()
