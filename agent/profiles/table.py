"""The top table: pprof's ``-top`` report as data.

Both ways of building it (the native reader and parsing ``pprof -top`` text) produce these
models, so everything downstream (source mapping, analysis, reports) reads one shape.
Values are in the profile's sample unit (nanoseconds, bytes, counts), not in display units.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

InlineLabel = Literal["", "inline", "partial-inline"]


class TopRow(BaseModel):
    """One row of the report: a function, or a function at one line with ``-lines``."""

    rank: int = Field(description="1-based position in the printed order.")
    name: str = Field(description="The name column exactly as pprof prints it (without label).")
    function: str = Field(description="Function name after pprof's rewriting; may be empty.")
    file: str | None = Field(default=None, description="Source file, with -lines granularity.")
    line: int | None = Field(default=None, description="Line number, with -lines granularity.")
    flat: float = Field(description="Self value, in the sample unit.")
    flat_pct: float = Field(description="flat as a percentage of the report total.")
    sum_pct: float = Field(description="Running sum of flat% in printed order.")
    cum: float = Field(description="Cumulative value (self plus callees), in the sample unit.")
    cum_pct: float = Field(description="cum as a percentage of the report total.")
    inline: InlineLabel = Field(default="", description="pprof's (inline) label, if any.")


class TopTable(BaseModel):
    """pprof's top report: header facts and rows."""

    file_name: str | None = Field(default=None, description="The File: header (main mapping).")
    build_id: str | None = Field(default=None, description="The Build ID: header (main mapping).")
    build_ids: list[str] = Field(
        default_factory=list, description="Build IDs of all mappings, in mapping order, unique."
    )
    comments: list[str] = Field(default_factory=list, description="Comment header lines.")
    sample_type: str = Field(description="Selected sample type, e.g. cpu or alloc_space.")
    sample_unit: str = Field(description="Unit of the selected sample type, e.g. nanoseconds.")
    sample_types: list[str] = Field(
        default_factory=list, description="All sample types in the profile, in order."
    )
    display_unit: str = Field(
        default="",
        description=(
            "Unit the text report prints values in: a pprof unit name (ms, MB, hrs), the sample "
            "unit itself for unknown or count units, or empty when each value is auto-scaled."
        ),
    )
    time_nanos: int | None = Field(default=None, description="Collection time, Unix ns.")
    duration_nanos: int | None = Field(default=None, description="Profile duration, ns.")
    total: float = Field(description="Report total: sum of |value| over all samples.")
    sample_count: int = Field(default=0, description="Samples after merging (zero ones dropped).")
    shown: float = Field(description="Sum of flat over the rows shown.")
    shown_pct: float = Field(default=0, description="shown as a percentage of the total.")
    duration_pct: float | None = Field(
        default=None,
        description="Total as a percentage of the duration (time units only; None: not shown).",
    )
    dropped_nodes: int = Field(default=0, description="Nodes dropped by the node fraction.")
    dropped_cutoff: float = Field(default=0, description="The cum bound of dropped nodes.")
    node_limit_shown: int | None = Field(
        default=None, description="N in 'Showing top N nodes out of M', when a limit applied."
    )
    node_limit_total: int | None = Field(default=None, description="M in that line.")
    lines: bool = Field(default=False, description="Rows are function+file+line (-lines).")
    cum_sort: bool = Field(default=False, description="Rows are sorted by cum (-cum).")
    rows: list[TopRow] = Field(default_factory=list)
