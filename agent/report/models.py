"""The report as data: what every renderer (Markdown, JSON, HTML) and every caller reads.

``--format json`` prints :class:`Report` as is, so its field names are a public contract.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from profile_insights.agent.analysis.breakdown import Breakdown
from profile_insights.agent.analysis.comparison import Comparison
from profile_insights.agent.analysis.follow_ups import FollowUp
from profile_insights.agent.analysis.models import Evidence
from profile_insights.agent.analysis.trend import Trend

Outcome = Literal["report", "never_sent", "no_recent_data", "empty_window", "missing_type"]
"""How a run ended: a report, or why there is no profile to analyse."""


class AttemptView(BaseModel):
    """One merge attempt of the widening history."""

    model_config = {"populate_by_name": True}

    label: str
    from_: str = Field(alias="from", serialization_alias="from")
    to: str
    empty: bool
    data_from: str | None = Field(
        default=None, description="Where the samples start, when outside the window asked."
    )
    data_to: str | None = Field(default=None, description="Where they end, in that case.")


class TimeRangeView(BaseModel):
    """The window the data comes from, and every window tried before it."""

    model_config = {"populate_by_name": True}

    from_: str | None = Field(default=None, alias="from", serialization_alias="from")
    to: str | None = None
    asked: str | None = Field(
        default=None,
        description="The window asked, when the data reaches outside it (a recording keeps "
        "whole profiles, so their samples cannot be cut to the window): from/to are then the "
        "data's own time.",
    )
    attempts: list[AttemptView] = Field(default_factory=list)


class GitView(BaseModel):
    """The profiled git refs against the checkout's HEAD."""

    profile_refs: list[str] = Field(default_factory=list)
    head: str | None = None
    status: str = "no_ref"
    message: str = ""
    changed_files: dict[str, list[str]] = Field(default_factory=dict)


class HotFunction(BaseModel):
    """A row of the top table as the report shows it."""

    rank: int = Field(
        description="Position in the report: the checkout's lines that do the work first."
    )
    pprof_rank: int = Field(default=0, description="The row's rank in pprof's -lines -top -cum.")
    function: str = Field(description="The function as pprof prints it.")
    name: str = Field(
        default="",
        description="The readable name: ``derive`` for Node's ``./src/p.js:derive:12``, "
        "``find_nearest_vehicle`` for ``lib/u.py:-1 - find_nearest_vehicle``.",
    )
    file: str | None = Field(description="Repo-relative when in the repo, else as profiled.")
    line: int | None = None
    in_repo: bool = False
    kind: str = "unknown"
    flat: float
    flat_pct: float
    cum: float
    cum_pct: float
    own_pct: float | None = Field(
        default=None,
        description="% of the total whose innermost line of the checkout this is (in-repo rows).",
    )
    flat_text: str = ""
    cum_text: str = ""
    what: str = Field(default="", description="One line on what the function does.")


class CodeSnippet(BaseModel):
    """Lines of the checkout a finding is about."""

    path: str
    start_line: int
    focus_line: int
    text: str

    @property
    def end_line(self) -> int:
        """Return the number of the last line shown."""
        return self.start_line + len(self.text.splitlines()) - 1


class FindingView(BaseModel):
    """A verified finding, with its evidence and the code it is about."""

    title: str
    kind: str
    explanation: str
    recommendation: str
    evidence: list[Evidence]
    code_refs: list[str] = Field(default_factory=list)
    snippets: list[CodeSnippet] = Field(default_factory=list)
    estimated_saving_pct: float | None = None
    source: str = "deterministic"


class LLMView(BaseModel):
    """Chat-model use for this report."""

    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    model: str | None = None


class DataUsed(BaseModel):
    """Where the numbers come from, so the report can be checked and reproduced."""

    source: str = ""
    service_reason: str = ""
    profile_type_reason: str = ""
    total: float = 0.0
    total_text: str = ""
    sample_type: str = ""
    sample_unit: str = ""
    sample_count: int = 0
    table_coverage_pct: float = Field(
        default=0.0,
        description="pprof's 'Showing nodes accounting for': the self time of its table's rows "
        "as a percentage of the total.",
    )
    dropped_nodes: int = 0
    dropped_cutoff_text: str = Field(
        default="", description="The cum bound below which pprof dropped nodes, e.g. 0.05s."
    )
    commands: list[str] = Field(default_factory=list)
    profile_path: str | None = Field(
        default=None, description="The cached merged profile (the HTML flame graph reads it)."
    )


class Report(BaseModel):
    """Everything the final report says, as data."""

    model_config = {"populate_by_name": True}

    status: Literal["report"] = "report"
    outcome: Outcome = "report"
    question: str
    services: list[str] = Field(default_factory=list)
    profile_type: str | None = None
    time_range: TimeRangeView = Field(default_factory=TimeRangeView)
    git: GitView = Field(default_factory=GitView)
    hot_functions: list[HotFunction] = Field(default_factory=list)
    findings: list[FindingView] = Field(default_factory=list)
    summary: str = ""
    notes: list[str] = Field(default_factory=list, description="What to check next, caveats.")
    data: DataUsed = Field(default_factory=DataUsed)
    llm: LLMView = Field(default_factory=LLMView)
    dropped_claims: int = 0
    investigation: str = Field(
        default="single",
        description="single, comparison, breakdown, trend, or follow_up (a single window whose "
        "findings were followed into another profile type).",
    )
    comparison: Comparison | None = Field(
        default=None, description='A comparison\'s "What changed": verdict, growth, commits.'
    )
    breakdown: Breakdown | None = Field(
        default=None, description="A breakdown by a label: each value's share and top functions."
    )
    trend: Trend | None = Field(
        default=None, description="A trend question's totals over time and their direction."
    )
    follow_ups: list[FollowUp] = Field(
        default_factory=list,
        description="The profile types the findings were followed into, why, and what each found.",
    )

    rendered: str = Field(default="", exclude=True)
    """The text the graph rendered for this report (never part of the JSON form)."""
    rendered_format: str | None = Field(default=None, exclude=True)
    """The format of ``rendered``: markdown, json or html (None: not rendered)."""

    def to_json_dict(self) -> dict[str, object]:
        """Return the JSON form (``from`` spelled as in the documented contract)."""
        return self.model_dump(mode="json", by_alias=True)
