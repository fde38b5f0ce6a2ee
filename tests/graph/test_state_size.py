"""The checkpointed state stays small whatever the output format: no HTML page in it."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from langchain_core.runnables import RunnableConfig

from profile_insights.agent import api
from profile_insights.agent.report.models import Report
from profile_insights.graph.builder import build_graph
from tests.graph.conftest import CPU, Entry


def test_html_format_keeps_the_page_out_of_every_checkpoint(harness_for, demo_cpu: bytes) -> None:
    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))])
    graph = build_graph(checkpointer=harness.saver)
    config: RunnableConfig = {"configurable": {"thread_id": "html"}}

    report = api.ask(
        "Why is checkout slow?",
        context=harness.context(output_format="html"),
        graph=graph,
        thread_id="html",
    )

    assert isinstance(report, Report)
    history = list(graph.get_state_history(config))
    assert history
    for snapshot in history:
        text = json.dumps(snapshot.values)
        assert "<svg" not in text and "<html" not in text.lower()
        assert len(text) < 100_000
    final = history[0].values
    # The page was rendered once, next to the cached profile; the state keeps only its path,
    # and the report handed back carries that page (nothing renders it a second time).
    page = Path(final["rendered_file"]).read_text(encoding="utf-8")
    assert final["rendered"] == "" and final["rendered_format"] == "html"
    assert "<svg" in page
    assert api.render(report, "html") == page


def test_json_format_keeps_the_json_report_as_rendered_text(harness_for, demo_cpu: bytes) -> None:
    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))])
    graph = build_graph(checkpointer=harness.saver)

    api.ask(
        "Why is checkout slow?",
        context=harness.context(output_format="json"),
        graph=graph,
        thread_id="json",
    )

    final = graph.get_state({"configurable": {"thread_id": "json"}}).values
    assert json.loads(final["rendered"])["question"] == "Why is checkout slow?"
