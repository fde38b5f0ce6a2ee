"""A profile type's totals per day or per hour over a range: the data of a trend question.

``SelectSeries`` answers totals over time at a step, within the server's per-query limit
(``-querier.max-query-length``, 24h by default): a week by day is seven queries, a day by hour
one. Each point covers the step that ends at it, ``(t - step, t]`` (Pyroscope's range series);
a point on a bucket's edge is counted in the bucket it closes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel

from profile_insights.agent.pyroscope.limits import MAX_QUERY_LENGTH
from profile_insights.agent.pyroscope.source import ProfileSource

#: Every series has the service's name: grouping by it sums the service's series whatever
#: the source (profilecli's ``query top`` needs a label to group by).
_GROUP_BY = ("service_name",)


class Bucket(BaseModel):
    """One step of the range and the profile type's total in it (0 when it has no data)."""

    start: datetime
    end: datetime
    total: float
    has_data: bool


def bucket_totals(
    source: ProfileSource,
    selector: str,
    profile_type: str,
    end: datetime,
    length: timedelta,
    step: timedelta,
    max_query: timedelta = MAX_QUERY_LENGTH,
) -> list[Bucket]:
    """Return the totals of ``length`` before ``end`` in steps of ``step``, oldest first.

    The range is cut into queries of at most ``max_query`` holding whole steps (a step longer
    than a query is queried in one piece: a day under the 24h limit).
    """
    count = max(1, -(-length // step))  # ceil: the range always ends at ``end``
    start = end - step * count
    edges = [start + step * index for index in range(count + 1)]
    totals = [0.0] * count
    seen = [False] * count
    per_query = max(1, max_query // step)
    for first in range(0, count, per_query):
        last = min(first + per_query, count)
        found = source.select_series(
            selector, profile_type, edges[first], edges[last], group_by=_GROUP_BY, step=step
        )
        for series in found:
            for point in series.points:
                index = _bucket_of(point.timestamp, edges, first, last)
                totals[index] += point.value
                seen[index] = seen[index] or point.value > 0
    return [
        Bucket(start=edges[index], end=edges[index + 1], total=totals[index], has_data=seen[index])
        for index in range(count)
    ]


def _bucket_of(moment: datetime, edges: list[datetime], first: int, last: int) -> int:
    """Return the bucket ``(edges[i], edges[i + 1]]`` holding ``moment``, clamped to the query."""
    for index in range(first, last):
        if moment <= edges[index + 1]:
            return index
    return last - 1
