"""Break a window's cost down by a label: each value's share, and the code that costs it there.

The shares come from the totals per value (:mod:`~profile_insights.agent.pyroscope.label_costs`):
each value's cost as a % of the whole window, with the series that lack the label as a row of
their own, so the rows add up to 100 when every value is listed. The heaviest values' own
merged profiles then name their top functions of the checkout: the checkout's functions on whose
stack most of that value's cost is, leaving out those that only pass it on (at least
:data:`~profile_insights.agent.analysis.callpaths.PASS_THROUGH_SHARE` of their cost runs inside
other functions of the checkout, as a request loop or a dispatcher does). A function that spends
its time in a small helper it calls in a loop is listed above the helper: its loop decides how
often the helper runs.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, Field

from profile_insights.agent.analysis.callpaths import PASS_THROUGH_SHARE
from profile_insights.agent.analysis.regression import Locate
from profile_insights.agent.profiles.frames import NodeInfo, PreparedProfile
from profile_insights.agent.profiles.ownership import exclusive_costs
from profile_insights.agent.profiles.units import scaled_label
from profile_insights.agent.profiles.values import function_costs, sample_total
from profile_insights.agent.pyroscope.label_costs import LabelCosts, Method

#: Values listed in the table (the heaviest).
MAX_VALUES = 10
#: Values whose own profile is merged to name their top functions.
MAX_SCOPED = 5
#: Top functions of the checkout named per value.
MAX_FUNCTIONS = 3
#: Share of a value's cost a function needs to be named (below it is noise).
MIN_FUNCTION_PCT = 1.0


class BreakdownFunction(BaseModel):
    """A function of the checkout that costs one value most, and its costliest line."""

    function: str
    file: str = Field(description="The file of the checkout.")
    line: int
    cum_pct: float = Field(description="% of this value's cost on whose stack it is.")
    own_pct: float = Field(description="% of this value's cost it owns (innermost checkout code).")


class BreakdownValue(BaseModel):
    """One value of the label: its share of the window and its own top functions."""

    value: str = Field(description='The value, or "(no LABEL)" for the series without it.')
    labelled: bool = True
    share_pct: float
    total: float
    total_text: str
    top_functions: list[BreakdownFunction] = Field(default_factory=list)


class Breakdown(BaseModel):
    """A breakdown's table: the label, each value's share and code, and how it was measured."""

    model_config = {"populate_by_name": True}

    label: str
    reason: str = Field(default="", description="Why this label was chosen.")
    method: Method
    from_: str = Field(alias="from", serialization_alias="from")
    to: str
    total: float
    total_text: str
    distinct: int = Field(description="How many values the label has in the window.")
    values: list[BreakdownValue]
    notes: list[str] = Field(default_factory=list)
    commands: list[str] = Field(default_factory=list)

    def named(self) -> list[BreakdownValue]:
        """Return the rows of actual values (not the series without the label)."""
        return [value for value in self.values if value.labelled]


def top_functions(
    prepared: PreparedProfile, *, sample_index: str | None, locate: Locate
) -> list[BreakdownFunction]:
    """Return the checkout's functions that cost this profile most (see the module docstring)."""

    def is_owner(info: NodeInfo) -> bool:
        return locate(info[0], info[1])[1] is not None

    total = sample_total(prepared, sample_index=sample_index)
    owned: dict[tuple[str, str], float] = {}
    for info, value, is_owned in exclusive_costs(
        prepared, is_owner=is_owner, sample_index=sample_index
    ):
        if is_owned:
            owned[(info[0], info[1])] = owned.get((info[0], info[1]), 0.0) + value
    found = []
    for cost in function_costs(prepared, sample_index=sample_index):
        path = locate(cost.function, cost.file)[1]
        own = owned.get((cost.function, cost.file), 0.0)
        if path is None or not total or 100.0 * cost.cum / total < MIN_FUNCTION_PCT:
            continue
        if own < (1.0 - PASS_THROUGH_SHARE) * cost.cum:
            continue  # it only passes its time on to other code of the checkout
        found.append(
            BreakdownFunction(
                function=cost.function,
                file=path,
                line=cost.line,
                cum_pct=round(100.0 * cost.cum / total, 2),
                own_pct=round(100.0 * own / total, 2),
            )
        )
    return found[:MAX_FUNCTIONS]


def _value_name(label: str, value: str | None) -> str:
    return value if value is not None else f"(no {label})"


def build_breakdown(
    costs: LabelCosts,
    tops: Mapping[str, list[BreakdownFunction]],
    *,
    reason: str,
    window: tuple[str, str],
    unit: str,
    commands: list[str],
) -> Breakdown:
    """Return the breakdown table from the costs per value and the values' top functions."""
    total = costs.total or sum(item.total for item in costs.values)
    values = [
        BreakdownValue(
            value=_value_name(costs.label, item.value),
            labelled=item.value is not None,
            share_pct=round(100.0 * item.total / total, 1) if total else 0.0,
            total=item.total,
            total_text=scaled_label(item.total, unit, "auto") if unit else f"{item.total:g}",
            top_functions=tops.get(item.value, []) if item.value is not None else [],
        )
        for item in costs.values[:MAX_VALUES]
    ]
    notes = []
    if costs.method == "per_value_merges":
        notes.append(
            f"The server answered SelectSeries without grouping by {costs.label}, so each value "
            "was merged on its own and measured by its merged profile's total."
        )
    if costs.note:
        notes.append(costs.note)
    named = sum(1 for item in values if item.labelled)
    if costs.distinct > named:
        notes.append(
            f"The table lists the {named} heaviest of the {costs.distinct} values of {costs.label}."
        )
    if named > MAX_SCOPED:
        notes.append(f"Top functions are named for the {MAX_SCOPED} heaviest values.")
    return Breakdown(
        label=costs.label,
        reason=reason,
        method=costs.method,
        from_=window[0],
        to=window[1],
        total=total,
        total_text=scaled_label(total, unit, "auto") if unit else f"{total:g}",
        distinct=costs.distinct,
        values=values,
        notes=notes,
        commands=commands,
    )
