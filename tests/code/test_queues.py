"""Array queues read by advancing an index keep their taken items unless a slot is cleared."""

from __future__ import annotations

from pathlib import Path

import pytest

from profile_insights.agent.code.queues import advanced_queues

QUEUE = (
    "class Fifo {\n  constructor() { this.items = []; this.head = 0; }\n"
    "  push(item) { this.items.push(item); }\n"
    "  shift() { const item = this.items[this.head]; this.head += 1;%s return item; }\n}\n"
)


def _queues(tmp_path: Path, source: str, name: str = "fifo.js") -> frozenset[str]:
    path = tmp_path / name
    path.write_text(source)
    stat = path.stat()
    return advanced_queues(str(path), stat.st_size, stat.st_mtime_ns)


def test_a_read_index_advanced_without_clearing_keeps_the_items(tmp_path: Path) -> None:
    assert _queues(tmp_path, QUEUE % "") == frozenset({"items"})


@pytest.mark.parametrize(
    "release",
    [
        " this.items[this.head - 1] = undefined;",
        " if (this.head > 1024) { this.items = this.items.slice(this.head); this.head = 0; }",
        " this.items.splice(0, 1);",
    ],
)
def test_a_cleared_slot_or_a_compacted_front_releases_them(tmp_path: Path, release: str) -> None:
    assert _queues(tmp_path, QUEUE % release) == frozenset()


def test_python_queues_are_read_too(tmp_path: Path) -> None:
    source = (
        "class Queue:\n    def __init__(self):\n        self.items = []\n        self.head = 0\n"
        "    def take(self):\n        item = self.items[self.head]\n        self.head += 1\n"
        "        return item\n"
    )
    assert _queues(tmp_path, source, "queue.py") == frozenset({"items"})
