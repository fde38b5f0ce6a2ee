"""How long a query may take, and how transient failures are retried within that time.

Two bounds a user controls: the request timeout (``--timeout``, ``PROFILE_INSIGHTS_TIMEOUT``,
``make_context(timeout=...)``; 60 s by default) bounds each request, and the query's budget
(twice the timeout unless a :class:`RetryPolicy` says otherwise) bounds all tries of one query
together, waits included: a try is not started when it could not begin before the budget ends.

Connection resets, read timeouts, HTTP 502/503/504 (``unavailable``) and 429 (rate limited)
are retried with exponential backoff and jitter; a ``Retry-After`` the server sends is honoured
when it fits in the budget. A 4xx is the caller's mistake and is never retried. Every wait is
logged at debug level (never with request headers: they hold credentials) and reported to an
``on_wait`` callback, which the graph turns into a progress line.
"""

from __future__ import annotations

import logging
import math
import os
import random
import time
from collections.abc import Callable, Mapping

from pydantic import BaseModel, Field
from tenacity import RetryCallState, Retrying, retry_if_exception

from profile_insights.agent.errors import ConfigurationError, ProfileInsightsError

logger = logging.getLogger("profile_insights.pyroscope")

TIMEOUT_ENV = "PROFILE_INSIGHTS_TIMEOUT"
#: Seconds one request may take when nobody says otherwise.
DEFAULT_TIMEOUT = 60.0
#: The query's budget, in request timeouts, when the policy sets none.
BUDGET_TIMEOUTS = 2.0

Waiting = Callable[[str], None]
"""Called with one line saying what is waited for and how long, before every wait."""


class RetryPolicy(BaseModel):
    """Bounded retries; tests use tiny waits."""

    attempts: int = Field(default=4, ge=1, description="Tries in total, the first included.")
    initial_wait: float = Field(default=0.5, ge=0, description="Seconds before the 2nd try.")
    max_wait: float = Field(default=8.0, ge=0, description="Upper bound of one backoff wait.")
    jitter: float = Field(default=0.5, ge=0, description="Random seconds added to each wait.")
    budget: float | None = Field(
        default=None,
        gt=0,
        description="Seconds all tries of one query may take, waits included "
        "(default: twice the request timeout).",
    )

    def backoff(self, attempt: int) -> float:
        """Return the wait after failed try ``attempt`` (1-based): doubling, capped, jittered."""
        wait = min(self.initial_wait * float(2 ** (attempt - 1)), self.max_wait)
        return wait + random.uniform(0, self.jitter)  # noqa: S311 - jitter, not a secret


def request_timeout(value: float | None = None, environ: Mapping[str, str] | None = None) -> float:
    """Return the seconds one request may take: ``value``, else $PROFILE_INSIGHTS_TIMEOUT, else 60.

    Raises:
        ConfigurationError: the value (or the variable) is not a positive number of seconds.
    """
    if value is None:
        text = (os.environ if environ is None else environ).get(TIMEOUT_ENV, "").strip()
        if not text:
            return DEFAULT_TIMEOUT
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        where = f"{TIMEOUT_ENV}={text[:40]!r}"
    else:
        where = f"the timeout {str(value)[:40]!r}"
        if isinstance(value, bool) or not isinstance(value, int | float):
            value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise ConfigurationError(
            f"{where} is not a positive number of seconds",
            f"Give the timeout in seconds, e.g. --timeout 30 or {TIMEOUT_ENV}=30.",
        )
    return value


class Transient(Exception):
    """A failure worth retrying; carries the typed error to raise when the tries run out."""

    def __init__(self, final: ProfileInsightsError, retry_after: float | None = None) -> None:
        """Keep the final error and the wait the server asked for (``Retry-After``), if any."""
        super().__init__(final.message)
        self.final = final
        self.retry_after = retry_after


class Deadline:
    """The end of one query's budget, on the monotonic clock."""

    def __init__(self, budget: float) -> None:
        """Start the budget now."""
        self.budget = budget
        self.end = time.monotonic() + budget

    def remaining(self) -> float:
        """Return the seconds left (never below zero)."""
        return max(self.end - time.monotonic(), 0.0)

    def bound(self, timeout: float) -> float:
        """Return the timeout of the next try: ``timeout``, or less when the budget ends first."""
        return max(min(timeout, self.remaining()), 0.05)


def query_budget(policy: RetryPolicy, timeout: float) -> float:
    """Return the budget of one query under ``policy`` with requests of ``timeout`` seconds."""
    return policy.budget if policy.budget is not None else BUDGET_TIMEOUTS * timeout


def retrying(
    policy: RetryPolicy,
    is_transient: Callable[[BaseException], bool],
    deadline: Deadline,
    *,
    what: str = "the query",
    on_wait: Waiting | None = None,
) -> Retrying:
    """Return a tenacity controller for one query: retry within the attempts and the budget.

    The wait after a failure is the server's ``Retry-After`` when the error carries one, else
    the policy's backoff; the tries stop when the next one could not start before the budget
    ends. The last error is re-raised.
    """

    def wait(state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome is not None else None
        asked = getattr(error, "retry_after", None)
        if isinstance(asked, int | float) and asked >= 0:
            return float(asked)
        return policy.backoff(state.attempt_number)

    def stop(state: RetryCallState) -> bool:
        if state.attempt_number >= policy.attempts:
            return True
        return state.upcoming_sleep >= deadline.remaining()

    def before_sleep(state: RetryCallState) -> None:
        outcome = state.outcome
        error = outcome.exception() if outcome is not None else None
        sleep = state.upcoming_sleep
        reason = error.final.message if isinstance(error, Transient) else type(error).__name__
        asked = " (the server's Retry-After)" if getattr(error, "retry_after", None) else ""
        line = (
            f"{what}: waiting {sleep:.1f}s{asked} before try {state.attempt_number + 1} of "
            f"{policy.attempts} ({deadline.remaining():.0f}s of {deadline.budget:g}s left): "
            f"{_first_line(reason)}"
        )
        logger.debug(
            "transient failure on attempt %d; retrying in %.2fs: %s",
            state.attempt_number,
            sleep,
            line,
        )
        if on_wait is not None:
            on_wait(line)

    return Retrying(
        stop=stop,
        wait=wait,
        retry=retry_if_exception(is_transient),
        before_sleep=before_sleep,
        reraise=True,
    )


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= 200 else line[:197] + "..."
