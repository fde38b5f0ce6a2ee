"""What a failed profilecli run means: the typed error of its stderr, scrubbed and shortened.

profilecli prints a usage line (``profilecli: error: ...``) for flags it does not know, and an
``error: failed to query: <connect code>: <message>`` line for a server's refusal. Each becomes
the :mod:`agent.errors` type a user can act on; ``unavailable`` is worth another try.
"""

from __future__ import annotations

from profile_insights.agent.errors import (
    AuthenticationError,
    ConnectionFailedError,
    InvalidQueryError,
    ProfileInsightsError,
    QueryRangeError,
    QueryTimeoutError,
    ToolFailedError,
    shown,
)
from profile_insights.agent.pyroscope.limits import QUERY_RANGE_LIMIT_TEXT
from profile_insights.agent.pyroscope.retry import Transient
from profile_insights.agent.pyroscope.settings import scrub

DOWNLOAD_HINT = (
    "Install profilecli from https://github.com/grafana/pyroscope/releases/latest "
    "(or leave it out: profile-insights then talks to the HTTP API directly)."
)


def classify_failure(
    argv: list[str], stderr: str, *, version: str, where: str, secrets: list[str]
) -> ProfileInsightsError | Transient:
    """Return the typed error of a failed profilecli run (a Transient is worth a retry).

    Args:
        argv: profilecli's arguments (the command is the first two).
        stderr: What it printed on stderr.
        version: Its version, for the messages that name it.
        where: The server, as messages name it (no credentials).
        secrets: Credentials to scrub from what it printed.
    """
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    usage = next((line for line in lines if line.startswith("profilecli: error:")), None)
    if usage is not None:
        return ToolFailedError(
            f"profilecli {version} refused its arguments: {scrub(usage, secrets)}",
            "This profilecli may be too old for the flags used; upgrade it. " + DOWNLOAD_HINT,
        )
    error_line = next((line for line in reversed(lines) if line.startswith("error:")), None)
    text = shown(scrub(error_line or (lines[-1] if lines else "no error text"), secrets), 400)
    reason = text.removeprefix("error:").strip().removeprefix("failed to query:").strip()
    command = " ".join(argv[:2])
    if "unauthenticated" in reason or "permission_denied" in reason:
        return AuthenticationError(f"Pyroscope at {where} refused profilecli: {reason}")
    if QUERY_RANGE_LIMIT_TEXT in reason:
        return QueryRangeError(f"profilecli {command} was refused: {reason}")
    if "invalid_argument" in reason or "failed to parse" in reason:
        return InvalidQueryError(f"Pyroscope rejected the query: {reason}")
    if "from cannot be after" in reason:
        return InvalidQueryError(f"profilecli rejected the time range: {reason}")
    if "deadline_exceeded" in reason:
        return QueryTimeoutError(f"profilecli {command} ran out of time: {reason}")
    if "unimplemented" in reason:
        return ConnectionFailedError(
            f"{where} does not serve the Pyroscope API: {reason}",
            "Check PROFILECLI_URL: use the Pyroscope base URL, or a Grafana data-source "
            "proxy URL ending in /api/datasources/proxy/uid/<uid> (not the Grafana root).",
        )
    if reason.startswith("unknown output"):
        return ToolFailedError(
            f"profilecli {version} cannot write the requested output: {reason}",
            "Upgrade profilecli (query merge --output pprof=FILE is needed). " + DOWNLOAD_HINT,
        )
    if "unavailable" in reason:
        return Transient(ConnectionFailedError(f"cannot reach Pyroscope at {where}: {reason}"))
    return ToolFailedError(
        f"profilecli {command} failed: {reason}",
        "Run the same profilecli command with --verbose to see more.",
    )
