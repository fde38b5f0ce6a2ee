"""Typed errors that carry a user-facing message and the next step to take.

Every failure a user can cause ends in one of these. The CLI, the MCP server and the LangChain
tool print ``str(error)``: the message, then what to do next. Never put a secret in either.
"""

from __future__ import annotations


class ProfileInsightsError(Exception):
    """Base of every error the user can act on."""

    default_hint: str = ""

    def __init__(self, message: str, hint: str | None = None) -> None:
        """Store the message and the suggested next step."""
        self.message = message
        self.hint = hint if hint is not None else self.default_hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        """Return the message followed by the next step, if any."""
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class ConfigurationError(ProfileInsightsError, ValueError):
    """The tool is not configured well enough to run (missing URL, bad option, wrong context).

    A ValueError too, as :class:`UserInputError`: LangGraph Server shows a failed run's message
    only for built-in error types (``langgraph_api/serde.py``; others read "An internal error
    occurred"), and these messages are what tells a server's user what to change.
    """

    default_hint = "Set PROFILECLI_URL (and PROFILECLI_TOKEN for Grafana) or pass --recording DIR."


class ProfileFormatError(ProfileInsightsError):
    """A file or byte string is not a profile pprof would accept."""

    default_hint = "Check that the file is a pprof protobuf profile (.pb or .pb.gz)."


class NoProfileDataError(ProfileFormatError):
    """The bytes hold no profile data (empty input, no sample types): a window without data."""


class ToolNotFoundError(ProfileInsightsError):
    """An external program (profilecli, pprof) is not installed."""


class ToolFailedError(ProfileInsightsError):
    """An external program ran but failed in a way we cannot classify further."""


class ConnectionFailedError(ProfileInsightsError):
    """The Pyroscope server could not be reached or kept failing."""

    default_hint = "Check PROFILECLI_URL and that the server is reachable from this machine."


class RateLimitedError(ConnectionFailedError):
    """The server kept answering 429 (or asked to wait longer than the query may take)."""

    default_hint = (
        "Wait a little and ask again, or let the query wait longer with --timeout SECONDS "
        "(PROFILE_INSIGHTS_TIMEOUT)."
    )


class MethodNotServedError(ConnectionFailedError):
    """The server answered a method with 404 or ``unimplemented``: it does not serve it."""


class AuthenticationError(ProfileInsightsError):
    """The server refused the credentials (HTTP 401 or 403)."""

    default_hint = (
        "Check PROFILECLI_TOKEN (a Grafana service-account token with the Viewer role) "
        "and PROFILECLI_TENANT_ID."
    )


class InvalidQueryError(ProfileInsightsError):
    """The server rejected a selector, profile type or other query parameter."""

    default_hint = (
        'Use a label selector such as {service_name="checkout"} and a listed profile type.'
    )


class EmptyProfileError(ProfileInsightsError):
    """A query matched no samples."""

    default_hint = "Try a wider time range (now-6h, now-24h) or check the service name."


class QueryTimeoutError(ProfileInsightsError):
    """A query took longer than the configured timeout."""

    default_hint = (
        "Try a shorter time range or a more specific selector, or allow more time with "
        "--timeout SECONDS (PROFILE_INSIGHTS_TIMEOUT)."
    )


class QueryRangeError(ProfileInsightsError):
    """The time range is over the server's per-query limit or beyond retention."""

    default_hint = "Query at most 24 hours at once, within the server's retention period."


class RepositoryAccessError(ProfileInsightsError):
    """A source file is outside the repository root or cannot be read."""


class RecordingError(ProfileInsightsError):
    """A recording directory is missing, malformed or of an unknown version."""

    default_hint = "Create one with `profile-insights recording add` or `profile-insights record`."


class UserInputError(ProfileInsightsError, ValueError):
    """An answer or argument given by the user is not acceptable (a ValueError: see above)."""


class ThreadStoreError(ProfileInsightsError):
    """The thread store (a SQLite file or a Postgres database) cannot be opened or used."""

    default_hint = "Check --state / --state-dir (or PROFILE_INSIGHTS_DATABASE_URL)."


class ThreadConflictError(UserInputError):
    """A thread is being answered by another process, or was answered already."""


#: Longest piece of foreign text (a path, a URL, a server's words) a message shows.
SHOWN_LIMIT = 160


def shown(text: object, limit: int = SHOWN_LIMIT) -> str:
    """Return ``text`` as a message may show it: one line, control characters escaped, short.

    Paths, URLs and server answers come from users, files and servers: a NUL byte, a line break
    or a 100,000-character URL must not break the one-paragraph message that quotes them.
    """
    value = str(text)
    escaped = "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in value
    )
    if len(escaped) <= limit:
        return escaped
    keep = (limit - 3) // 2
    return f"{escaped[:keep]}...{escaped[-keep:]} ({len(value)} characters)"
