"""The MCP server over stdio, fed what a broken or hostile client sends.

One server process answers every case in turn (as a chat client's server would), and must still
answer at the end; its stderr must never show a traceback. Each case states what the client
reads: a tool's error result with our message and next step, or a JSON-RPC error.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from tests.hostile import files
from tests.hostile.cli import LONG
from tests.hostile.conftest import Sandbox, make_sandbox
from tests.hostile.figures import record_case
from tests.hostile.harness import Expect, Seen, check
from tests.hostile.mcp_client import RawMcpClient, text_of

pytestmark = [pytest.mark.integration]

Line = Callable[[Sandbox, int], str]
"""Builds the line to send from the case's sandbox and the request ID to use."""


@dataclass(frozen=True)
class McpCase:
    """One line sent to the server and what the client reads back."""

    name: str
    line: Line
    expect: Expect
    answered_by_id: bool = True
    """False when the line's ID cannot be read (the answer carries ``id: null``)."""
    error: bool = True


def call(tool: str, arguments: object) -> Line:
    """Return a line calling ``tool`` with ``arguments`` (any JSON, hostile or not)."""
    return lambda sandbox, request_id: json.dumps(
        {
            "jsonrpc": "2.0",
            "id": request_id,
            "method": "tools/call",
            "params": {"name": tool, "arguments": arguments},
        }
    )


def call_top_on(make: Callable[[], bytes]) -> Line:
    """Return a line calling ``top`` on a file of ``make()``'s bytes in the sandbox."""

    def line(sandbox: Sandbox, request_id: int) -> str:
        path = files.write(sandbox.work / "profile.pb.gz", make())
        return call("top", {"path": str(path)})(sandbox, request_id)

    return line


def raw(text: str) -> Line:
    """Return a line that is exactly ``text``."""
    return lambda sandbox, request_id: text


PPROF = r"pprof"
CASES: list[McpCase] = [
    McpCase(
        "mcp-line-not-json",
        raw("this is not json"),
        Expect(exit_code=None, problem=r"-32700 Parse error", next_step=r"one JSON-RPC"),
        answered_by_id=False,
    ),
    McpCase(
        "mcp-line-truncated-json",
        raw('{"jsonrpc": "2.0", "id": 1, "method": "tools/li'),
        Expect(exit_code=None, problem=r"-32700", next_step=r"one JSON-RPC"),
        answered_by_id=False,
    ),
    McpCase(
        "mcp-params-a-string",
        lambda s, i: json.dumps({"jsonrpc": "2.0", "id": i, "method": "tools/call", "params": "x"}),
        Expect(
            exit_code=None, problem=r"-32600 .*params must be an object", next_step=r"JSON object"
        ),
    ),
    McpCase(
        "mcp-params-a-list",
        lambda s, i: json.dumps({"jsonrpc": "2.0", "id": i, "method": "tools/list", "params": [1]}),
        Expect(
            exit_code=None, problem=r"-32600 .*params must be an object", next_step=r"JSON object"
        ),
    ),
    McpCase(
        "mcp-batch",
        raw('[{"jsonrpc": "2.0", "id": 5, "method": "tools/list"}]'),
        Expect(exit_code=None, problem=r"-32600 .*batches", next_step=r"one message per line"),
        answered_by_id=False,
    ),
    McpCase(
        "mcp-a-number",
        raw("42"),
        Expect(exit_code=None, problem=r"-32600", next_step=r"send one per line"),
        answered_by_id=False,
    ),
    McpCase(
        "mcp-method-a-number",
        lambda s, i: json.dumps({"jsonrpc": "2.0", "id": i, "method": 7}),
        Expect(exit_code=None, problem=r"-32600 .*method", next_step=r"name the method"),
    ),
    McpCase(
        "mcp-wrong-jsonrpc-version",
        lambda s, i: json.dumps({"jsonrpc": "1.0", "id": i, "method": "tools/list"}),
        Expect(exit_code=None, problem=r"-32600", next_step=r"JSON-RPC 2\.0 request"),
    ),
    McpCase(
        "mcp-unknown-method",
        lambda s, i: json.dumps({"jsonrpc": "2.0", "id": i, "method": "rm -rf /", "params": {}}),
        Expect(exit_code=None, problem=r"-32601|not found", next_step=r"rm -rf|method"),
    ),
    McpCase(
        "mcp-ask-question-a-number",
        call("ask", {"question": 5}),
        Expect(exit_code=None, problem=r"question: Input should be", next_step=r"Call ask with"),
    ),
    McpCase(
        "mcp-ask-no-question",
        call("ask", {}),
        Expect(exit_code=None, problem=r"question: Field required", next_step=r"Call ask with"),
    ),
    McpCase(
        "mcp-ask-empty-question",
        call("ask", {"question": "   "}),
        Expect(exit_code=None, problem=r"the question is empty", next_step=r"Ask about a service"),
    ),
    McpCase(
        "mcp-ask-repo-5000-characters",
        call("ask", {"question": files.QUESTION, "repo": "/tmp/" + LONG}),
        Expect(exit_code=None, problem=r"is not a directory", next_step=r"checkout's path"),
    ),
    McpCase(
        "mcp-ask-repo-nul-byte",
        call("ask", {"question": files.QUESTION, "repo": "/tmp/a\u0000b"}),
        Expect(exit_code=None, problem=r"is not a directory", next_step=r"checkout's path"),
    ),
    McpCase(
        "mcp-ask-repo-is-a-file",
        call("ask", {"question": files.QUESTION, "repo": str(files.DEMO_PROFILE)}),
        Expect(exit_code=None, problem=r"is not a directory", next_step=r"checkout's path"),
    ),
    McpCase(
        "mcp-ask-unknown-thread",
        call("ask", {"question": files.QUESTION, "thread_id": "../../nope"}),
        Expect(
            exit_code=None,
            problem=r"not waiting for an answer|no thread",
            next_step=r"without thread_id|ask the question",
        ),
    ),
    McpCase(
        "mcp-ask-answer-for-unknown-thread",
        call("ask", {"question": files.QUESTION, "thread_id": "nope", "answer": "checkout"}),
        Expect(
            exit_code=None,
            problem=r"not waiting for an answer|no thread",
            next_step=r"ask the question",
        ),
    ),
    McpCase(
        "mcp-ask-time-garbage",
        call("ask", {"question": files.QUESTION, "time_from": "the day before"}),
        Expect(exit_code=None, problem=r"could not read the time", next_step=r"Use now"),
    ),
    McpCase(
        "mcp-ask-profile-type-garbage",
        call("ask", {"question": files.QUESTION, "profile_type": "x;rm -rf /"}),
        Expect(exit_code=None, problem=r"profile-type selection", next_step=r"profile types"),
    ),
    McpCase(
        "mcp-ask-service-selector-injection",
        call("ask", {"question": files.QUESTION, "service": 'x"} or {a=~".*'}),
        Expect(exit_code=None, problem=r"no service named", next_step=r"Pass one of them"),
    ),
    McpCase(
        "mcp-top-path-5000-characters",
        call("top", {"path": "/tmp/" + LONG}),
        Expect(exit_code=None, problem=r"is not a file", next_step=r"path of a pprof file"),
    ),
    McpCase(
        "mcp-top-path-nul-byte",
        call("top", {"path": "/tmp/a\u0000b.pb.gz"}),
        Expect(exit_code=None, problem=r"is not a file", next_step=r"path of a pprof file"),
    ),
    McpCase(
        "mcp-top-a-directory",
        call("top", {"path": "/tmp"}),
        Expect(exit_code=None, problem=r"is not a file", next_step=r"path of a pprof file"),
    ),
    McpCase(
        "mcp-top-path-a-list",
        call("top", {"path": ["a", "b"]}),
        Expect(exit_code=None, problem=r"path: Input should be", next_step=r"Call top with"),
    ),
    McpCase(
        "mcp-top-rows-a-string",
        call("top", {"path": str(files.DEMO_PROFILE), "rows": "many"}),
        Expect(exit_code=None, problem=r"rows: Input should be", next_step=r"Call top with"),
    ),
    McpCase(
        "mcp-top-sample-index-unknown",
        call("top", {"path": str(files.DEMO_PROFILE), "sample_index": "bytes"}),
        Expect(exit_code=None, problem=r"sample", next_step=r"cpu|samples|one of"),
    ),
    McpCase(
        "mcp-top-gzip-bomb",
        call_top_on(lambda: files.gzip_bomb(256 << 20)),
        Expect(exit_code=None, problem=r"decompress", next_step=r"export"),
    ),
    *[
        McpCase(
            f"mcp-top-{name}",
            call_top_on(make),
            Expect(exit_code=None, problem=reason, next_step=PPROF),
        )
        for name, (make, reason) in files.MALFORMED.items()
    ],
    McpCase(
        "mcp-top-frame-file-5000-characters",
        call_top_on(lambda: files.with_file_name("a/" * 2500 + "x.go")),
        Expect(exit_code=0, problem=r"flat%", next_step=r"cum%"),
        error=False,
    ),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RawMcpClient]:
    """Start one MCP server on the bundled recording for every case of this module."""
    box = make_sandbox(tmp_path_factory.mktemp("mcp-server"))
    client = RawMcpClient(
        ["--recording", str(files.DEMO_RECORDING), "--repo", str(files.DEMO_SERVICE)],
        box.env(),
        box.work,
    )
    yield client
    still = client.request("tools/list", {})
    assert {tool["name"] for tool in still["result"]["tools"]} == {"ask", "services", "top"}
    assert client.close() == 0
    assert "Traceback" not in client.stderr, client.stderr[-3000:]


def test_case_names_are_unique() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_a_hostile_mcp_call_is_answered_with_a_message(
    case: McpCase, server: RawMcpClient, sandbox: Sandbox
) -> None:
    record_case("mcp stdio")
    request_id = server.next_id()
    server.send_line(case.line(sandbox, request_id))
    answer = server.answer(request_id if case.answered_by_id else None)
    assert "unreadable" not in answer, answer
    is_error, text = text_of(answer)
    assert is_error == case.error, answer
    assert "Error executing tool" not in text
    # A successful answer is a document, checked like a command's exit 0.
    seen = Seen(exit_code=None if is_error else 0, stdout=text, stderr=server.stderr, message=text)
    check(seen, case.expect, case=case.name)


def test_the_server_answers_after_every_hostile_line(server: RawMcpClient) -> None:
    listed = server.request("tools/list", {})
    assert len(listed["result"]["tools"]) == 3
