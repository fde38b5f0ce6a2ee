"""Progress streaming: stream_mode=["updates", "custom"] gives each node's events in order.

Every node sends ``{"step": <node>, "detail": <one line>}`` through the stream writer before its
state update; the CLI prints the same events as a live step list with timings.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command

from profile_insights.agent.api import make_context
from profile_insights.graph.builder import build_graph
from tests.conftest import REPO_ROOT

TWO_SERVICES = REPO_ROOT / "evals/cases/traj-two-services/recording"
WIDEN_6H = REPO_ROOT / "evals/cases/traj-widen-6h/recording"
DEMO_REPO = REPO_ROOT / "agent/demo/service"
CLI = Path(sys.executable).parent / "profile-insights"
DIRECT_PATH = [
    "check_tools",
    "check_connection",
    "discover_services",
    "choose_services",
    "choose_profile_type",
    "plan_investigation",
    "fetch_profile",
    "build_top_table",
    "map_to_source",
    "analyse",
    "verify",
    "render_report",
]


def stream(graph: Any, payload: Any, config: Any, context: Any) -> list[dict[str, Any]]:
    return list(
        graph.stream(
            payload, config, context=context, stream_mode=["updates", "custom"], version="v2"
        )
    )


def updated_nodes(parts: list[dict[str, Any]]) -> list[str]:
    return [node for p in parts if p["type"] == "updates" for node in p["data"]]


def steps(parts: list[dict[str, Any]]) -> list[str]:
    return [p["data"]["step"] for p in parts if p["type"] == "custom"]


def assert_progress_precedes_each_update(parts: list[dict[str, Any]]) -> None:
    """Each node's progress event comes before its update, and nothing else in between."""
    last_step = None
    for part in parts:
        if part["type"] == "custom":
            assert set(part["data"]) == {"step", "detail"} and part["data"]["detail"]
            last_step = part["data"]["step"]
        else:
            for node in part["data"]:
                if node != "__interrupt__":
                    assert node == last_step, (node, last_step)


def test_each_node_reports_progress_in_order_on_the_direct_path(tmp_path: Path) -> None:
    graph = build_graph(InMemorySaver())
    context = make_context(recording=TWO_SERVICES, repo=DEMO_REPO, cache_dir=tmp_path)
    parts = stream(
        graph,
        {"question": "Why is checkout slow?", "services": ["checkout-worker"]},
        {"configurable": {"thread_id": "direct"}},
        context,
    )
    assert steps(parts) == DIRECT_PATH
    assert updated_nodes(parts) == DIRECT_PATH
    assert_progress_precedes_each_update(parts)
    assert all(p["ns"] == () for p in parts)


def test_widening_shows_every_fetch_attempt(tmp_path: Path) -> None:
    graph = build_graph(InMemorySaver())
    context = make_context(recording=WIDEN_6H, repo=DEMO_REPO, cache_dir=tmp_path)
    parts = stream(
        graph,
        {"question": "Why is the checkout service using so much CPU?"},
        {"configurable": {"thread_id": "widen"}},
        context,
    )
    fetches = [p["data"] for p in parts if p["type"] == "custom"]
    index = steps(parts).index("fetch_profile")
    assert steps(parts)[index : index + 3] == ["fetch_profile", "widen_time_range", "fetch_profile"]
    assert "now-1h" in fetches[index]["detail"] and "now-6h" in fetches[index + 2]["detail"]
    assert_progress_precedes_each_update(parts)


def test_the_stream_stops_at_a_question_and_resumes_where_it_stopped(tmp_path: Path) -> None:
    graph = build_graph(InMemorySaver())
    context = make_context(recording=TWO_SERVICES, repo=DEMO_REPO, cache_dir=tmp_path)
    config = {"configurable": {"thread_id": "ask"}}
    first = stream(graph, {"question": "Why is checkout slow?"}, config, context)
    assert steps(first) == DIRECT_PATH[:4]
    interrupt = first[-1]
    assert interrupt["type"] == "updates" and "__interrupt__" in interrupt["data"]
    assert interrupt["data"]["__interrupt__"][0].value["kind"] == "choose_service"

    second = stream(graph, Command(resume={"services": ["checkout-worker"]}), config, context)
    assert steps(second) == ["ask_service", *DIRECT_PATH[4:]]
    assert_progress_precedes_each_update(second)


def test_cli_prints_a_live_step_list_with_timings(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            str(CLI),
            "ask",
            "Why is checkout slow?",
            "--recording",
            str(TWO_SERVICES),
            "--repo",
            str(DEMO_REPO),
            "--service",
            "checkout-worker",
            "--no-input",
            "--state-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "COLUMNS": "200"},
    )
    assert done.returncode == 0, done.stderr
    listed = re.findall(r"^✓ (\w+)\s+(\d+\.\d\d)s ", done.stderr, flags=re.MULTILINE)
    assert [step for step, _ in listed] == DIRECT_PATH
    assert all(float(seconds) >= 0 for _, seconds in listed)
    assert "pricing.validCoupon" in done.stdout
