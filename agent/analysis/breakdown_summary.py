"""The first sentences of a breakdown's summary: which value carries the cost, and its code."""

from __future__ import annotations

from profile_insights.agent.analysis.breakdown import Breakdown, BreakdownValue

#: A value with this % of the whole window is "one value carries it".
CONCENTRATED_PCT = 50.0
#: Below this many times an even share (the named values' total over their count), the
#: heaviest value does not stand out: the cost is spread.
SPREAD_RATIO = 1.25
#: The share without the label worth a sentence.
UNLABELLED_PCT = 5.0


def _short(function: str) -> str:
    return function.rsplit("/", 1)[-1]


def _where(value: BreakdownValue) -> str:
    if not value.top_functions:
        return ""
    top = value.top_functions[0]
    return (
        f", where `{_short(top.function)}` ({top.file}:{top.line}) is on the stack of "
        f"{top.cum_pct:.0f}% of it"
    )


def breakdown_lead(breakdown: Breakdown, service: str, measure: str) -> str:
    """Return which value carries the cost and the code that costs it, for the summary.

    Args:
        breakdown: The computed breakdown.
        service: The service broken down.
        measure: What the profile measures, in words ("CPU time", "mutex delay").
    """
    label = breakdown.label
    named = breakdown.named()
    if not named:
        return (
            f"None of {service}'s {measure} carries a {label} label in the window: the "
            "breakdown has nothing to tell apart."
        )
    top = named[0]
    if len(named) == 1:
        text = (
            f"All of {service}'s {measure} that carries a {label} label is on one {label}: "
            f"{top.value} ({top.share_pct:.0f}% of the total){_where(top)}."
        )
    elif top.share_pct >= CONCENTRATED_PCT:
        text = (
            f"One {label} carries {top.share_pct:.0f}% of {service}'s {measure}: "
            f"{top.value}{_where(top)}. Next: {named[1].value} ({named[1].share_pct:.0f}%)."
        )
    elif top.share_pct >= SPREAD_RATIO * sum(v.share_pct for v in named) / len(named):
        text = (
            f"{top.value} carries the most of {service}'s {measure} by {label}: "
            f"{top.share_pct:.0f}%{_where(top)}. Next: {named[1].value} "
            f"({named[1].share_pct:.0f}%)."
        )
    else:
        listed = ", ".join(f"{v.value} {v.share_pct:.0f}%" for v in named[:4])
        text = (
            f"{service}'s {measure} is spread over {breakdown.distinct} values of {label} "
            f"with no single one carrying it: {listed}. The heaviest is {top.value}{_where(top)}."
        )
    unlabelled = next((v for v in breakdown.values if not v.labelled), None)
    if unlabelled is not None and unlabelled.share_pct >= UNLABELLED_PCT:
        text += f" {unlabelled.share_pct:.0f}% of the total carries no {label} label."
    return text
