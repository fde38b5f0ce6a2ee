"""The label a breakdown question means: named, of a named kind, by a value, or asked."""

from __future__ import annotations

import pytest

from profile_insights.agent.analysis.investigation import plan_investigation
from profile_insights.agent.analysis.labels import (
    LabelChoice,
    breakdown_candidates,
    choose_label,
)
from profile_insights.agent.errors import UserInputError

PODS = ["checkout-7d9f6b-2xkqp", "checkout-7d9f6b-9mzrt"]
REGIONS = ["eu-west-1", "us-east-1"]


def _choose(question: str, values: dict[str, list[str]], given: str | None = None) -> LabelChoice:
    plan = plan_investigation(question, breakdown_label=given)
    assert plan.kind == "breakdown", plan
    return choose_label(question, plan.label_words, values, given=given)


def test_internal_and_service_labels_are_no_breakdown_candidates() -> None:
    names = [
        "__name__",
        "__profile_type__",
        "service_name",
        "service_repository",
        "service_git_ref",
        "service_root_path",
        "pod",
        "otel.scope.name",
    ]
    assert breakdown_candidates(names, versions=False) == ["otel.scope.name", "pod"]
    # A question about versions breaks the cost down by the deployed ref.
    assert breakdown_candidates(names, versions=True) == [
        "otel.scope.name",
        "pod",
        "service_git_ref",
    ]
    # A service label the caller names as the breakdown label is taken as asked.
    assert "service_git_ref" in breakdown_candidates(names, versions=False, given="service_git_ref")


@pytest.mark.parametrize(
    ("question", "labels", "expected"),
    [
        ("Which endpoint uses the most CPU in checkout?", ["http_route", "pod"], "http_route"),
        ("Which endpoint uses the most CPU in checkout?", ["span_name", "route"], "route"),
        ("Is checkout's CPU high on only one pod?", ["k8s.pod.name", "region"], "k8s.pod.name"),
        ("Which region burns the most CPU?", ["cloud.region", "zone", "pod"], "cloud.region"),
        ("Is one version of checkout slower?", ["service_git_ref", "pod"], "service_git_ref"),
        ("Which handler of checkout allocates most?", ["endpoint", "pod"], "endpoint"),
    ],
)
def test_the_kind_of_label_the_question_names_picks_the_services_label_of_that_kind(
    question: str, labels: list[str], expected: str
) -> None:
    choice = _choose(question, {name: ["a-value"] for name in labels})
    assert choice.label == expected
    assert not choice.options


def test_a_label_the_question_names_literally_wins_over_the_kinds() -> None:
    values = {"pod": PODS, "tenant_id": ["acme", "globex"], "endpoint": ["/a", "/b"]}
    choice = choose_label("Which tenant_id uses the most CPU per endpoint?", [], values)
    assert choice.label == "tenant_id"
    assert "names the label tenant_id" in choice.reason


def test_a_value_the_question_names_picks_its_label() -> None:
    choice = _choose("Is checkout slow only in eu-west-1?", {"pod": PODS, "region": REGIONS})
    assert choice.label == "region"
    assert "eu-west-1" in choice.reason


def test_several_labels_that_fit_a_question_naming_none_are_asked_about() -> None:
    choice = _choose("Is checkout slow only in ap-south-2?", {"pod": PODS, "region": REGIONS})
    assert choice.label is None
    assert choice.options == ["pod", "region"]


def test_one_label_that_fits_a_question_naming_none_is_taken() -> None:
    values = {"pod": PODS, "otel.scope.name": ["pyroscope"]}
    choice = _choose("Is checkout slow only in ap-south-2?", values)
    assert choice.label == "pod"


def test_a_value_too_short_to_tell_apart_does_not_pick_a_label() -> None:
    # "/" is in every URL-ish word; it names nothing.
    values = {"endpoint": ["/", "/search"], "pod": PODS}
    choice = choose_label("Is checkout slow only in eu-west-1 / us?", [], values)
    assert choice.options == ["endpoint", "pod"]


def test_no_label_of_the_kind_asked_says_which_labels_there_are() -> None:
    choice = _choose("Which endpoint uses the most CPU in checkout?", {"pod": PODS})
    assert choice.label is None and not choice.options
    assert choice.reason == "the service has no endpoint label (its labels: pod)"


def test_no_label_of_a_known_kind_means_no_breakdown() -> None:
    choice = _choose("Is checkout slow only in ap-south-2?", {"otel.scope.name": ["x"]})
    assert choice.label is None and not choice.options
    assert "otel.scope.name" in choice.reason


def test_the_label_given_as_an_option_is_taken_as_it_is() -> None:
    choice = _choose("Why is checkout slow?", {"shard": ["1", "2"], "pod": PODS}, given="shard")
    assert choice.label == "shard"


def test_a_kind_given_as_the_option_is_read_like_a_word_of_the_question() -> None:
    choice = _choose("Why is checkout slow?", {"http_route": ["/a"], "pod": PODS}, given="endpoint")
    assert choice.label == "http_route"


def test_a_given_label_the_service_does_not_have_is_refused_with_the_labels_it_has() -> None:
    with pytest.raises(UserInputError, match=r"no label 'shard'; its labels are: pod, region"):
        _choose("Why is checkout slow?", {"pod": PODS, "region": REGIONS}, given="shard")
