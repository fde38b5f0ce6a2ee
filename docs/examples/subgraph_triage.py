"""profile-insights as one node of your own LangGraph graph: an alert-triage pipeline.

The parent graph turns a latency alert into a question, runs the compiled profile-insights
graph as a node, and writes a one-line summary for the on-call channel. It shares state keys
with the subgraph, which is the whole state mapping:

    parent key    direction         profile-insights key
    question      parent -> sub     question      (InputState)
    services      parent -> sub     services      (InputState; skips the service question)
    report        sub -> parent     report        (the Report as a JSON dict)
    rendered      sub -> parent     rendered      (Markdown; JSON for output_format json)

Keys the parent does not declare (the subgraph's internal state) stay inside the subgraph.
The run-time ``context`` given to the parent reaches the subgraph's nodes. Compile the parent
with a checkpointer so the subgraph's questions (which service? how to connect?) can pause the
parent and be answered with ``Command(resume=...)``.

Run it on the bundled demo recording (no server, no model):

    .venv/bin/python docs/examples/subgraph_triage.py
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path
from typing import Any

from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from typing_extensions import TypedDict

from profile_insights.agent.api import make_context
from profile_insights.agent.demo import create_demo_repo, demo_recording_dir
from profile_insights.graph.builder import build_graph
from profile_insights.graph.context import Context


class TriageState(TypedDict, total=False):
    """The parent's state: an alert in, a summary out; four keys shared with the subgraph."""

    alert: dict[str, Any]
    question: str
    services: list[str]
    report: dict[str, Any]
    rendered: str
    summary: str


def triage(state: TriageState) -> dict[str, Any]:
    """Turn the alert into the question (and the service, when the alert names one)."""
    alert = state["alert"]
    update: dict[str, Any] = {"question": f"Why is {alert['service']} slow?"}
    if alert.get("exact_service", True):
        update["services"] = [alert["service"]]
    return update


def summarise(state: TriageState) -> dict[str, Any]:
    """Write one line for the on-call channel from the subgraph's report."""
    report = state["report"]
    hot = report["hot_functions"][0]["function"] if report.get("hot_functions") else "nothing"
    services = ", ".join(report.get("services") or ["?"])
    return {"summary": f"[{services}] top frame: {hot}. {report.get('summary', '')}".strip()}


def build_triage_graph(
    checkpointer: InMemorySaver | None = None,
) -> CompiledStateGraph[TriageState, Context, TriageState, TriageState]:
    """Return the parent graph with profile-insights as its ``investigate`` node."""
    builder = StateGraph(TriageState, context_schema=Context)
    builder.add_node("triage", triage)
    # The compiled graph is the node: compiled without a checkpointer, it uses the parent's.
    builder.add_node("investigate", build_graph())
    builder.add_node("summarise", summarise)
    builder.add_edge(START, "triage")
    builder.add_edge("triage", "investigate")
    builder.add_edge("investigate", "summarise")
    builder.add_edge("summarise", END)
    return builder.compile(checkpointer=checkpointer)


def main() -> None:
    """Triage a checkout alert against the bundled demo recording and print the summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recording", type=Path, default=None, help="recording directory")
    parser.add_argument("--repo", type=Path, default=None, help="git checkout of the service")
    parser.add_argument("--service", default="checkout", help="service named by the alert")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="triage-") as scratch:
        repo = args.repo
        if repo is None:
            repo = Path(scratch) / "checkout"
            create_demo_repo(repo)
        recording = args.recording
        if recording is None:
            # A real copy: in an editable install the packaged files are symlinks, and the
            # recording reader refuses files that resolve outside the recording directory.
            recording = Path(scratch) / "recording"
            shutil.copytree(demo_recording_dir(), recording)
        context = make_context(repo=repo, recording=recording, cache_dir=Path(scratch) / "cache")
        graph = build_triage_graph(InMemorySaver())
        config = {"configurable": {"thread_id": "alert-1"}}
        alert = {"service": args.service, "p99_ms": 840}
        result = graph.invoke({"alert": alert}, config, context=context)
        print(result["summary"])  # noqa: T201 - the example's output


if __name__ == "__main__":
    main()
