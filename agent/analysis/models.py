"""Findings: what the analysts conclude, each tied to evidence from the table and the code."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, model_validator

from profile_insights.agent.code.frame_names import frame_of, parse_frame
from profile_insights.agent.code.models import ORIGIN_OF_KIND, Origin, SourceMatch
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


__all__ = ["Evidence", "Finding", "Origin", "ProblemKind", "evidence_of"]

_ORIGIN_WORDS: dict[Origin, str] = {
    "repo": "this checkout",
    "stdlib": "standard library",
    "dependency": "dependency",
    "runtime": "language runtime",
    "native": "native code",
    "profiler": "the profiler itself",
    "unknown": "origin unknown",
}


class Evidence(BaseModel):
    """A row of the top table that a finding cites, and where its file lives."""

    function: str = Field(description="The function as pprof prints it (matches the table).")
    name: str = Field(
        default="",
        description="The readable name (``derive`` for Node's ``./src/p.js:derive:12``).",
    )
    file: str | None = None
    line: int | None = None
    flat_pct: float = 0.0
    cum_pct: float = 0.0
    in_repo: bool = Field(
        default=False,
        description="True only for a file of the checkout (the verifier checks the line exists).",
    )
    origin: Origin = "unknown"
    module: str | None = Field(
        default=None, description="For a dependency: its module and version, when the path says."
    )

    def origin_words(self) -> str:
        """Return where the cited file lives, in words ("" for a file of the checkout)."""
        if self.in_repo:
            return ""
        if self.origin == "repo":
            return "line not found in this checkout"
        if self.origin == "dependency" and self.module:
            return f"dependency {self.module}, not in this checkout"
        return f"{_ORIGIN_WORDS[self.origin]}, not in this checkout"

    @model_validator(mode="after")
    def _named(self) -> Evidence:
        """Give evidence written without a readable name (a model's) the frame's own."""
        if not self.name:
            self.name = parse_frame(self.function, self.file).display
        return self


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
    weight_pct: float | None = Field(
        default=None,
        description="% of the total the code this finding is about accounts for: what ends in "
        "it, or what runs through the line of the construct it names (orders findings).",
    )
    what: str = Field(default="", description="One clause on what the code does there.")
    source: Literal["deterministic", "model"] = "deterministic"


def evidence_of(row: TopRow, match: SourceMatch | None = None) -> Evidence:
    """Return the evidence entry for a row (repo-relative file when it is in the repo)."""
    in_repo = match is not None and match.kind == "in_repo" and bool(match.repo_path)
    file = match.repo_path if in_repo and match is not None else row.file
    frame = frame_of(row)
    origin: Origin = ORIGIN_OF_KIND[match.kind] if match is not None else frame.origin
    module = match.module if match is not None else frame.module
    return Evidence(
        function=row.function or row.name,
        name=match.name if match is not None and match.name else frame.display,
        file=file,
        line=row.line,
        flat_pct=row.flat_pct,
        cum_pct=row.cum_pct,
        in_repo=in_repo,
        origin=origin,
        module=module if origin == "dependency" else None,
    )
