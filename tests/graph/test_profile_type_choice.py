"""The graph analyses a type the service sends; a stand-in says what it shows; wall gets wall.

Recordings of real profiles: a real Go heap profile (../shared) recorded as the in-use heap
only, as many Go services and every Node.js one send it; the demo's CPU profile; and a real
Node.js wall profile (../shared, ``wall:wall:microseconds:wall:microseconds``).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from profile_insights.agent.api import NeedsInput, render
from profile_insights.agent.report.models import Report
from tests.graph.conftest import CPU, Entry

INUSE = "memory:inuse_space:bytes:space:bytes"
WALL = "wall:wall:microseconds:wall:microseconds"
RECENT = timedelta(minutes=5)


def _report(result: Report | NeedsInput) -> Report:
    assert isinstance(result, Report), result
    return result


@pytest.fixture(scope="session")
def node_wall(shared_dir: Path) -> bytes:
    """Return a real Node.js wall profile (read from ../shared, never copied)."""
    return (shared_dir / "profiles" / "pyroscope_wall_nodejs_rideshare.pb.gz").read_bytes()


def test_a_memory_question_on_an_inuse_only_service_reports_inuse_with_the_note(
    harness_for, go_heap: bytes, demo_cpu: bytes
) -> None:
    harness = harness_for(
        [
            Entry("checkout", CPU, demo_cpu, ago=RECENT),
            Entry("checkout", INUSE, go_heap, ago=RECENT, sample_type="inuse_space"),
        ]
    )
    report = _report(harness.ask("What allocates so much memory in checkout?"))

    assert report.outcome == "report"
    assert report.profile_type == INUSE
    assert report.hot_functions
    note = next(note for note in report.notes if "allocation profile" in note)
    assert note.startswith(
        "The service sends no allocation profile, so this is the in-use heap: what is held, "
        "not what is allocated."
    )
    assert "ProfileAllocSpace" in note
    assert "never sent" not in report.summary
    assert "sends no allocation profile" in report.data.profile_type_reason
    assert note in render(report)


def test_a_wall_question_picks_the_wall_profile_and_a_plain_one_cpu(
    harness_for, demo_cpu: bytes, node_wall: bytes
) -> None:
    harness = harness_for(
        [
            Entry("checkout", CPU, demo_cpu, ago=RECENT),
            Entry("checkout", WALL, node_wall, ago=RECENT, sample_type="wall"),
        ]
    )
    wall = _report(harness.ask("Where is the wall-clock time of checkout spent?"))
    assert wall.outcome == "report"
    assert wall.profile_type == WALL
    assert "wall-clock" in wall.data.profile_type_reason
    assert not any("sends no" in note for note in wall.notes)

    latency = _report(harness.ask("Why are checkout requests slow?"))
    assert latency.profile_type == WALL

    plain = _report(harness.ask("Why is checkout slow?"))
    assert plain.profile_type == CPU


def test_a_latency_question_on_a_cpu_only_service_uses_cpu_and_says_so(
    harness_for, demo_cpu: bytes
) -> None:
    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=RECENT)])
    report = _report(harness.ask("Why is checkout latency so high?"))

    assert report.outcome == "report"
    assert report.profile_type == CPU
    assert any(
        note.startswith("The service sends no wall-clock profile, so this is CPU time")
        for note in report.notes
    )
