"""Totals over time (``SelectSeries``) over ranges longer than a server accepts in one query.

A Pyroscope server refuses a range over ``-querier.max-query-length`` (24 h by default) for
``SelectSeries`` too, with ``the query time range exceeds the limit (max_query_length, actual:
168h0m0s, limit: 24h0m0s)`` (``pkg/validation/validate.go``), yet a trend question asks about a
week. :func:`totals_in_parts` asks once and, when refused with that message, asks again in parts
no longer than the limit and joins the answers, so every source answers any range:

* a step no longer than the limit: parts of whole steps, aligned on ``start + k * step``, so the
  points are the ones a single query gives (a part's first point, the previous part's last
  instant, is dropped);
* a step longer than the limit (a weekly total): each step asked in parts, their totals summed
  into the step's one point.

Points follow ``RangeSeries`` (``pkg/model/time_series.go``): the grid is ``start + k * step`` up
to ``end``, each point holding the step that ends at it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from profile_insights.agent.errors import QueryRangeError
from profile_insights.agent.pyroscope.source import SeriesPoint, SeriesTotals

#: One query: ``(start, end, step, limit) -> totals``, refusing long ranges with QueryRangeError.
SeriesQuery = Callable[[datetime, datetime, timedelta, int | None], list[SeriesTotals]]

_LIMIT = re.compile(r"limit: (?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?\)")


def range_limit(message: str) -> timedelta | None:
    """Return the server's max query length named in a range refusal (``limit: 24h0m0s``)."""
    match = _LIMIT.search(message)
    if match is None or not any(match.groups()):
        return None
    hours, minutes, seconds = (float(part) if part else 0.0 for part in match.groups())
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def grid_steps(start: datetime, end: datetime, step: timedelta) -> list[tuple[datetime, datetime]]:
    """Return the steps ``(t - step, t]`` of the grid ``start + k * step`` up to ``end``."""
    count = (end - start) // step
    return [(start + step * (k - 1), start + step * k) for k in range(1, count + 1)]


def totals_in_parts(
    query: SeriesQuery,
    start: datetime,
    end: datetime,
    step: timedelta,
    limit: int | None,
) -> list[SeriesTotals]:
    """Return ``query``'s totals over the range, in parts when the server refuses its length.

    Raises:
        QueryRangeError: when the refusal names no limit to split by.
    """
    try:
        return query(start, end, step, limit)
    except QueryRangeError as error:
        longest = range_limit(error.message)
        if longest is None or longest < timedelta(seconds=1):
            raise
    if step <= longest:
        span = step * (longest // step)
        parts = []
        first = start
        while first < end:
            last = min(first + span, end)
            answer = query(first, last, step, None)
            parts.append(answer if first == start else _after(answer, first))
            first = last
        return top_series(joined(parts), limit)
    summed = []
    for window_start, window_end in grid_steps(start, end, step):
        pieces = []
        first = window_start
        while first < window_end:
            last = min(first + longest, window_end)
            pieces.append(_after(query(first, last, last - first, None), first))
            first = last
        summed.append(_summed(joined(pieces), window_end))
    return top_series(joined(summed), limit)


def joined(parts: Iterable[list[SeriesTotals]]) -> list[SeriesTotals]:
    """Return one series per label set, its points from every part in time order."""
    points: dict[tuple[tuple[str, str], ...], list[SeriesPoint]] = {}
    for part in parts:
        for series in part:
            points.setdefault(tuple(sorted(series.labels.items())), []).extend(series.points)
    return [
        SeriesTotals(labels=dict(key), points=sorted(found, key=lambda point: point.timestamp))
        for key, found in sorted(points.items())
    ]


def top_series(found: list[SeriesTotals], limit: int | None) -> list[SeriesTotals]:
    """Return the ``limit`` series of the largest totals (all of them, by labels, without one)."""
    if not limit or limit <= 0:
        return found
    return sorted(found, key=lambda series: -series.total)[:limit]


def _after(found: list[SeriesTotals], moment: datetime) -> list[SeriesTotals]:
    trimmed = [
        SeriesTotals(labels=s.labels, points=[p for p in s.points if p.timestamp > moment])
        for s in found
    ]
    return [series for series in trimmed if series.points]


def _summed(found: list[SeriesTotals], moment: datetime) -> list[SeriesTotals]:
    return [
        SeriesTotals(labels=s.labels, points=[SeriesPoint(timestamp=moment, value=s.total)])
        for s in found
    ]
