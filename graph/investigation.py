"""Decide the kind of investigation: one window, a comparison, a breakdown or a trend.

Runs once the services and the profile type are known. A comparison goes on to choose its
baseline (which may ask the user), a breakdown its label (which may ask too); a trend reads
the totals over its range first; every other kind fetches the profile of its window first.
"""

from __future__ import annotations

from typing import Any, Literal

from langgraph.runtime import Runtime
from langgraph.types import Command

from profile_insights.agent.analysis.investigation import Investigation
from profile_insights.agent.analysis.investigation import (
    plan_investigation as plan_for,
)
from profile_insights.graph.context import Context
from profile_insights.graph.progress import emit
from profile_insights.graph.state import State


def investigation_of(state: State) -> Investigation:
    """Return the planned investigation (a single window before planning)."""
    stored = state.get("investigation")
    if not stored:
        return Investigation(kind="single", reason="not planned")
    return Investigation.model_validate(stored)


def plan_investigation(
    state: State, runtime: Runtime[Context]
) -> Command[Literal["choose_baseline", "choose_label", "fetch_trend", "fetch_profile"]]:
    """Read the question and the options for what to investigate, and go on with it."""
    plan = plan_for(
        state.get("question", ""),
        baseline_window=bool(state.get("baseline_from")),
        baseline_ref=state.get("baseline_ref"),
        ref=state.get("ref"),
        breakdown_label=state.get("breakdown_label"),
    )
    emit("plan_investigation", f"{plan.kind}: {plan.reason}")
    update: dict[str, Any] = {"investigation": plan.model_dump(mode="json")}
    if plan.kind == "comparison":
        return Command(goto="choose_baseline", update=update)
    if plan.kind == "breakdown":
        return Command(goto="choose_label", update=update)
    if plan.kind == "trend":
        return Command(goto="fetch_trend", update=update)
    return Command(goto="fetch_profile", update=update)
