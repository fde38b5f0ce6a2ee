"""Label selectors are parsed and evaluated like Prometheus matchers (fully anchored regexes)."""

from __future__ import annotations

import pytest

from profile_insights.agent.errors import InvalidQueryError
from profile_insights.agent.pyroscope.selector import format_selector, parse_selector

LABELS = {"service_name": "checkout", "env": "prod-eu", "otel.scope.name": "rust"}


@pytest.mark.parametrize(
    ("selector", "matches"),
    [
        ("{}", True),
        ("  {  }  ", True),
        ('{service_name="checkout"}', True),
        ('{service_name="payments"}', False),
        ('{service_name!="payments"}', True),
        ('{env=~"prod.*"}', True),
        ('{env=~"prod"}', False),  # anchored: a prefix is not a match
        ('{service_name=~"check"}', False),
        ('{env!~"dev.*"}', True),
        ('{env!~"prod-.*"}', False),
        ('{missing=""}', True),  # a missing label has the empty value
        ('{missing!=""}', False),
        ('{service_name="checkout", env=~"prod-(eu|us)",}', True),
        ("{service_name='checkout'}", True),
        ("{env=~`prod-\\w+`}", True),
        ('{"otel.scope.name"="rust"}', True),
        ('process_cpu{service_name="checkout"}', False),  # __name__ is not in LABELS
    ],
)
def test_matchers_follow_prometheus_semantics(selector: str, matches: bool) -> None:
    assert parse_selector(selector).matches(LABELS) is matches


@pytest.mark.parametrize(
    "selector",
    [
        "{foo",
        '{service_name="x"}; rm -rf /',
        "{service_name=x}",
        '{service_name=="x"}',
        '{service_name="x" env="y"}',
        '{env=~"("}',
        '{a="unterminated}',
        '{a="bad \\q escape"}',
        "",
    ],
)
def test_bad_selectors_are_invalid_query_errors(selector: str) -> None:
    with pytest.raises(InvalidQueryError) as caught:
        parse_selector(selector)
    assert "service_name" in caught.value.hint


def test_escapes_in_values_round_trip_through_format_selector() -> None:
    labels = {"service_name": 'we"ird\\name', "otel.scope.name": "x"}
    assert parse_selector(format_selector(labels)).matches(labels)
    assert not parse_selector(format_selector(labels)).matches({"service_name": "weird"})
