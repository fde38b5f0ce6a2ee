"""The report names the time its data comes from, a recording's whole profiles included.

A live server cuts samples to the window asked; a recording keeps whole profiles, so a 50-minute
profile answers a 10-minute window with all of its samples. The report must then give the
profile's own time, and say which window was asked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from profile_insights.agent.report.models import Report
from tests.graph.conftest import CPU, Entry, Harness


def test_a_window_inside_a_recorded_profile_reports_the_profiles_own_time(
    harness_for: Callable[[list[Entry]], Harness], demo_cpu: bytes
) -> None:
    # The profile ends 5 minutes before recorded_at and lasts 50 minutes: 11:05 .. 11:55.
    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))])
    report = harness.ask("Why is checkout slow?", time_from="now-30m", time_to="now-20m")
    assert isinstance(report, Report)
    window = report.time_range
    assert (window.from_, window.to) == ("2026-11-25T11:05:00Z", "2026-11-25T11:55:00Z")
    assert window.asked == "now-30m..now-20m (2026-11-25T11:30:00Z .. 2026-11-25T11:40:00Z)"
    assert "over 2026-11-25T11:05:00Z..2026-11-25T11:55:00Z" in report.summary
    assert "now-30m..now-20m was asked" in report.summary
    assert "which reach outside the window asked, now-30m..now-20m" in report.rendered


def test_a_profile_inside_the_window_reports_the_window_asked(
    harness_for: Callable[[list[Entry]], Harness], demo_cpu: bytes
) -> None:
    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))])
    report = harness.ask("Why is checkout slow?")
    assert isinstance(report, Report)
    assert (report.time_range.from_, report.time_range.to) == (
        "2026-11-25T11:00:00Z",
        "2026-11-25T12:00:00Z",
    )
    assert report.time_range.asked is None
    assert "over now-1h..now" in report.summary
