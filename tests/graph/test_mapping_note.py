"""A --repo that holds other clones instead of being the checkout: the report says so."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from langgraph.checkpoint.memory import InMemorySaver

from profile_insights.agent.report.models import Report
from tests.graph.conftest import CPU, Entry, Harness, write_recording


def test_a_repo_that_only_contains_the_checkout_is_reported_with_what_to_do(
    tmp_path: Path, demo_checkout: Path, demo_cpu: bytes
) -> None:
    recording = write_recording(
        tmp_path / "recording", [Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))]
    )
    # The user pointed --repo one level too high (like --repo /tmp): the checkout is a
    # nested clone there, not this repository.
    harness = Harness(
        recording=recording,
        repo=demo_checkout.parent,
        cache=tmp_path / "cache",
        saver=InMemorySaver(),
    )

    report = harness.ask("Why is checkout slow?")

    assert isinstance(report, Report)
    assert not any(row.in_repo for row in report.hot_functions)
    note = next(note for note in report.notes if note.startswith("Source mapping:"))
    assert f"({demo_checkout.name})" in note and "nested git checkout" in note


def test_the_right_checkout_has_no_mapping_note(harness_for, demo_cpu: bytes) -> None:
    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))])

    report = harness.ask("Why is checkout slow?")

    assert isinstance(report, Report)
    assert not any(note.startswith("Source mapping:") for note in report.notes)
