"""The Python API and the LangChain tool, called as a careless or hostile embedder calls them.

The API raises a :class:`ProfileInsightsError` (or returns the question the graph asks) with a
message and a next step; the LangChain tool hands the model that same text as the tool's
answer. Nothing else escapes: no ``OSError``, ``ValueError`` or pydantic error text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from profile_insights.agent import api
from profile_insights.agent.errors import ProfileInsightsError
from profile_insights.agent.tools import profile_insights_tool
from tests.hostile import files
from tests.hostile.cli import DEEP, LONG
from tests.hostile.conftest import Sandbox
from tests.hostile.figures import record_case
from tests.hostile.harness import Expect, Seen, check

DEMO = str(files.DEMO_RECORDING)
SERVICE = str(files.DEMO_SERVICE)
Q = files.QUESTION
TOO_LONG = r"cannot exist|too long"

Call = Callable[[Sandbox], Any]


@dataclass(frozen=True)
class ApiCase:
    """One call and what the caller reads (the error's text, or the pending question's)."""

    name: str
    way: str
    call: Call
    expect: Expect


def _recording(sandbox: Sandbox, data: bytes) -> str:
    return str(files.recording_of(sandbox.root / "rec", data))


def _ask(**options: Any) -> Call:
    return lambda sandbox: api.ask(Q, **{"recording": DEMO, "repo": SERVICE, **options})


def _tool(arguments: dict[str, Any], **context: Any) -> Call:
    def call(sandbox: Sandbox) -> Any:
        made = api.make_context(**{"recording": DEMO, "repo": SERVICE, **context})
        return profile_insights_tool(made).invoke(arguments)

    return call


CASES: list[ApiCase] = [
    ApiCase(
        "api-empty-question",
        "python api",
        lambda s: api.ask("  ", recording=DEMO, repo=SERVICE),
        Expect(exit_code=None, problem=r"the question is empty", next_step=r"Ask about"),
    ),
    ApiCase(
        "api-repo-5000-characters",
        "python api",
        _ask(repo="/tmp/" + LONG),
        Expect(exit_code=None, problem=r"repo .*" + TOO_LONG, next_step=r"checkout"),
    ),
    ApiCase(
        "api-repo-over-path-max",
        "python api",
        lambda s: api.ask(Q, recording=DEMO, repo=str(s.work / DEEP)),
        Expect(exit_code=None, problem=r"repo .*" + TOO_LONG, next_step=r"checkout"),
    ),
    ApiCase(
        "api-repo-nul-byte",
        "python api",
        _ask(repo="/tmp/a\u0000b"),
        Expect(exit_code=None, problem=r"repo .*cannot exist", next_step=r"checkout"),
    ),
    ApiCase(
        "api-recording-missing",
        "python api",
        lambda s: api.ask(Q, recording=str(s.work / "nope"), repo=SERVICE),
        Expect(
            exit_code=None,
            problem=r"no recording at|not a directory",
            next_step=r"recording add|to a recording directory",
        ),
    ),
    ApiCase(
        "api-recording-5000-characters",
        "python api",
        _ask(recording="/tmp/" + LONG),
        Expect(
            exit_code=None,
            problem=r"no recording can be at|not a directory",
            next_step=r"recording",
        ),
    ),
    ApiCase(
        "api-recording-with-reserved-location-id",
        "python api",
        lambda s: api.ask(
            Q, recording=_recording(s, files.MALFORMED["location-id-0"][0]()), repo=SERVICE
        ),
        Expect(exit_code=None, problem=r"reserved id=0", next_step=r"Replace"),
    ),
    ApiCase(
        "api-recording-of-concatenated-profiles",
        "python api",
        lambda s: api.ask(
            Q, recording=_recording(s, files.MALFORMED["concatenated"][0]()), repo=SERVICE
        ),
        Expect(exit_code=None, problem=r"concatenated profiles", next_step=r"Replace"),
    ),
    ApiCase(
        "api-recording-gzip-bomb",
        "python api",
        lambda s: api.ask(Q, recording=_recording(s, files.gzip_bomb(512 << 20)), repo=SERVICE),
        Expect(exit_code=None, problem=r"gzip bomb", next_step=r"Replace"),
    ),
    ApiCase(
        "api-timeout-negative",
        "python api",
        lambda s: api.make_context(recording=DEMO, timeout=-3),
        Expect(
            exit_code=None, problem=r"timeout .*not a positive number", next_step=r"--timeout 30"
        ),
    ),
    ApiCase(
        "api-timeout-a-string",
        "python api",
        # What an untyped caller (a LangGraph Server context, JSON) may pass.
        lambda s: api.make_context(recording=DEMO, timeout="soon"),  # type: ignore[arg-type]
        Expect(exit_code=None, problem=r"not a positive number", next_step=r"seconds"),
    ),
    ApiCase(
        "api-cache-dir-cannot-exist",
        "python api",
        lambda s: api.make_context(recording=DEMO, cache_dir="/tmp/" + LONG),
        Expect(exit_code=None, problem=r"cache_dir .*cannot exist", next_step=r"directory"),
    ),
    ApiCase(
        "api-cache-dir-is-a-file",
        "python api",
        lambda s: api.make_context(recording=DEMO, cache_dir=str(files.DEMO_PROFILE)),
        Expect(exit_code=None, problem=r"cache_dir .*cannot be created", next_step=r"writable"),
    ),
    ApiCase(
        "api-url-100k-characters",
        "python api",
        lambda s: api.ask(Q, url="http://localhost:4040/" + "a" * 100_000, repo=SERVICE),
        Expect(exit_code=None, problem=r"URL is too long", next_step=r"answer http"),
    ),
    ApiCase(
        "api-service-selector-injection",
        "python api",
        _ask(services=['x"} or {service_name=~".*']),
        Expect(exit_code=None, problem=r"no service named", next_step=r"Pass one of them"),
    ),
    ApiCase(
        "api-time-from-garbage",
        "python api",
        _ask(time_from="last tuesday"),
        Expect(exit_code=None, problem=r"could not read the time", next_step=r"Use now"),
    ),
    ApiCase(
        "api-resume-unknown-thread",
        "python api",
        lambda s: api.resume("nope", "checkout", recording=DEMO, repo=SERVICE),
        Expect(
            exit_code=None, problem=r"not waiting for an answer|no thread", next_step=r"thread ID"
        ),
    ),
    ApiCase(
        "langchain-question-a-number",
        "langchain tool",
        _tool({"question": 5}),
        Expect(exit_code=None, problem=r"question: Input should be", next_step=r"Call it with"),
    ),
    ApiCase(
        "langchain-no-question",
        "langchain tool",
        _tool({}),
        Expect(exit_code=None, problem=r"question: Field required", next_step=r"Call it with"),
    ),
    ApiCase(
        "langchain-empty-question",
        "langchain tool",
        _tool({"question": ""}),
        Expect(exit_code=None, problem=r"the question is empty", next_step=r"Ask about"),
    ),
    ApiCase(
        "langchain-repo-5000-characters",
        "langchain tool",
        _tool({"question": Q, "repo": "/tmp/" + LONG}),
        Expect(exit_code=None, problem=r"is not a directory", next_step=r"checkout"),
    ),
    ApiCase(
        "langchain-repo-nul-byte",
        "langchain tool",
        _tool({"question": Q, "repo": "a\u0000b"}),
        Expect(exit_code=None, problem=r"is not a directory", next_step=r"checkout"),
    ),
    ApiCase(
        "langchain-unknown-thread",
        "langchain tool",
        _tool({"question": Q, "thread_id": "nope"}),
        Expect(
            exit_code=None,
            problem=r"not waiting for an answer|no thread",
            next_step=r"without thread_id|ask the question",
        ),
    ),
    ApiCase(
        "langchain-time-garbage",
        "langchain tool",
        _tool({"question": Q, "time_from": "soon-ish"}),
        Expect(exit_code=None, problem=r"could not read the time", next_step=r"Use now"),
    ),
    ApiCase(
        "langchain-time-to-without-time-from",
        "langchain tool",
        _tool({"question": Q, "time_to": "now-1h"}),
        Expect(exit_code=None, problem=r"without time_from", next_step=r"Give time_from"),
    ),
    ApiCase(
        "langchain-service-injection",
        "langchain tool",
        _tool({"question": Q, "service": "$(touch pwned)"}),
        Expect(exit_code=None, problem=r"no service named", next_step=r"Pass one of them"),
    ),
    ApiCase(
        "langchain-damaged-recording",
        "langchain tool",
        lambda s: profile_insights_tool(
            api.make_context(
                recording=_recording(s, files.MALFORMED["function-id-0"][0]()), repo=SERVICE
            )
        ).invoke({"question": Q}),
        Expect(exit_code=None, problem=r"reserved ID=0", next_step=r"Replace"),
    ),
]


def _text_of(outcome: Any) -> str:
    if isinstance(outcome, api.NeedsInput):
        return outcome.question.message
    if isinstance(outcome, str):
        return outcome
    raise AssertionError(f"the call returned {type(outcome).__name__}, not an error: {outcome!r}")


def test_case_names_are_unique() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_a_hostile_call_gets_a_typed_error_with_a_next_step(
    case: ApiCase, sandbox: Sandbox
) -> None:
    record_case(case.way)
    try:
        text = _text_of(case.call(sandbox))
    except ProfileInsightsError as error:
        text = str(error)
    check(Seen(None, text, "", text), case.expect, case=case.name)
    assert not list(sandbox.root.rglob("pwned*"))
