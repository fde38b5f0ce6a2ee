"""Fixtures for the graph tests: the demo service's checkout and profile, recordings in tmp_path.

Recordings are written with the recording store of ``agent.pyroscope`` (the documented format)
from real profiles: the demo service's CPU profile (its checkout is re-created with the same
commit, so the profile's git ref is HEAD) and, for memory, a real Go heap profile read from
../shared at test time (never copied into the repository).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from profile_insights.agent import api
from profile_insights.agent.api import NeedsInput
from profile_insights.agent.demo import DEMO_REPOSITORY, create_demo_repo, demo_recording_dir
from profile_insights.agent.pyroscope.recording import RecordingStore
from profile_insights.agent.report.models import Report
from profile_insights.graph.builder import CompiledGraph, build_graph
from profile_insights.graph.context import Context

RECORDED_AT = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
CPU = "process_cpu:cpu:nanoseconds:cpu:nanoseconds"
ALLOC = "memory:alloc_space:bytes:space:bytes"


@dataclass
class Entry:
    """One profile of a recording: labels, type, bytes and how long ago it was taken."""

    service: str
    profile_type: str
    data: bytes
    ago: timedelta
    length: timedelta = timedelta(minutes=50)
    repository: str | None = DEMO_REPOSITORY
    sample_type: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    """More labels of the series (pod, endpoint, region...)."""


def write_recording(directory: Path, entries: list[Entry], now: datetime = RECORDED_AT) -> Path:
    """Write a recording whose profiles end ``ago`` before ``now``."""
    store = RecordingStore(directory)
    for entry in entries:
        labels = {"service_name": entry.service, **entry.labels}
        if entry.repository:
            labels["service_repository"] = entry.repository
        end = now - entry.ago
        store.add_profile(
            labels,
            entry.profile_type,
            entry.data,
            end - entry.length,
            end,
            sample_type=entry.sample_type,
            recorded_at=now,
        )
    return directory


@pytest.fixture(scope="session")
def demo_checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the demo service's checkout (origin = the recording's service_repository)."""
    repo = tmp_path_factory.mktemp("demo") / "checkout"
    create_demo_repo(repo)
    return repo


@pytest.fixture(scope="session")
def demo_cpu() -> bytes:
    """Return the demo service's real CPU profile (bundled with the package)."""
    return (demo_recording_dir() / "profiles" / "checkout-cpu-0.pb.gz").read_bytes()


@pytest.fixture(scope="session")
def go_heap(shared_dir: Path) -> bytes:
    """Return a real Go heap profile with alloc and inuse sample types (read from ../shared)."""
    return (shared_dir / "profiles" / "pyroscope_heap_go_4types.pb.gz").read_bytes()


@pytest.fixture
def graph() -> CompiledGraph:
    """Return a graph compiled with a fresh in-memory checkpointer."""
    return build_graph(checkpointer=InMemorySaver())


Ask = Callable[..., "Report | NeedsInput"]


@dataclass
class Harness:
    """A recording, a checkout and a checkpointer, and helpers to ask and resume."""

    recording: Path
    repo: Path
    cache: Path
    saver: InMemorySaver

    def context(self, **options: Any) -> Context:
        return api.make_context(
            repo=self.repo, recording=self.recording, cache_dir=self.cache, **options
        )

    def ask(self, question: str, **options: Any) -> Report | NeedsInput:
        context_options = {
            key: options.pop(key) for key in ("model", "output_format") if key in options
        }
        return api.ask(
            question,
            context=self.context(**context_options),
            checkpointer=self.saver,
            **options,
        )

    def resume(self, thread_id: str, answer: Any, **options: Any) -> Report | NeedsInput:
        return api.resume(
            thread_id, answer, context=self.context(**options), checkpointer=self.saver
        )


@pytest.fixture
def harness_for(tmp_path: Path, demo_checkout: Path) -> Iterator[Callable[[list[Entry]], Harness]]:
    """Return a factory: entries -> a harness over a fresh recording of them."""

    def make(entries: list[Entry]) -> Harness:
        recording = write_recording(tmp_path / "recording", entries)
        return Harness(
            recording=recording, repo=demo_checkout, cache=tmp_path / "cache", saver=InMemorySaver()
        )

    yield make
