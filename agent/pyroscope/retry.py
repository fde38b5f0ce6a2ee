"""How transient failures are retried: exponential backoff with jitter, bounded attempts.

Connection resets, read timeouts and HTTP 502/503/504 (``unavailable``) are retried; a 4xx is
the caller's mistake and is never retried. Every retry is logged at debug level, without
request headers (they hold credentials).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from pydantic import BaseModel, Field
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)

logger = logging.getLogger("profile_insights.pyroscope")


class RetryPolicy(BaseModel):
    """Bounded retries; tests use tiny waits."""

    attempts: int = Field(default=4, ge=1, description="Tries in total, the first included.")
    initial_wait: float = Field(default=0.5, ge=0, description="Seconds before the 2nd try.")
    max_wait: float = Field(default=8.0, ge=0, description="Upper bound of one wait.")
    jitter: float = Field(default=0.5, ge=0, description="Random seconds added to each wait.")


def retrying(policy: RetryPolicy, is_transient: Callable[[BaseException], bool]) -> Retrying:
    """Return a tenacity controller that retries what ``is_transient`` accepts, then re-raises."""
    return Retrying(
        stop=stop_after_attempt(policy.attempts),
        # initial * 2**(n-1) capped at max_wait, plus up to `jitter` random seconds.
        wait=wait_exponential(multiplier=policy.initial_wait, min=0, max=policy.max_wait)
        + wait_random(0, policy.jitter),
        retry=retry_if_exception(is_transient),
        before_sleep=_log_retry,
        reraise=True,
    )


def _log_retry(state: RetryCallState) -> None:
    outcome = state.outcome
    error = outcome.exception() if outcome is not None else None
    wait = state.next_action.sleep if state.next_action is not None else 0.0
    logger.debug(
        "transient failure on attempt %d (%s: %s); retrying in %.2fs",
        state.attempt_number,
        type(error).__name__,
        error,
        wait,
    )
