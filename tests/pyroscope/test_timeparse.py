"""Time values are read like profilecli's --from/--to (pkg/operations/time.go ParseTime)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from profile_insights.agent.errors import InvalidQueryError
from profile_insights.agent.pyroscope.timeparse import (
    format_go_duration,
    format_rfc3339,
    parse_duration,
    parse_range,
    parse_time,
    to_millis,
)

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", NOW),
        ("now-1h", NOW - timedelta(hours=1)),
        ("now-2h30m", NOW - timedelta(hours=2, minutes=30)),
        ("now-7d", NOW - timedelta(days=7)),
        ("now-1w", NOW - timedelta(weeks=1)),
        ("now-1500ms", NOW - timedelta(milliseconds=1500)),
        ("1h", NOW - timedelta(hours=1)),  # profilecli quirk: the now- prefix is optional
        ("2026-11-25T11:00:00Z", datetime(2026, 11, 25, 11, tzinfo=UTC)),
        ("2026-11-25T12:00:00+01:00", datetime(2026, 11, 25, 11, tzinfo=UTC)),
        ("1764068400", datetime(2025, 11, 25, 11, tzinfo=UTC)),
        ("1764068400000", datetime(2025, 11, 25, 11, tzinfo=UTC)),
        ("1764068400000000", datetime(2025, 11, 25, 11, tzinfo=UTC)),
        ("1764068400000000000", datetime(2025, 11, 25, 11, tzinfo=UTC)),
    ],
)
def test_parses_every_profilecli_time_form(text: str, expected: datetime) -> None:
    assert parse_time(text, NOW) == expected


@pytest.mark.parametrize(
    "text", ["2026-11-25", "yesterday", "now+1h", "now-1x", "12345", "now-", "1m2h", ""]
)
def test_rejects_what_profilecli_rejects(text: str) -> None:
    with pytest.raises(InvalidQueryError) as caught:
        parse_time(text, NOW)
    assert "now-1h" in caught.value.hint


def test_range_must_start_before_it_ends() -> None:
    with pytest.raises(InvalidQueryError):
        parse_range("now", "now-1h", NOW)
    assert parse_range("now-6h", "now", NOW) == (NOW - timedelta(hours=6), NOW)


def test_naive_now_is_taken_as_utc_and_millis_round_trip() -> None:
    naive = datetime(2026, 11, 25, 12, 0)
    assert parse_time("now", naive) == NOW
    assert to_millis(NOW) == 1795608000000
    assert format_rfc3339(NOW) == "2026-11-25T12:00:00Z"


def test_durations_follow_prometheus_and_go_printing() -> None:
    assert parse_duration("1d12h") == timedelta(hours=36)
    assert parse_duration("0") == timedelta(0)
    assert format_go_duration(timedelta(days=7)) == "168h0m0s"
    assert format_go_duration(timedelta(minutes=5)) == "5m0s"


@pytest.mark.parametrize("text", ["now-99999999999d", "now-5000000d", "99999999999999y"])
def test_a_time_beyond_the_calendar_is_refused_not_crashed(text: str) -> None:
    # timedelta and datetime overflow (OverflowError) past a few million days or year 9999.
    with pytest.raises(InvalidQueryError) as caught:
        parse_time(text, NOW)
    assert repr(text) in caught.value.message
    assert "now-1h" in caught.value.hint
