"""The graph's shape: a Mermaid snapshot pins every node and transition."""

from __future__ import annotations

import os
from pathlib import Path

from profile_insights.graph.builder import build_graph
from profile_insights.graph.server import graph

SNAPSHOT = Path(__file__).parent / "snapshots" / "graph.mmd"


def test_mermaid_drawing_matches_the_committed_snapshot() -> None:
    drawing = build_graph().get_graph().draw_mermaid(with_styles=False)
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(drawing)
    assert drawing == SNAPSHOT.read_text(), (
        "the topology changed; review the diff and rerun with UPDATE_SNAPSHOTS=1"
    )


def test_the_exported_graph_has_no_checkpointer_for_langgraph_server() -> None:
    assert graph.checkpointer is None
    assert graph.name == "profile_insights"


def test_every_question_node_can_loop_back_to_itself_or_go_on() -> None:
    edges = {(edge.source, edge.target) for edge in build_graph().get_graph().edges}
    assert ("await_configuration", "check_connection") in edges
    assert ("ask_service", "ask_service") in edges
    assert ("fetch_profile", "widen_time_range") in edges
    assert ("widen_time_range", "fetch_profile") in edges
    assert ("fetch_profile", "explain_absence") in edges
