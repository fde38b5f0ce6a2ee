"""What a Pyroscope server's HTTP answer means: its body read with bounds, or a typed error.

A server (or whatever answers in its place) may send any status, any body, any encoding, at any
speed. The body is read as it arrives, at most ``limit`` bytes, and only until the query's
budget ends (a trickle of bytes never trips a read timeout); gzip is decompressed here with the
profile reader's cap, because httpx would inflate any encoding into memory unbounded. Error
answers become the :mod:`agent.errors` type of their Connect code, with the server's words
scrubbed of every credential and shortened. ``Retry-After`` is read in both of its forms.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

from profile_insights.agent.errors import (
    AuthenticationError,
    ConnectionFailedError,
    InvalidQueryError,
    ProfileFormatError,
    ProfileInsightsError,
    QueryRangeError,
    QueryTimeoutError,
    shown,
)
from profile_insights.agent.profiles.decode import gunzip_capped
from profile_insights.agent.pyroscope.connect import QUERIER_SERVICE, ConnectError
from profile_insights.agent.pyroscope.limits import QUERY_RANGE_LIMIT_TEXT
from profile_insights.agent.pyroscope.retry import Deadline, Transient

TRANSIENT_CODES = {"unavailable"}
TRANSIENT_STATUSES = {502, 503, 504}
RATE_LIMITED = 429
#: Bytes of an error answer kept for its message; the rest is not read.
ERROR_BODY = 64 * 1024
#: The longest wait a ``Retry-After`` is taken to ask for (ten years: "never").
_LONGEST_WAIT = 10 * 365 * 86400.0
TIMEOUT_HINT = (
    "Try a shorter time range or a more specific selector, or give the server more time with "
    "--timeout SECONDS (PROFILE_INSIGHTS_TIMEOUT)."
)


def read_answer(
    response: httpx.Response, *, method: str, where: str, deadline: Deadline, limit: int
) -> bytes:
    """Return the decoded body, at most ``limit`` bytes, read before the query's budget ends.

    Raises:
        ConnectionFailedError: a 200 body over ``limit``, an encoding not asked for, a gzip
            body that does not decompress (or decompresses past the cap).
        QueryTimeoutError: the body was still arriving when the budget ended.
    """
    if response.is_stream_consumed:
        # Built with its body (httpx.MockTransport, a proxy in-process): already read.
        return response.content[:limit]
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_raw():
        chunks.append(chunk[: max(limit - size, 0)])
        size += len(chunk)
        if size > limit:
            if response.status_code != 200:
                break  # an error's first bytes say enough
            raise ConnectionFailedError(
                f"{where} answered {method} with more than {limit} bytes",
                "Query a shorter time range or a single service.",
            )
        if deadline.remaining() <= 0:
            raise QueryTimeoutError(
                f"{method} on {where} was still sending its answer when the query's "
                f"{deadline.budget:g}s budget ended",
                TIMEOUT_HINT,
            )
    raw = b"".join(chunks)
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("", "identity"):
        return raw
    if encoding != "gzip":
        raise ConnectionFailedError(
            f"{where} answered {method} in the {shown(encoding, 40)} encoding, which was not "
            "asked for",
            "Check what sits between profile-insights and Pyroscope (a proxy rewriting answers).",
        )
    try:
        return gunzip_capped(raw, name=f"the {method} answer", max_bytes=limit)
    except ProfileFormatError as problem:
        if response.status_code != 200:
            return b""  # a cut-off error body: its status still says what happened
        raise ConnectionFailedError(
            f"{where} sent a {method} answer that cannot be decompressed: {problem.message}",
            "Try again; if it persists, check the server and any proxy in front of it.",
        ) from None


def typed_error(
    method: str, where: str, error: ConnectError, scrub: Callable[[str], str]
) -> ProfileInsightsError:
    """Return the typed error of a Connect error (the server's text scrubbed and shortened)."""
    text = shown(scrub(str(error)), 400)
    if error.code in ("unauthenticated", "permission_denied"):
        return AuthenticationError(f"Pyroscope at {where} refused the request: {text}")
    if error.code in ("invalid_argument", "failed_precondition", "out_of_range"):
        if QUERY_RANGE_LIMIT_TEXT in error.message:
            return QueryRangeError(f"{method} was refused: {text}")
        return InvalidQueryError(f"Pyroscope rejected the {method} query: {text}")
    if error.code == "deadline_exceeded":
        return QueryTimeoutError(f"{method} on {where} ran out of time: {text}")
    if error.code in ("unimplemented", "not_found"):
        return ConnectionFailedError(
            f"{where} does not serve {QUERIER_SERVICE}/{method}: {text}",
            "Check PROFILECLI_URL: use the Pyroscope base URL, or a Grafana data-source "
            "proxy URL ending in /api/datasources/proxy/uid/<uid> (not the Grafana root).",
        )
    if error.code in TRANSIENT_CODES or error.code == "resource_exhausted":
        return ConnectionFailedError(
            f"Pyroscope at {where} kept failing: {text}",
            "The server or a proxy in front of it is unavailable; try again later and "
            "check PROFILECLI_URL.",
        )
    return ConnectionFailedError(
        f"Pyroscope at {where} failed on {method}: {text}",
        "Try again later; if it persists, check the server's logs.",
    )


def retry_after(value: str | None) -> float | None:
    """Return the seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP-date).

    An unreadable value is ignored (the client backs off as usual); a date in the past is 0.
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        seconds = (moment - datetime.now(UTC)).total_seconds()
    if seconds != seconds:  # NaN
        return None
    return min(max(seconds, 0.0), _LONGEST_WAIT)


def is_transient(error: BaseException) -> bool:
    """Return whether a failed try is worth another: resets, timeouts, 429 and 502-504."""
    if isinstance(error, Transient):
        return True
    return isinstance(
        error,
        httpx.ConnectError
        | httpx.ReadError
        | httpx.WriteError
        | httpx.RemoteProtocolError
        | httpx.ReadTimeout
        | httpx.ConnectTimeout,
    )
