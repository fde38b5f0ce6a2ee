"""The fault server's cases: a broken Pyroscope's answers, the query meeting each, what is seen.

Each case states the error the user reads (its type, the problem, the next step), how many
requests the server may see (retries only for what is worth retrying) and how long the query
may take (the budget, never more). ``test_faults.py`` runs them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from profile_insights.agent.errors import (
    AuthenticationError,
    ConnectionFailedError,
    ProfileFormatError,
    ProfileInsightsError,
    QueryTimeoutError,
    RateLimitedError,
)
from profile_insights.agent.pyroscope import pyroscope_api_pb2 as api
from profile_insights.agent.pyroscope.http_source import HttpSource
from profile_insights.agent.pyroscope.retry import RetryPolicy
from tests.hostile import files
from tests.hostile.fault_server import Behaviour, Reply, Seen
from tests.hostile.harness import Expect

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
HOUR = (NOW - timedelta(hours=1), NOW)
QUICK = RetryPolicy(attempts=3, initial_wait=0.05, max_wait=0.1, jitter=0.0)
TOKEN = "glsa_FaultCaseToken_0123456789"
JSON = {"Content-Type": "application/json"}
PROTO = {"Content-Type": "application/proto"}

Query = Callable[[HttpSource], object]


def series(source: HttpSource) -> object:
    return source.series("{}", ["service_name"], *HOUR)


def merge(source: HttpSource) -> object:
    return source.merge_profile('{service_name="checkout"}', files.CPU, *HOUR)


def connect_error(status: int, code: str, message: str, **headers: str) -> Reply:
    body = json.dumps({"code": code, "message": message}).encode()
    return Reply(status, body, {**JSON, **headers})


def pprof_answer(profile: bytes) -> Reply:
    answer = api.SelectMergeStacktracesResponse(pprof=api.PprofProfile(profile=profile))
    return Reply(200, answer.SerializeToString(), PROTO)


def once_then(first: Reply, then: Reply) -> Behaviour:
    """Answer ``first`` to the first request and ``then`` to the others."""
    count = [0]

    def behave(request: Seen) -> Reply:
        count[0] += 1
        return first if count[0] == 1 else then

    return behave


SERIES_OK = Reply(200, json.dumps({"labelsSet": []}).encode(), JSON)


@dataclass(frozen=True)
class FaultCase:
    """A fault, the query that meets it, and what the user sees."""

    name: str
    behaviour: Behaviour
    query: Query
    error: type[ProfileInsightsError] | None
    expect: Expect
    requests: tuple[int, int]
    """Fewest and most requests the server may see."""
    seconds: float = 10.0
    """Longest the query may take."""
    timeout: float = 5.0


CASES: list[FaultCase] = [
    FaultCase(
        "503-every-time",
        lambda r: connect_error(503, "unavailable", "overloaded"),
        series,
        ConnectionFailedError,
        Expect(exit_code=None, problem=r"kept failing: unavailable", next_step=r"try again later"),
        (3, 3),
    ),
    FaultCase(
        "502-plain-text-from-a-proxy",
        lambda r: Reply(502, b"502 Bad Gateway\n", {"Content-Type": "text/plain"}),
        series,
        ConnectionFailedError,
        Expect(exit_code=None, problem=r"kept failing", next_step=r"try again later"),
        (3, 3),
    ),
    FaultCase(
        "503-once-then-answers",
        once_then(connect_error(503, "unavailable", "restarting"), SERIES_OK),
        series,
        None,
        Expect(exit_code=0, problem=r".", next_step=r"."),
        (2, 2),
    ),
    FaultCase(
        "429-retry-after-1s-then-answers",
        once_then(Reply(429, b"slow down", {"Retry-After": "1"}), SERIES_OK),
        series,
        None,
        Expect(exit_code=0, problem=r".", next_step=r"."),
        (2, 2),
    ),
    FaultCase(
        "429-retry-after-http-date",
        once_then(
            Reply(
                429,
                b"",
                {"Retry-After": format_datetime(datetime.now(UTC) + timedelta(seconds=1), True)},
            ),
            SERIES_OK,
        ),
        series,
        None,
        Expect(exit_code=0, problem=r".", next_step=r"."),
        (2, 2),
    ),
    FaultCase(
        "429-retry-after-an-hour",
        lambda r: Reply(429, b"", {"Retry-After": "3600"}),
        series,
        RateLimitedError,
        Expect(
            exit_code=None, problem=r"rate-limiting .* asked to wait 3600s", next_step=r"--timeout"
        ),
        (1, 1),
        seconds=3,
    ),
    FaultCase(
        "429-retry-after-garbage",
        lambda r: Reply(429, b"", {"Retry-After": "whenever"}),
        series,
        ConnectionFailedError,
        Expect(exit_code=None, problem=r"kept failing|rate", next_step=r"try again|--timeout"),
        (3, 3),
    ),
    FaultCase(
        "429-connect-resource-exhausted",
        lambda r: connect_error(429, "resource_exhausted", "tenant over its query limit"),
        series,
        ConnectionFailedError,
        Expect(exit_code=None, problem=r"over its query limit", next_step=r"try again"),
        (3, 3),
    ),
    FaultCase(
        "hangs-past-the-timeout",
        lambda r: Reply(200, b"{}", JSON, wait=30),
        series,
        QueryTimeoutError,
        Expect(exit_code=None, problem=r"timed out after 0\.5s", next_step=r"--timeout"),
        (1, 3),
        seconds=3,
        timeout=0.5,
    ),
    FaultCase(
        "trickles-its-answer-forever",
        lambda r: Reply(200, b"{" + b" " * 4000 + b"}", JSON, drip=0.05),
        series,
        QueryTimeoutError,
        Expect(exit_code=None, problem=r"still sending its answer", next_step=r"--timeout"),
        (1, 1),
        seconds=4,
        timeout=1.0,
    ),
    FaultCase(
        "resets-the-connection",
        lambda r: Reply(reset=True),
        series,
        ConnectionFailedError,
        Expect(exit_code=None, problem=r"cannot reach Pyroscope", next_step=r"PROFILECLI_URL"),
        (3, 3),
    ),
    FaultCase(
        "cuts-its-body-short",
        lambda r: Reply(200, b'{"labelsSet": [', JSON, declared=5000),
        series,
        ConnectionFailedError,
        Expect(exit_code=None, problem=r"cannot reach Pyroscope", next_step=r"PROFILECLI_URL"),
        (3, 3),
    ),
    FaultCase(
        "gzip-bomb-content-encoding",
        lambda r: Reply(200, files.gzip_bomb(256 << 20), {**JSON, "Content-Encoding": "gzip"}),
        series,
        ConnectionFailedError,
        Expect(exit_code=None, problem=r"cannot be decompressed", next_step=r"Try again"),
        (1, 1),
    ),
    FaultCase(
        "unasked-content-encoding",
        lambda r: Reply(200, b"\x00\x01", {**JSON, "Content-Encoding": "br"}),
        series,
        ConnectionFailedError,
        Expect(exit_code=None, problem=r"br encoding", next_step=r"proxy"),
        (1, 1),
    ),
    FaultCase(
        "answers-a-web-page",
        lambda r: Reply(200, b"<html>Grafana</html>", {"Content-Type": "text/html"}),
        series,
        ConnectionFailedError,
        Expect(exit_code=None, problem=r"web page", next_step=r"data-source proxy"),
        (1, 1),
    ),
    FaultCase(
        "redirects-to-a-login-page",
        lambda r: Reply(302, b"", {"Location": f"https://login.example/?token={TOKEN}"}),
        series,
        ConnectionFailedError,
        Expect(
            exit_code=None,
            problem=r"redirected to",
            next_step=r"PROFILECLI_URL",
            forbidden=(TOKEN,),
        ),
        (1, 1),
    ),
    FaultCase(
        "series-json-garbage",
        lambda r: Reply(200, b'{"labelsSet": "nope"', JSON),
        series,
        ConnectionFailedError,
        Expect(exit_code=None, problem=r"not Connect JSON", next_step=r"PROFILECLI_URL"),
        (1, 1),
    ),
    FaultCase(
        "merge-proto-garbage",
        lambda r: Reply(200, b"\xff\xff\xff\xff\xff\x0fjunk", PROTO),
        merge,
        ConnectionFailedError,
        Expect(exit_code=None, problem=r"unreadable", next_step=r"PROFILECLI_URL"),
        (1, 1),
    ),
    FaultCase(
        "merge-answers-location-id-0",
        lambda r: pprof_answer(files.MALFORMED["location-id-0"][0]()),
        merge,
        ProfileFormatError,
        Expect(exit_code=None, problem=r"reserved id=0", next_step=r"pprof"),
        (1, 1),
    ),
    FaultCase(
        "merge-answers-concatenated-profiles",
        lambda r: pprof_answer(files.MALFORMED["concatenated"][0]()),
        merge,
        ProfileFormatError,
        Expect(exit_code=None, problem=r"concatenated profiles", next_step=r"pprof"),
        (1, 1),
    ),
    FaultCase(
        "merge-answers-a-gzip-bomb-profile",
        lambda r: pprof_answer(files.gzip_bomb(256 << 20)),
        merge,
        ProfileFormatError,
        Expect(exit_code=None, problem=r"gzip bomb", next_step=r"export the profile again"),
        (1, 1),
    ),
    FaultCase(
        "error-message-of-a-megabyte",
        lambda r: connect_error(500, "internal", "x" * (1 << 20)),
        series,
        ConnectionFailedError,
        Expect(exit_code=None, problem=r"failed on Series", next_step=r"server's logs"),
        (1, 1),
    ),
    FaultCase(
        "error-code-not-a-string",
        lambda r: Reply(500, json.dumps({"code": 5, "message": ["a"]}).encode(), JSON),
        series,
        ConnectionFailedError,
        Expect(exit_code=None, problem=r"500", next_step=r"server's logs"),
        (1, 1),
    ),
    FaultCase(
        "404-not-the-api",
        lambda r: Reply(404, b"404 page not found\n", {"Content-Type": "text/plain"}),
        series,
        ConnectionFailedError,
        Expect(exit_code=None, problem=r"does not serve", next_step=r"PROFILECLI_URL"),
        (1, 1),
    ),
    FaultCase(
        "401-refused",
        lambda r: connect_error(401, "unauthenticated", "bad token"),
        series,
        AuthenticationError,
        Expect(exit_code=None, problem=r"refused the request", next_step=r"PROFILECLI_TOKEN"),
        (1, 1),
    ),
]
