"""What each value of a label costs over a window: ``SelectSeries`` grouped by it, else merges.

Pyroscope's ``SelectSeries`` sums a profile type per ``group_by`` label set; series that lack
the label form one group without it (as Prometheus' ``sum by`` does), and ``limit`` keeps the
heaviest groups. A backend that ignores ``group_by`` answers one series for everything, or
series that do not carry the label: then each value (from the ``Series`` of the label) is merged
on its own and the merged profile's total is its cost, and what no value accounts for is the
share without the label.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel, Field

from profile_insights.agent.profiles.decoded import decoded_profile
from profile_insights.agent.profiles.values import sample_total
from profile_insights.agent.pyroscope.selector import services_selector
from profile_insights.agent.pyroscope.source import MergedProfile, ProfileSource, ProfileType

#: Values merged one by one at most when the backend does not group (one query each).
MAX_MERGED_VALUES = 20

Method = Literal["group_by", "per_value_merges"]


class ValueCost(BaseModel):
    """One value of the label and what it costs; ``value`` None: the series without the label."""

    value: str | None
    total: float


class LabelCosts(BaseModel):
    """The cost of the window by the values of one label, heaviest first."""

    label: str
    method: Method
    total: float = Field(description="The whole window's total (every series of the selector).")
    values: list[ValueCost]
    distinct: int = Field(description="How many values the label has in the window.")
    note: str = ""


def _heaviest_first(item: ValueCost) -> tuple[float, bool, str]:
    # Ties in a stable order: named values first, then by name.
    return -item.total, item.value is None, item.value or ""


def scoped(services: Sequence[str], labels: Mapping[str, str], **extra: str) -> str:
    """Return the services' selector with the window's labels and ``extra`` exact matchers."""
    return services_selector(services, {**labels, **extra})


def label_values(
    source: ProfileSource,
    services: Sequence[str],
    labels: Mapping[str, str],
    profile_type: str,
    label: str,
    window: tuple[datetime, datetime],
) -> list[str]:
    """Return the values the label has on the profile type's series in the window, sorted."""
    selector = scoped(services, labels, __profile_type__=profile_type)
    found = source.series(selector, [label], *window)
    return sorted({s.labels[label] for s in found if s.labels.get(label)})


def grouped_costs(
    source: ProfileSource,
    services: Sequence[str],
    labels: Mapping[str, str],
    profile_type: str,
    label: str,
    window: tuple[datetime, datetime],
    *,
    limit: int,
) -> LabelCosts | None:
    """Return the heaviest values from ``SelectSeries`` grouped by the label.

    None when the answer is not grouped by it (no series carries the label): the backend
    dropped ``group_by``, or the profile type's series do not have the label.
    """
    start, end = window
    selector = scoped(services, labels)
    # One point for the whole window: the totals are all a breakdown needs.
    step = max(end - start, timedelta(seconds=1))
    answer = source.select_series(
        selector, profile_type, start, end, group_by=[label], step=step, limit=limit
    )
    if not any(label in series.labels for series in answer):
        return None
    whole = source.select_series(selector, profile_type, start, end, group_by=[], step=step)
    values = [ValueCost(value=s.labels.get(label) or None, total=s.total) for s in answer]
    values.sort(key=_heaviest_first)
    distinct = label_values(source, services, labels, profile_type, label, window)
    named = sum(1 for item in values if item.value is not None)
    return LabelCosts(
        label=label,
        method="group_by",
        # The grouped answer may be cut by the limit; the ungrouped one is the whole window.
        total=max(sum(s.total for s in whole), sum(item.total for item in values)),
        values=values,
        distinct=max(len(distinct), named),
    )


def merged_costs(
    source: ProfileSource,
    services: Sequence[str],
    labels: Mapping[str, str],
    profile_type: str,
    label: str,
    window: tuple[datetime, datetime],
    *,
    total: float,
) -> tuple[LabelCosts, dict[str, MergedProfile]]:
    """Return each value's cost from its own merged profile, and the merged profiles.

    ``total`` is the whole window's total (of the profile already merged for it): what the
    values do not account for, when every value was merged, is the share without the label.
    """
    start, end = window
    values = label_values(source, services, labels, profile_type, label, window)
    sample_type = ProfileType.parse(profile_type).sample_type
    merged: dict[str, MergedProfile] = {}
    costs: list[ValueCost] = []
    for value in values[:MAX_MERGED_VALUES]:
        profile = source.merge_profile(
            scoped(services, labels, **{label: value}), profile_type, start, end
        )
        if profile.empty:
            continue
        decoded = decoded_profile(profile.data, name=f"merged profile of {label}={value}")
        value_total = sample_total(decoded.prepared, sample_index=decoded.sample_index(sample_type))
        merged[value] = profile
        costs.append(ValueCost(value=value, total=value_total))
    note = ""
    if len(values) > MAX_MERGED_VALUES:
        note = (
            f"Only {MAX_MERGED_VALUES} of the {len(values)} values of {label} were merged "
            "(one query each); the others are not in the table."
        )
    else:
        rest = total - sum(item.total for item in costs)
        # Merges of the same data add up to the whole; a remainder is the series without it.
        if rest > total * 1e-9:
            costs.append(ValueCost(value=None, total=rest))
    costs.sort(key=_heaviest_first)
    return (
        LabelCosts(
            label=label,
            method="per_value_merges",
            total=total,
            values=costs,
            distinct=len(values),
            note=note,
        ),
        merged,
    )
