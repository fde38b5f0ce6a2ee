"""Build the state machine: nodes, edges and the compiled graph.

``build_graph(checkpointer=...)`` is what the CLI, the Python API, the LangChain tool and tests
call. The graph ``langgraph.json`` serves is compiled in :mod:`profile_insights.graph.server`,
not here: compiling costs every CLI run start-up time, and the CLI compiles its own (with its
checkpointer).
"""

from __future__ import annotations

from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from profile_insights.graph import (
    analysis,
    baseline,
    breakdown,
    comparison,
    connection,
    fetch,
    follow_ups,
    investigation,
    mapping,
    report,
    services,
    setup,
    stopped,
    table,
    trend,
)
from profile_insights.graph.comparison import route_after_baseline
from profile_insights.graph.context import Context
from profile_insights.graph.routing import (
    route_after_connection,
    route_after_fetch,
    route_after_verify,
)
from profile_insights.graph.state import InputState, State

GRAPH_NAME = "profile_insights"

CompiledGraph = CompiledStateGraph[State, Context, InputState, State]


def build_builder() -> StateGraph[State, Context, InputState, State]:
    """Return the uncompiled graph (for embedding as a subgraph with your own compile)."""
    builder = StateGraph(State, context_schema=Context, input_schema=InputState)
    # Phase 1: tools, connection (with its question), services (with theirs).
    builder.add_node("check_tools", setup.check_tools)
    builder.add_node("check_connection", connection.check_connection)
    builder.add_node("await_configuration", connection.await_configuration)
    builder.add_node("discover_services", services.discover_services)
    builder.add_node("choose_services", services.choose_services)
    builder.add_node("ask_service", services.ask_service)
    # Phase 2: profile type, the investigation (a comparison's baseline or a breakdown's label,
    # each with its question; a trend's totals over time), the merge and its widening loop.
    builder.add_node("choose_profile_type", fetch.choose_profile_type)
    builder.add_node("plan_investigation", investigation.plan_investigation)
    builder.add_node("choose_baseline", baseline.choose_baseline)
    builder.add_node("ask_baseline", baseline.ask_baseline)
    builder.add_node("choose_label", breakdown.choose_label)
    builder.add_node("ask_label", breakdown.ask_label)
    builder.add_node("fetch_trend", trend.fetch_trend)
    builder.add_node("fetch_profile", fetch.fetch_profile)
    builder.add_node("widen_time_range", fetch.widen_time_range)
    builder.add_node("explain_absence", fetch.explain_absence)
    builder.add_node("explain_stopped", stopped.explain_stopped)
    # Phase 3: table, source, analysis, verification, report.
    builder.add_node("build_top_table", table.build_top_table)
    builder.add_node("map_to_source", mapping.map_to_source)
    builder.add_node("analyse", analysis.analyse)
    builder.add_node("verify", analysis.verify)
    # Phase 4 (comparisons): the baseline's merge, with its own widening, and the comparison.
    builder.add_node("fetch_baseline", comparison.fetch_baseline)
    builder.add_node("compare_profiles", comparison.compare_profiles)
    # Phase 4 (breakdowns): each value of the label, its share and its own top functions.
    builder.add_node("break_down", breakdown.break_down)
    # Phase 5 (follow-ups): a CPU finding followed into the type that shows its cause.
    builder.add_node("plan_follow_ups", follow_ups.plan_follow_ups)
    builder.add_node("follow_up", follow_ups.follow_up)
    builder.add_node("render_report", report.render_report)

    builder.add_edge(START, "check_tools")
    builder.add_edge("check_tools", "check_connection")
    # A failed first query leads to the configuration question, which loops back here.
    builder.add_conditional_edges("check_connection", route_after_connection)
    builder.add_edge("discover_services", "choose_services")
    # choose_services / ask_service route with Command (clear match, question, refused answer,
    # or a service that stopped sending: explain_stopped).
    builder.add_edge("choose_profile_type", "plan_investigation")
    # plan_investigation / choose_baseline / ask_baseline / choose_label / ask_label route with
    # Command (a comparison goes through its baseline, a breakdown through its label, asking
    # when the question leaves it open; a trend through its totals, which plan the latest
    # window).
    builder.add_edge("fetch_trend", "fetch_profile")
    # Empty window: widen (1h -> 6h -> 24h), then explain the absence; data: build_top_table.
    builder.add_conditional_edges("fetch_profile", route_after_fetch)
    builder.add_edge("widen_time_range", "fetch_profile")
    builder.add_edge("explain_absence", "render_report")
    builder.add_edge("explain_stopped", "render_report")
    builder.add_edge("build_top_table", "map_to_source")
    builder.add_edge("map_to_source", "analyse")
    builder.add_edge("analyse", "verify")
    # A comparison fetches its baseline; strong allocation, lock or waiting findings are
    # followed into their profile types; otherwise the report.
    builder.add_conditional_edges("verify", route_after_verify)
    # plan_follow_ups / follow_up route with Command (one follow-up per visit, at most two).
    builder.add_conditional_edges("fetch_baseline", route_after_baseline)
    builder.add_edge("compare_profiles", "render_report")
    builder.add_edge("break_down", "render_report")
    builder.add_edge("render_report", END)
    return builder


def build_graph(checkpointer: BaseCheckpointSaver[Any] | None = None) -> CompiledGraph:
    """Return the compiled graph; give a checkpointer to answer questions (interrupts)."""
    return build_builder().compile(checkpointer=checkpointer, name=GRAPH_NAME)
