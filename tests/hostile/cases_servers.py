"""Hostile command lines of ``serve``, ``record``, ``eval`` and ``mcp`` that fail before serving."""

from __future__ import annotations

import json

from tests.hostile import files
from tests.hostile.cli import LONG, CliCase
from tests.hostile.conftest import Sandbox
from tests.hostile.harness import Expect

TOO_LONG = r"(too long|cannot exist)"
UNREACHABLE = ["--url", "http://127.0.0.1:9", "--via", "http", "--timeout", "1"]
QUERY = ["--query", '{service_name="checkout"}']


def _serve(*options: str) -> list[str]:
    return ["serve", "--recording", str(files.DEMO_RECORDING), "--port", "0", *options]


def _case_dir(
    sandbox: Sandbox, case: object, expected: object = None, name: str = "hostile-case"
) -> str:
    directory = sandbox.work / "cases" / name
    text = case if isinstance(case, str) else json.dumps(case)
    files.write(directory / "case.json", text)
    files.write(directory / "expected.json", json.dumps(expected or {}))
    return str(sandbox.work / "cases")


SERVE: list[CliCase] = [
    CliCase(
        "serve-recording-5000-characters",
        "cli serve",
        lambda s: ["serve", "--recording", "/tmp/" + LONG, "--port", "0"],
        Expect(exit_code=2, problem=r"--recording.*" + TOO_LONG, next_step=r"shorter|give"),
    ),
    CliCase(
        "serve-recording-is-a-file",
        "cli serve",
        lambda s: ["serve", "--recording", str(files.DEMO_PROFILE), "--port", "0"],
        Expect(problem=r"is a file, not a recording directory", next_step=r"Give --recording"),
    ),
    CliCase(
        "serve-recording-damaged",
        "cli serve",
        lambda s: [
            "serve",
            "--recording",
            str(files.recording(s.work / "rec", document="{]")),
            "--port",
            "0",
        ],
        Expect(problem=r"not valid JSON", next_step=r"recording add|record"),
    ),
    CliCase(
        "serve-port-out-of-range",
        "cli serve",
        lambda s: _serve("--port", "99999"),
        Expect(problem=r"cannot listen on", next_step=r"Choose another --port"),
    ),
    CliCase(
        "serve-host-not-of-this-machine",
        "cli serve",
        lambda s: _serve("--host", "203.0.113.7"),
        Expect(problem=r"cannot listen on", next_step=r"--host of this machine"),
    ),
    CliCase(
        "serve-fail-rate-over-one",
        "cli serve",
        lambda s: _serve("--fail-rate", "2"),
        Expect(problem=r"--fail-rate must be between 0 and 1", next_step=r"--fail-rate 0\.2"),
    ),
    CliCase(
        "serve-status-not-an-error",
        "cli serve",
        lambda s: _serve("--status", "200"),
        Expect(problem=r"--status", next_step=r"400.*599|error status"),
    ),
    CliCase(
        "serve-negative-latency",
        "cli serve",
        lambda s: _serve("--latency", "-1"),
        Expect(problem=r"--latency", next_step=r"0 or more|seconds"),
    ),
    CliCase(
        "serve-negative-retry-after",
        "cli serve",
        lambda s: _serve("--status", "429", "--retry-after", "-5"),
        Expect(problem=r"--retry-after", next_step=r"0 or more|seconds"),
    ),
]

RECORD: list[CliCase] = [
    CliCase(
        "record-out-5000-characters",
        "cli record",
        lambda s: ["record", "--out", "/tmp/" + LONG, *QUERY, *UNREACHABLE],
        Expect(exit_code=2, problem=r"--out.*" + TOO_LONG, next_step=r"shorter|give"),
    ),
    CliCase(
        "record-query-unparsable",
        "cli record",
        lambda s: [
            "record",
            "--out",
            str(s.work / "rec"),
            "--query",
            "{service_name=",
            *UNREACHABLE,
        ],
        Expect(problem=r"selector|parse", next_step=r'service_name="checkout"'),
    ),
    CliCase(
        "record-query-shell-injection",
        "cli record",
        lambda s: [
            "record",
            "--out",
            str(s.work / "rec"),
            "--query",
            '{service_name="x"}; touch pwned',
            *UNREACHABLE,
        ],
        Expect(problem=r"selector|parse", next_step=r'service_name="checkout"'),
    ),
    CliCase(
        "record-server-unreachable",
        "cli record",
        lambda s: ["record", "--out", str(s.work / "rec"), *QUERY, *UNREACHABLE],
        Expect(problem=r"cannot reach Pyroscope", next_step=r"PROFILECLI_URL"),
    ),
    CliCase(
        "record-unknown-via",
        "cli record",
        lambda s: ["record", "--out", str(s.work / "rec"), *QUERY, "--via", "carrier-pigeon"],
        Expect(problem=r"unknown --via", next_step=r"--via auto, profilecli or http"),
    ),
    CliCase(
        "record-profile-type-malformed",
        "cli record",
        lambda s: ["record", "--out", str(s.work / "rec"), *QUERY, "--profile-type", "x"],
        Expect(problem=r"not a profile type ID", next_step=r"NAME:SAMPLE_TYPE"),
    ),
    CliCase(
        "record-url-100k-characters",
        "cli record",
        lambda s: [
            "record",
            "--out",
            str(s.work / "rec"),
            *QUERY,
            "--url",
            "http://localhost:4040/" + "a" * 100_000,
        ],
        Expect(problem=r"URL.*too long", next_step=r"PROFILECLI_URL|--url"),
    ),
    CliCase(
        "record-out-is-a-file",
        "cli record",
        lambda s: ["record", "--out", str(files.DEMO_PROFILE), *QUERY, *UNREACHABLE],
        Expect(problem=r"is a file, not a recording directory", next_step=r"Give --out"),
    ),
]

EVAL: list[CliCase] = [
    CliCase(
        "eval-cases-missing",
        "cli eval",
        lambda s: ["eval", "--cases", str(s.work / "nope")],
        Expect(problem=r"no eval cases at", next_step=r"--cases DIR"),
    ),
    CliCase(
        "eval-cases-5000-characters",
        "cli eval",
        lambda s: ["eval", "--cases", "/tmp/" + LONG],
        Expect(exit_code=2, problem=r"--cases.*" + TOO_LONG, next_step=r"shorter|give"),
    ),
    CliCase(
        "eval-case-json-broken",
        "cli eval",
        lambda s: ["eval", "--cases", _case_dir(s, "{broken")],
        Expect(problem=r"case\.json|hostile-case", next_step=r"docs/evals\.md|fields|JSON"),
    ),
    CliCase(
        "eval-case-of-wrong-shape",
        "cli eval",
        lambda s: ["eval", "--cases", _case_dir(s, {"question": 5, "source": ["x"]})],
        Expect(problem=r"is malformed", next_step=r"docs/evals\.md"),
    ),
    CliCase(
        "eval-unknown-case-name",
        "cli eval",
        lambda s: ["eval", "--cases", _case_dir(s, "{}"), "--case", "../../outside"],
        Expect(problem=r"unknown eval case", next_step=r"Cases in"),
    ),
    CliCase(
        "eval-case-folder-named-with-markup",
        "cli eval",
        lambda s: [
            "eval",
            "--cases",
            _case_dir(s, "{broken", name="[red]x:fire:"),
        ],
        Expect(problem=r"\[red\]x:fire:", next_step=r"docs/evals\.md|fields|JSON"),
    ),
    CliCase(
        "eval-json-output-is-a-directory",
        "cli eval",
        lambda s: ["eval", "--cases", str(s.work / "nope"), "--json", str(s.work)],
        Expect(problem=r"is a directory", next_step=r"Give --json a file path"),
    ),
]

MCP: list[CliCase] = [
    CliCase(
        "mcp-recording-and-url",
        "cli mcp",
        lambda s: ["mcp", "--recording", str(files.DEMO_RECORDING), "--url", "http://x:1"],
        Expect(exit_code=2, problem=r"--recording or --url, not both", next_step=r"give"),
    ),
    CliCase(
        "mcp-repo-5000-characters",
        "cli mcp",
        lambda s: ["mcp", "--repo", "/tmp/" + LONG],
        Expect(exit_code=2, problem=r"--repo.*" + TOO_LONG, next_step=r"shorter|give"),
    ),
    CliCase(
        "mcp-url-malformed",
        "cli mcp",
        lambda s: ["mcp", "--url", "http://[::1"],
        Expect(exit_code=2, problem=r"--url is malformed", next_step=r"give e\.g\."),
    ),
]

CASES = [*SERVE, *RECORD, *EVAL, *MCP]
