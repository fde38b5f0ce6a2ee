"""Every knowledge entry is exercised by a frame as a profiler prints it, and near misses stay out.

The frames live in ``knowledge_stacks/<language>.yaml``: a function and file as they appear in
profiles of that language's SDK (Go's import paths, py-spy's bare functions with their files,
Node's ``./src/x.js:fn:12``, async-profiler's slashed Java classes, .NET's ``Namespace!Type``,
rbspy's ``file.rb:-1 - method``), each with the entry it must match, or ``null`` for a frame of
user code with a similar name that must not match anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from profile_insights.agent.analysis.knowledge import load_knowledge, lookup

STACKS = Path(__file__).parent / "knowledge_stacks"


def _frames() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in sorted(STACKS.glob("*.yaml")):
        for frame in yaml.safe_load(path.read_text(encoding="utf-8")):
            found.append((path.stem, frame))
    return found


FRAMES = _frames()


@pytest.mark.parametrize(
    ("language", "frame"),
    FRAMES,
    ids=[f"{language}:{frame['function']}" for language, frame in FRAMES],
)
def test_a_frame_as_its_profiler_prints_it_finds_its_entry(
    language: str, frame: dict[str, Any]
) -> None:
    entry = lookup(frame["function"], frame.get("file"))
    assert (entry.id if entry else None) == frame["expect"], (language, frame)


def test_every_entry_is_exercised_by_at_least_one_frame() -> None:
    exercised = {frame["expect"] for _, frame in FRAMES if frame["expect"]}
    missing = [entry.id for entry in load_knowledge().entries if entry.id not in exercised]
    assert not missing


@pytest.mark.parametrize(
    ("language", "minimum"),
    [("go", 60), ("python", 60), ("nodejs", 60), ("java", 25), ("dotnet", 25), ("ruby", 25)],
)
def test_each_language_has_a_broad_base(language: str, minimum: int) -> None:
    entries = [e for e in load_knowledge().entries if e.language == language]
    assert len(entries) >= minimum


def test_titles_speak_of_allocation_only_for_memory_kinds() -> None:
    memory = {"allocation_pressure", "retained_memory", "gc_pressure"}
    wrong = [
        entry.id
        for entry in load_knowledge().entries
        if entry.kind not in memory and "alloc" in entry.title.lower()
    ]
    assert not wrong
