"""profile-insights as a node of a parent graph: the runnable example and its state mapping."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command

from profile_insights.agent.api import make_context
from tests.conftest import REPO_ROOT

EXAMPLE = REPO_ROOT / "docs/examples/subgraph_triage.py"
TWO_SERVICES = REPO_ROOT / "evals/cases/traj-two-services/recording"
DEMO_REPO = REPO_ROOT / "agent/demo/service"


def load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("subgraph_triage", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Registered so that typing can resolve the state's annotations through the module.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_example_runs_and_prints_the_summary_from_the_subgraph_report() -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLE)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("[checkout] top frame: ")
    assert "pricing.validCoupon" in done.stdout


def test_shared_keys_flow_both_ways_and_internal_state_stays_inside(tmp_path: Path) -> None:
    example = load_example()
    graph = example.build_triage_graph(InMemorySaver())
    context = make_context(recording=TWO_SERVICES, repo=DEMO_REPO, cache_dir=tmp_path)
    config = {"configurable": {"thread_id": "t"}}
    result = graph.invoke({"alert": {"service": "checkout-api"}}, config, context=context)
    assert result["question"] == "Why is checkout-api slow?"
    assert result["report"]["services"] == ["checkout-api"]
    assert result["rendered"].lstrip().startswith("#")
    assert result["summary"].startswith("[checkout-api] top frame: ")
    # Keys the parent does not declare (table, matches, attempts...) are not copied up.
    assert set(result) <= {"alert", "question", "services", "report", "rendered", "summary"}


def test_a_question_inside_the_subgraph_pauses_the_parent_until_resumed(tmp_path: Path) -> None:
    example = load_example()
    graph = example.build_triage_graph(InMemorySaver())
    context = make_context(recording=TWO_SERVICES, repo=DEMO_REPO, cache_dir=tmp_path)
    config = {"configurable": {"thread_id": "t"}}
    alert = {"service": "checkout", "exact_service": False}
    paused = graph.invoke({"alert": alert}, config, context=context)
    (question,) = paused["__interrupt__"]
    assert question.value["kind"] == "choose_service"
    assert "summary" not in paused
    # The subgraph's progress is visible with subgraphs=True, under the node's namespace.
    namespaces = {
        part["ns"]
        for part in graph.stream(
            Command(resume={"services": ["checkout-worker"]}),
            config,
            context=context,
            stream_mode=["updates"],
            subgraphs=True,
            version="v2",
        )
    }
    assert any(ns and ns[0].startswith("investigate:") for ns in namespaces)
    final = graph.get_state(config).values
    assert final["report"]["services"] == ["checkout-worker"]
    assert final["summary"].startswith("[checkout-worker] top frame: ")
