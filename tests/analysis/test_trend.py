"""Trend questions: the range a question names, and the direction of the totals over it."""

from __future__ import annotations

import pytest

from profile_insights.agent.analysis.trend import (
    DAY,
    HOUR,
    THRESHOLD_PCT,
    TrendPoint,
    direction_of,
    theil_sen_slope,
    trend_lead,
    trend_of,
    trend_span,
)


@pytest.mark.parametrize(
    ("question", "length", "step"),
    [
        ("Did lock contention go up this week?", 7 * DAY, DAY),
        ("Has CPU gone up today?", DAY, HOUR),
        ("Did allocations grow over the last 3 days?", 3 * DAY, DAY),
        ("Is GC worse in the last 12 hours?", 12 * HOUR, HOUR),
        ("Did memory go up this month?", 30 * DAY, DAY),
        ("Did memory go up over the last 90 days?", 30 * DAY, DAY),
    ],
)
def test_the_question_names_the_range_and_the_step_of_its_totals(
    question: str, length: object, step: object
) -> None:
    span = trend_span(question)
    assert (span.length, span.step) == (length, step)


def test_steady_growth_is_up_and_steady_decline_is_down() -> None:
    assert direction_of([10, 12, 15, 18, 22, 26, 30])[0] == "up"
    assert direction_of([30, 26, 22, 18, 15, 12, 10])[0] == "down"
    direction, change, slope, third = direction_of([10, 20, 30, 40, 50, 60, 70])
    assert direction == "up" and third == 2
    assert change == pytest.approx((65 / 15 - 1) * 100)
    assert slope is not None and slope > 0


def test_noise_within_the_threshold_is_flat() -> None:
    assert direction_of([100, 104, 97, 101, 99, 103, 108])[0] == "flat"
    edge = 100 * (1 + THRESHOLD_PCT / 100)
    assert direction_of([100, 100, 100, 100, 100, edge * 0.99, edge * 0.99])[0] == "flat"


def test_one_outlying_last_day_is_not_a_trend_when_the_slope_disagrees() -> None:
    direction, change, slope, _ = direction_of([50, 10, 10, 10, 10, 10, 100])
    assert change is not None and change > THRESHOLD_PCT
    assert slope == 0.0
    assert direction == "flat"


def test_steps_without_data_are_left_out_not_counted_as_zero() -> None:
    # A profiler that did not run on two days is not a fall to zero.
    assert direction_of([100, None, 101, 99, None, 100, 102])[0] == "flat"
    assert direction_of([None, None, None, None, None, 5.0, None])[0] == "unknown"


def test_the_theil_sen_slope_ignores_one_outlier() -> None:
    xs = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    assert theil_sen_slope(xs, [0, 1, 2, 3, 4, 5]) == pytest.approx(1.0)
    assert theil_sen_slope(xs, [0, 1, 200, 3, 4, 5]) == pytest.approx(1.0)
    assert theil_sen_slope([1.0], [3.0]) == 0.0


def _points(totals: list[float | None]) -> list[TrendPoint]:
    return [
        TrendPoint(
            from_=f"2026-11-{19 + day}T00:00:00Z",
            to=f"2026-11-{20 + day}T00:00:00Z",
            total=total or 0.0,
            has_data=total is not None,
        )
        for day, total in enumerate(totals)
    ]


def test_the_answer_says_yes_or_no_to_the_direction_the_question_asks_about() -> None:
    span = trend_span("this week")
    mutex = "mutex:delay:nanoseconds:contentions:count"
    rising = trend_of(
        _points([5e6, 7e7, 1.5e8, 1.9e8, 8e8, 3.2e9, 3.7e9]),
        span=span,
        profile_type=mutex,
        unit="nanoseconds",
    )
    assert rising.direction == "up" and rising.third == 2
    lead = trend_lead(rising, "warehouse", "mutex delay", "Did lock contention go up this week?")
    assert lead.startswith("Yes: warehouse's mutex delay went up over the last 7 days")
    asked_down = trend_lead(rising, "warehouse", "mutex delay", "Did contention drop this week?")
    assert asked_down.startswith("No: ")
    assert rising.points[-1].total_text == "3.70s"


def test_a_trend_with_missing_days_says_how_many_it_left_out() -> None:
    trend = trend_of(
        _points([None, 10.0, None, 10.0, None, None, None]),
        span=trend_span("this week"),
        profile_type="process_cpu:cpu:nanoseconds:cpu:nanoseconds",
        unit="nanoseconds",
    )
    assert trend.direction == "flat"
    assert trend.notes == ["5 of the 7 days have no data and are left out."]
    sparse = trend_of(
        _points([None, None, None, 10.0, None, None, None]),
        span=trend_span("this week"),
        profile_type="process_cpu:cpu:nanoseconds:cpu:nanoseconds",
        unit="nanoseconds",
    )
    lead = trend_lead(sparse, "checkout", "CPU time", "Did CPU go up this week?")
    assert lead == (
        "Not enough data for a trend: 1 of the 7 days over the last 7 days has CPU time data "
        "for checkout."
    )
