"""How a Pyroscope server's HTTP answer is read: its body with bounds, its Retry-After.

A server (or whatever answers in its place) may send any status, any body, any encoding, at any
speed. The body is read as it arrives, at most ``limit`` bytes, and only until the query's
budget ends (a trickle of bytes never trips a read timeout); gzip is decompressed here with the
profile reader's cap, because httpx would inflate any encoding into memory unbounded (error
answers become typed errors in :func:`connect.typed_error`). ``Retry-After`` is read in both of
its forms.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

from profile_insights.agent.errors import (
    ConnectionFailedError,
    ProfileFormatError,
    QueryTimeoutError,
    shown,
)
from profile_insights.agent.profiles.decode import gunzip_capped
from profile_insights.agent.pyroscope.connect import TRANSIENT_CODES, parse_error, typed_error
from profile_insights.agent.pyroscope.retry import Deadline, Transient
from profile_insights.agent.pyroscope.settings import scrub

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


def checked_answer(
    response: httpx.Response, content: bytes, *, method: str, where: str, secrets: list[str]
) -> bytes:
    """Return the body of an API answer, or raise the typed error the answer means.

    Raises:
        ConnectionFailedError: a web page or a redirect (the URL is not the API), or a failure.
        Transient: a 429, or ``unavailable`` with 502/503/504 (worth another try).
        ProfileInsightsError: the typed error of any other Connect error.
    """
    status = response.status_code
    content_type = response.headers.get("content-type", "")
    if status == 200 and not content_type.startswith("text/html"):
        return content
    if status == 200 or 300 <= status < 400:
        # A web page or a redirect (to a login page) means the URL is not the API.
        target = scrub(response.headers.get("location", ""), secrets)
        answered = f"redirected to {shown(target)}" if target else "answered with a web page"
        raise ConnectionFailedError(
            f"{where} {answered} instead of the Pyroscope API ({method})",
            "Point PROFILECLI_URL at Pyroscope itself or at a Grafana data-source proxy URL "
            "(.../api/datasources/proxy/uid/<uid>) and set PROFILECLI_TOKEN to a Grafana "
            "service-account token.",
        )
    error = parse_error(status, response.reason_phrase, content_type, content)
    typed = typed_error(method, error, where, secrets)
    if status == RATE_LIMITED or (error.code in TRANSIENT_CODES and status in TRANSIENT_STATUSES):
        raise Transient(typed, retry_after(response.headers.get("retry-after")))
    raise typed


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
