"""Findings: what the analysts conclude, each tied to evidence from the table and the code."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from profile_insights.agent.code.models import SourceMatch
from profile_insights.agent.profiles.table import TopRow

ProblemKind = Literal[
    "cpu_hotspot",
    "allocation_pressure",
    "retained_memory",
    "lock_contention",
    "channel_blocking",
    "goroutine_leak",
    "gc_pressure",
    "compression",
    "serialization",
    "io_wait",
    "other",
]


class Evidence(BaseModel):
    """A row of the top table that a finding cites."""

    function: str
    file: str | None = None
    line: int | None = None
    flat_pct: float = 0.0
    cum_pct: float = 0.0


class Finding(BaseModel):
    """One conclusion about the profile, with its evidence and a suggested change."""

    title: str
    kind: ProblemKind
    explanation: str
    recommendation: str
    evidence: list[Evidence] = Field(min_length=1)
    code_refs: list[str] = Field(
        default_factory=list, description="file:line places (repo-relative) the claim is about."
    )
    estimated_saving_pct: float | None = Field(
        default=None, description="Share of the total the change could save; capped by cum%."
    )
    source: Literal["deterministic", "model"] = "deterministic"


def evidence_of(row: TopRow, match: SourceMatch | None = None) -> Evidence:
    """Return the evidence entry for a row (repo-relative file when it is in the repo)."""
    file = match.repo_path if match is not None and match.repo_path else row.file
    return Evidence(
        function=row.function or row.name,
        file=file,
        line=row.line,
        flat_pct=row.flat_pct,
        cum_pct=row.cum_pct,
    )
