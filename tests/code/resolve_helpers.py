"""Building small checkouts and rows for the source-mapping tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from profile_insights.agent.code.models import SourceMatch
from profile_insights.agent.profiles.pprof_text import parse_top_text
from profile_insights.agent.profiles.table import TopRow, TopTable


def write(root: Path, rel: str, lines: int = 200, at: dict[int, str] | None = None) -> None:
    """Create a source file with numbered filler lines and some chosen lines."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    chosen = at or {}
    path.write_text("".join(f"{chosen.get(i, f'// line {i}')}\n" for i in range(1, lines + 1)))


def table(shared: Path, name: str) -> TopTable:
    return parse_top_text(
        (shared / "profiles" / name).read_text(), lines="-lines" in name or "cum-lines" in name
    )


def by_function(matches: Sequence[SourceMatch], function: str) -> SourceMatch:
    return next(m for m in matches if m.function == function)


def make_row(function: str, file: str | None = None, line: int | None = None) -> TopRow:
    return TopRow(
        rank=1,
        name=function,
        function=function,
        file=file,
        line=line,
        flat=0,
        flat_pct=0,
        sum_pct=0,
        cum=1,
        cum_pct=1,
    )
