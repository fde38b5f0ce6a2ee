"""The conversation tells the truth about services: a name not there, a service that stopped.

"Why is the ingester slow?" with only checkout is asked about, saying so, never answered about
checkout unasked; a service silent for days while another sends is reported as stopped, with
when its last profile was seen, whether the question or ``--service`` names it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from profile_insights.agent.api import NeedsInput
from profile_insights.agent.errors import UserInputError
from profile_insights.agent.report.models import Report
from tests.graph.conftest import CPU, Entry, Harness


def test_a_service_the_question_names_but_that_is_not_there_is_asked_about(
    harness_for: Callable[[list[Entry]], Harness], demo_cpu: bytes
) -> None:
    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))])
    asked = harness.ask("Why is the ingester slow?")
    assert isinstance(asked, NeedsInput)
    message = asked.question.message
    assert message.startswith("The question names 'ingester', but no service called that")
    assert "the services with data are: checkout" in message
    assert [option["value"] for option in asked.question.options] == ["checkout"]
    report = harness.resume(asked.thread_id, "checkout")
    assert isinstance(report, Report)
    assert report.services == ["checkout"]
    assert "the question named 'ingester', which no service has" in report.rendered


def _stopped_and_sending(demo_cpu: bytes) -> list[Entry]:
    # checkout's last profile ended 3 days and 2 hours before recorded_at (2026-11-22T10:00Z);
    # payments sends now.
    return [
        Entry("checkout", CPU, demo_cpu, ago=timedelta(days=3, hours=2)),
        Entry("payments", CPU, demo_cpu, ago=timedelta(minutes=5), repository=None),
    ]


@pytest.mark.parametrize("given", [None, ["checkout"]])
def test_a_service_that_stopped_is_reported_with_when_it_was_last_seen(
    harness_for: Callable[[list[Entry]], Harness], demo_cpu: bytes, given: list[str] | None
) -> None:
    harness = harness_for(_stopped_and_sending(demo_cpu))
    report = harness.ask("Why is checkout slow?", services=given)
    assert isinstance(report, Report)
    assert report.outcome == "no_recent_data"
    assert report.services == ["checkout"]
    assert report.summary.startswith(
        "checkout stopped sending profiles: the last one was seen at 2026-11-22T10:00:00Z, "
        "3 days 2 h before now (2026-11-25T12:00:00Z)"
    )
    assert "Services sending profiles now: payments." in report.summary
    assert not report.time_range.attempts  # nothing was fetched for a stopped service


def test_a_service_never_seen_is_still_refused_by_name(
    harness_for: Callable[[list[Entry]], Harness], demo_cpu: bytes
) -> None:
    harness = harness_for(_stopped_and_sending(demo_cpu))
    with pytest.raises(UserInputError, match="no service named 'billing'"):
        harness.ask("Why is checkout slow?", services=["billing"])
