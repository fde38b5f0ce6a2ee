"""Names a file binds to hashed containers are known, so lookups in them are not scans."""

from __future__ import annotations

from pathlib import Path

from profile_insights.agent.code.containers import hashed_names


def test_sets_dicts_and_maps_are_hashed_and_lists_are_not(tmp_path: Path) -> None:
    path = tmp_path / "mixed.py"
    path.write_text(
        "self.closed = frozenset(CLOSED)\nseen = set()\nself.by_id: dict[str, int] = {}\n"
        'VALID = {"a", "b"}\nids = [1, 2]\nflags = list(x)\n'
    )
    stat = path.stat()
    names = hashed_names(str(path), stat.st_size, stat.st_mtime_ns)
    assert names == frozenset({"closed", "seen", "by_id", "VALID"})


def test_javascript_and_go_maps_are_hashed(tmp_path: Path) -> None:
    path = tmp_path / "mixed.js"
    path.write_text("const seen = new Set();\nthis.byCode = new Map();\nconst rows = [];\n")
    stat = path.stat()
    assert hashed_names(str(path), stat.st_size, stat.st_mtime_ns) == {"seen", "byCode"}
