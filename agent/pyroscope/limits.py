"""The query checks a Pyroscope server applies, for sources that must answer like one.

Recordings and the replay server reject what a real server rejects, with the same texts, so the
agent's error handling is exercised without a server: a malformed profile type ID
(``pkg/model/profile.go`` ``ParseProfileTypeSelector``) and a range over
``-querier.max-query-length`` (default 24h, ``pkg/validation/validate.go``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from profile_insights.agent.errors import InvalidQueryError, QueryRangeError
from profile_insights.agent.pyroscope.source import ProfileType
from profile_insights.agent.pyroscope.timeparse import format_go_duration

MAX_QUERY_LENGTH = timedelta(hours=24)
#: The seed's "last day" of series queries: one query's worth of time under the default limit.
DAY = MAX_QUERY_LENGTH
QUERY_RANGE_LIMIT_TEXT = "the query time range exceeds the limit"


def check_profile_type_id(profile_type_id: str) -> ProfileType:
    """Return the parsed profile type of a query (a sixth ``:delta`` part is accepted).

    Raises:
        InvalidQueryError: with Pyroscope's own message when the ID is malformed.
    """
    parts = profile_type_id.split(":")
    if len(parts) not in (5, 6) or (len(parts) == 6 and parts[5] != "delta"):
        raise InvalidQueryError(
            "profile-type selection must be of the form "
            "<name>:<sample-type>:<sample-unit>:<period-type>:<period-unit>(:delta), "
            f"got({len(parts)}): {profile_type_id!r}",
            "List the available profile types first and use one of their IDs, e.g. "
            "process_cpu:cpu:nanoseconds:cpu:nanoseconds.",
        )
    try:
        return ProfileType.parse(":".join(parts[:5]))
    except ValueError:
        raise InvalidQueryError(
            f"profile-type selection needs a name and a sample type, got {profile_type_id!r}",
            "Use an ID such as process_cpu:cpu:nanoseconds:cpu:nanoseconds.",
        ) from None


def check_range(start: datetime, end: datetime, max_length: timedelta | None) -> None:
    """Refuse a range that ends before it starts or is longer than ``max_length``.

    Raises:
        InvalidQueryError: when ``start`` is after ``end``.
        QueryRangeError: with Pyroscope's message when the range is too long.
    """
    if start > end:
        raise InvalidQueryError(
            f"the time range starts ({start.isoformat()}) after it ends ({end.isoformat()})",
            "Give a start time before the end time.",
        )
    if max_length is not None and end - start > max_length:
        raise QueryRangeError(
            f"{QUERY_RANGE_LIMIT_TEXT} (max_query_length, actual: "
            f"{format_go_duration(end - start)}, limit: {format_go_duration(max_length)})"
        )
