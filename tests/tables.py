"""Top-table rows and tables built by hand, for tests of what is computed from them."""

from __future__ import annotations

from profile_insights.agent.profiles.table import TopRow, TopTable


def top_row(rank: int, function: str, file: str, line: int, flat: float, cum: float) -> TopRow:
    """Return a row whose flat and cum are already percentages of a total of 100."""
    return TopRow(
        rank=rank,
        name=function,
        function=function,
        file=file,
        line=line,
        flat=flat,
        flat_pct=flat,
        sum_pct=0,
        cum=cum,
        cum_pct=cum,
    )


def cpu_table(rows: list[TopRow]) -> TopTable:
    """Return a ``-lines -top -cum`` CPU table of these rows, with a total of 100."""
    return TopTable(
        sample_type="cpu",
        sample_unit="nanoseconds",
        total=100,
        shown=100,
        rows=rows,
        lines=True,
        cum_sort=True,
    )
