"""Findings: what the analysts conclude, each tied to evidence from the table and the code."""

from __future__ import annotations

import re
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


Origin = Literal["repo", "stdlib", "dependency", "runtime", "native", "profiler", "unknown"]
"""Where a cited frame's file lives: only ``repo`` files are files of the checkout."""

_ORIGIN_WORDS: dict[Origin, str] = {
    "repo": "this checkout",
    "stdlib": "standard library",
    "dependency": "dependency",
    "runtime": "language runtime",
    "native": "native code",
    "profiler": "the profiler itself",
    "unknown": "origin unknown",
}

_ORIGIN_OF_KIND: dict[str, Origin] = {
    "in_repo": "repo",
    "stdlib": "stdlib",
    "third_party": "dependency",
    "runtime": "runtime",
    "native": "native",
    "profiler": "profiler",
}


class Evidence(BaseModel):
    """A row of the top table that a finding cites, and where its file lives."""

    function: str
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


_MODULE_VERSION = re.compile(r"(?P<module>[\w.\-/]+?)@(?P<version>v?[\w.\-+]+)/")
_PACKAGE_DIRS = re.compile(
    r"(?:site-packages|dist-packages|node_modules|gems)/(?P<module>@?[\w.\-]+(?:/[\w.\-]+)?)"
)


def dependency_module(file: str | None) -> str | None:
    """Return ``module@version`` (or the package) a dependency's file belongs to, if it says."""
    if not file:
        return None
    found = _MODULE_VERSION.search(file)
    if found:
        return f"{found['module']}@{found['version']}"
    package = _PACKAGE_DIRS.search(file)
    return package["module"] if package else None


def evidence_of(row: TopRow, match: SourceMatch | None = None) -> Evidence:
    """Return the evidence entry for a row (repo-relative file when it is in the repo)."""
    in_repo = match is not None and match.kind == "in_repo" and bool(match.repo_path)
    file = match.repo_path if in_repo and match is not None else row.file
    origin = _ORIGIN_OF_KIND.get(match.kind, "unknown") if match is not None else "unknown"
    return Evidence(
        function=row.function or row.name,
        file=file,
        line=row.line,
        flat_pct=row.flat_pct,
        cum_pct=row.cum_pct,
        in_repo=in_repo,
        origin=origin,
        module=dependency_module(row.file) if origin == "dependency" else None,
    )
