"""One compiled graph and one source serve eight questions at once without mixing them up.

The concurrent run reuses the threads of the sequential one, which also proves that a new
question on a finished thread starts afresh (no attempts or counts carried over).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

from langgraph.checkpoint.memory import InMemorySaver

from profile_insights.agent import api
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.report.models import Report
from profile_insights.graph.builder import build_graph
from tests.graph.conftest import ALLOC, CPU, Entry, write_recording

SERVICES = ["cart", "search", "payments", "ledger", "orders", "billing", "shipping", "catalog"]


def _question(index: int, service: str) -> str:
    if index % 2:
        return f"Why does {service} allocate so much memory?"
    return f"Why is {service} slow?"


def test_eight_concurrent_questions_get_eight_independent_correct_reports(
    tmp_path: Path, demo_checkout: Path, demo_cpu: bytes, go_heap: bytes
) -> None:
    entries = []
    for index, service in enumerate(SERVICES):
        entries.append(Entry(service, CPU, demo_cpu, ago=timedelta(minutes=5 + index)))
        entries.append(
            Entry(service, ALLOC, go_heap, ago=timedelta(minutes=5), sample_type="alloc_space")
        )
    source = RecordedSource(write_recording(tmp_path / "recording", entries))
    graph = build_graph(checkpointer=InMemorySaver())

    def run(index: int) -> Report:
        service = SERVICES[index]
        context = api.make_context(repo=demo_checkout, source=source, cache_dir=tmp_path / "c")
        result = api.ask(
            _question(index, service),
            context=context,
            graph=graph,
            thread_id=f"thread-{index}",
        )
        assert isinstance(result, Report), result
        return result

    expected = [run(index).model_dump() for index in range(len(SERVICES))]
    with ThreadPoolExecutor(max_workers=8) as pool:
        reports = list(pool.map(run, range(len(SERVICES))))

    for index, report in enumerate(reports):
        assert report.services == [SERVICES[index]]
        assert report.profile_type == (ALLOC if index % 2 else CPU)
        assert report.question == _question(index, SERVICES[index])
        assert report.model_dump() == expected[index]
