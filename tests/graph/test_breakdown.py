"""Breakdowns through the graph: the label chosen or asked, each value's share and code.

The recordings hold the demo service's real CPU profile under several label sets (one series
per pod or region, as Pyroscope's ingest keeps them); a pod with two profiles in the window
costs twice what a pod with one does.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta

import pytest

from profile_insights.agent import api
from profile_insights.agent.api import NeedsInput
from profile_insights.agent.errors import UserInputError
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.pyroscope.source import SeriesTotals
from profile_insights.agent.report.models import Report
from profile_insights.agent.report.render import render_text

from .conftest import CPU, Entry, Harness

SERVICE = "checkout-api"
FIVE_MINUTES = timedelta(minutes=5)


def _entries(demo_cpu: bytes, label_sets: Sequence[dict[str, str]]) -> list[Entry]:
    return [Entry(SERVICE, CPU, demo_cpu, ago=FIVE_MINUTES, labels=labels) for labels in label_sets]


PODS = [{"pod": "checkout-a"}, {"pod": "checkout-a"}, {"pod": "checkout-b"}]
PODS_AND_REGIONS = [
    {"pod": "checkout-a", "region": "eu-west-1"},
    {"pod": "checkout-a", "region": "eu-west-1"},
    {"pod": "checkout-b", "region": "us-east-1"},
]


def _report(result: Report | NeedsInput) -> Report:
    assert isinstance(result, Report), result
    return result


class IgnoresGroupBy(RecordedSource):
    """A backend that answers SelectSeries as one series for everything, whatever group_by."""

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
        return super().select_series(
            selector, profile_type, start, end, group_by=[], step=step, limit=limit
        )


def test_a_question_about_pods_breaks_the_cpu_down_by_pod_with_each_pods_code(
    harness_for, demo_cpu: bytes
) -> None:
    harness: Harness = harness_for(_entries(demo_cpu, PODS))
    report = _report(harness.ask("Is checkout-api's CPU high on only one pod?"))

    assert report.investigation == "breakdown"
    breakdown = report.breakdown
    assert breakdown is not None
    assert (breakdown.label, breakdown.method) == ("pod", "group_by")
    assert [(v.value, v.share_pct) for v in breakdown.values] == [
        ("checkout-a", 66.7),
        ("checkout-b", 33.3),
    ]
    # Each pod runs the same code: its own merged profile names the demo's hot function.
    for value in breakdown.values:
        assert value.top_functions, value
        assert all(item.file.endswith(".go") and item.line > 0 for item in value.top_functions)
    assert report.summary.startswith("One pod carries 67% of checkout-api's CPU time: checkout-a")
    document = json.loads(api.render(report, "json"))["breakdown"]
    assert (document["label"], document["method"]) == ("pod", "group_by")
    assert set(document["values"][0]) >= {"value", "share_pct", "top_functions"}
    assert set(document["values"][0]["top_functions"][0]) >= {"function", "file", "line"}
    text = api.render(report, "markdown")
    assert "## Breakdown by pod" in text
    assert "| checkout-a | 66.7% |" in text


def test_a_backend_that_drops_group_by_is_broken_down_by_one_merge_per_value(
    harness_for, demo_cpu: bytes
) -> None:
    harness: Harness = harness_for(_entries(demo_cpu, PODS))
    context = api.make_context(
        repo=harness.repo, source=IgnoresGroupBy(harness.recording), cache_dir=harness.cache
    )
    report = _report(api.ask("Is checkout-api's CPU high on only one pod?", context=context))

    breakdown = report.breakdown
    assert breakdown is not None
    assert breakdown.method == "per_value_merges"
    # The same shares as the grouped answer: merges of the same data add up to the whole.
    assert [(v.value, v.share_pct) for v in breakdown.values] == [
        ("checkout-a", 66.7),
        ("checkout-b", 33.3),
    ]
    assert all(value.top_functions for value in breakdown.values)
    text = api.render(report, "markdown")
    assert "one merged profile per value" in text
    assert "without grouping by pod, so each value was merged on its own" in text
    page = render_text(report, "html")
    assert '<section id="breakdown">' in page and "one merged profile per value" in page


def test_several_labels_that_fit_are_asked_about_and_a_wrong_answer_is_refused(
    harness_for, demo_cpu: bytes
) -> None:
    harness: Harness = harness_for(_entries(demo_cpu, PODS_AND_REGIONS))
    asked = harness.ask("Is checkout-api slow only in ap-south-2?")

    assert isinstance(asked, NeedsInput)
    assert asked.question.kind == "choose_label"
    options = {option["value"]: option for option in asked.question.options}
    assert set(options) == {"pod", "region"}
    assert options["region"]["examples"] == ["eu-west-1", "us-east-1"]

    again = harness.resume(asked.thread_id, "zone")
    assert isinstance(again, NeedsInput)
    assert again.question.kind == "choose_label"
    assert "'zone' is not one of the labels offered: pod, region." in again.question.message

    # A blank answer is refused before it reaches the graph; the question stays pending.
    with pytest.raises(UserInputError, match="names no label"):
        harness.resume(asked.thread_id, "   ")
    pending = api.pending_question(asked.thread_id, checkpointer=harness.saver)
    assert pending is not None and pending.question.kind == "choose_label"

    report = _report(harness.resume(asked.thread_id, "Region"))
    assert report.breakdown is not None
    assert report.breakdown.label == "region"
    assert "the user chose region" in report.breakdown.reason
    assert [v.value for v in report.breakdown.values] == ["eu-west-1", "us-east-1"]


def test_a_label_given_up_front_is_used_without_asking(harness_for, demo_cpu: bytes) -> None:
    harness: Harness = harness_for(_entries(demo_cpu, PODS_AND_REGIONS))
    report = _report(harness.ask("Why is checkout-api slow?", breakdown_label="region"))

    assert report.investigation == "breakdown"
    assert report.breakdown is not None
    assert report.breakdown.label == "region"
    assert report.breakdown.reason == "region was given as the label"


def test_a_given_label_the_service_lacks_is_an_error_listing_its_labels(
    harness_for, demo_cpu: bytes
) -> None:
    harness: Harness = harness_for(_entries(demo_cpu, PODS))
    with pytest.raises(
        UserInputError, match="the service has no label 'shard'; its labels are: pod"
    ):
        harness.ask("Why is checkout-api slow?", breakdown_label="shard")


def test_a_kind_of_label_the_service_does_not_have_analyses_the_window_as_a_whole(
    harness_for, demo_cpu: bytes
) -> None:
    harness: Harness = harness_for(_entries(demo_cpu, PODS))
    report = _report(harness.ask("Which endpoint of checkout-api uses the most CPU?"))

    assert report.investigation == "breakdown"
    assert report.breakdown is None
    assert any(
        "No breakdown: the service has no endpoint label (its labels: pod)" in note
        for note in report.notes
    )
    assert report.hot_functions
