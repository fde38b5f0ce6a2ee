"""Literal-typed routers: each names the transition it decides and why it is taken."""

from __future__ import annotations

from typing import Literal

from langgraph.runtime import Runtime

from profile_insights.agent.analysis.follow_ups import signals
from profile_insights.graph.context import Context
from profile_insights.graph.fetch import WINDOWS
from profile_insights.graph.state import State, findings_of


def route_after_connection(state: State) -> Literal["discover_services", "await_configuration"]:
    """Go on to the services when the first query worked; otherwise ask how to connect."""
    return "await_configuration" if state.get("connection_problem") else "discover_services"


def route_after_fetch(
    state: State, runtime: Runtime[Context]
) -> Literal["build_top_table", "widen_time_range", "explain_absence"]:
    """Summarise a profile with samples; widen an empty window; explain when 24h is empty.

    An explicit --from/--to range is never widened: the user asked for exactly that window;
    nor is a planned one (a deploy's window, scoped to its ref).
    """
    attempts = state.get("attempts") or []
    if attempts and not attempts[-1]["empty"]:
        return "build_top_table"
    context = runtime.context if runtime.context is not None else Context()
    # The ladder has three rungs (1h, 6h, 24h): more attempts would repeat the 24h query.
    limit = min(context.limits.max_attempts, len(WINDOWS))
    if state.get("time_from") or state.get("current_window") or len(attempts) >= limit:
        return "explain_absence"
    return "widen_time_range"


def route_after_verify(
    state: State, runtime: Runtime[Context]
) -> Literal["fetch_baseline", "break_down", "plan_follow_ups", "render_report"]:
    """Fetch a comparison's baseline; break a breakdown down; follow strong findings; else report.

    A CPU profile whose findings show allocation or GC pressure, lock contention or waiting
    above the threshold (``agent/analysis/follow_ups.py``) goes on to plan its follow-ups.
    """
    if state.get("baseline_window"):
        return "fetch_baseline"
    if state.get("breakdown_by"):
        return "break_down"
    context = runtime.context if runtime.context is not None else Context()
    if context.limits.max_follow_ups > 0 and signals(findings_of(state), state["chosen_type"]):
        return "plan_follow_ups"
    return "render_report"
