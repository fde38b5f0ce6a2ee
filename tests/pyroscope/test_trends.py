"""Totals per step over a range, read with SelectSeries within the server's per-query limit."""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.pyroscope.source import SeriesTotals
from profile_insights.agent.pyroscope.trends import bucket_totals
from tests.conftest import REPO_ROOT

#: A week of one mutex profile a day (09:00-11:00), recorded at 2026-11-25T12:00Z.
WEEK = REPO_ROOT / "evals/cases/go-trend-mutex-week/recording"
DELAY = "mutex:delay:nanoseconds:contentions:count"
SELECTOR = '{service_name="warehouse"}'
END = datetime(2026, 11, 25, 12, tzinfo=UTC)


def merged_total(source: RecordedSource, start: datetime, end: datetime) -> float:
    """Return the delay total of the profile merged over the range, read from its samples."""
    merged = source.merge_profile(SELECTOR, DELAY, start, end)
    if merged.empty:
        return 0.0
    data = merged.data
    profile = profile_pb2.Profile.FromString(
        gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    )
    names = [profile.string_table[t.type] for t in profile.sample_type]
    index = names.index("delay")
    return float(sum(sample.value[index] for sample in profile.sample))


def test_a_week_by_day_is_seven_queries_under_the_24h_limit_and_each_day_is_its_total() -> None:
    source = RecordedSource(WEEK, max_query_length=timedelta(hours=24))
    buckets = bucket_totals(source, SELECTOR, DELAY, END, timedelta(days=7), timedelta(days=1))
    assert [b.start for b in buckets] == [END - timedelta(days=7 - i) for i in range(7)]
    assert all(b.has_data for b in buckets)
    for bucket in buckets:
        assert bucket.total == merged_total(source, bucket.start, bucket.end)
    totals = [b.total for b in buckets]
    assert totals == sorted(totals) and totals[-1] > 100 * totals[0]


def test_a_day_by_hour_has_data_only_in_the_hours_profiled() -> None:
    source = RecordedSource(WEEK, max_query_length=timedelta(hours=24))
    buckets = bucket_totals(source, SELECTOR, DELAY, END, timedelta(days=1), timedelta(hours=1))
    assert len(buckets) == 24
    with_data = [b for b in buckets if b.has_data]
    # Each day's profile covers 09:00-11:00: only the hours inside it have data, and the
    # totals of the day add up whatever the step.
    assert with_data and all(b.start.hour >= 9 and b.end.hour <= 11 for b in with_data)
    assert sum(b.total for b in buckets) == pytest.approx(
        merged_total(source, END - timedelta(days=1), END)
    )
    assert all(b.total == 0.0 for b in buckets if not b.has_data)


class CountingSource(RecordedSource):
    """A recording that remembers the range of every SelectSeries query."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory, max_query_length=timedelta(hours=24))
        self.ranges: list[tuple[datetime, datetime]] = []

    def select_series(
        self,
        selector: str,
        profile_type: str,
        start: datetime,
        end: datetime,
        *,
        group_by: Sequence[str],
        step: timedelta,
        limit: int | None = None,
        average: bool = False,
    ) -> list[SeriesTotals]:
        self.ranges.append((start, end))
        return super().select_series(
            selector, profile_type, start, end, group_by=group_by, step=step, limit=limit
        )


def test_several_steps_share_a_query_when_they_fit_in_its_limit() -> None:
    source = CountingSource(WEEK)
    buckets = bucket_totals(source, SELECTOR, DELAY, END, timedelta(days=2), timedelta(hours=6))
    assert len(buckets) == 8
    assert source.ranges == [
        (END - timedelta(days=2), END - timedelta(days=1)),
        (END - timedelta(days=1), END),
    ]
