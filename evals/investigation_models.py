"""The ground truth of comparative cases: regressions, breakdowns, follow-ups, trends.

These blocks of ``expected.json`` (docs/evals.md) say what a comparative question must come
out as: the verdict and the function that grew, the label value that carries the cost, the
profile type a finding is followed into, the direction of a trend, the baseline question.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ExpectedSide(BaseModel):
    """One side of a comparison: the ref it ran and the window of its data."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    git_ref: str | None = None
    from_: str = Field(alias="from")
    to: str


class ExpectedFunction(BaseModel):
    """A function of the checkout the report must name, with where it is."""

    model_config = ConfigDict(extra="forbid")

    function: str
    file: str
    line_range: tuple[int, int]


class ExpectedGrower(ExpectedFunction):
    """The function that grew most, and the lines of it that grew."""

    grown_lines: list[int] = Field(default_factory=list)


class ExpectedCommit(BaseModel):
    """The commit that planted the change."""

    model_config = ConfigDict(extra="forbid")

    hash: str
    subject: str


class ExpectedComparison(BaseModel):
    """What a comparison must find."""

    model_config = ConfigDict(extra="forbid")

    verdict: Literal["regressed", "improved", "unchanged"]
    baseline: ExpectedSide
    current: ExpectedSide
    top_grower: ExpectedGrower | None = None
    commit: ExpectedCommit | None = None
    unrelated_commits: list[str] = Field(
        default_factory=list, description="Commits between the refs that must not be listed."
    )
    keyword_groups: list[list[str]] = Field(default_factory=list)
    load_change: Literal["increased", "decreased", "unchanged"] | None = None


class ExpectedValue(BaseModel):
    """One label value of a breakdown and its share of the total."""

    model_config = ConfigDict(extra="forbid")

    value: str
    share_pct: float


class ExpectedBreakdown(BaseModel):
    """What a breakdown must find: the label, the values' shares and the top one's code."""

    model_config = ConfigDict(extra="forbid")

    label: str
    values: list[ExpectedValue]
    top_value: str
    top_function: ExpectedFunction


class ExpectedFollowUp(ExpectedFunction):
    """The profile type a finding must be followed into, and the site it must name there."""

    from_type: str
    profile_type: str


class ExpectedBaselineQuestion(BaseModel):
    """The baseline question the graph must ask, and the answer the case gives."""

    model_config = ConfigDict(extra="forbid")

    options: list[str]
    answer: str


class ExpectedTrend(BaseModel):
    """The direction a trend question must come out with."""

    model_config = ConfigDict(extra="forbid")

    direction: Literal["up", "down", "flat"]


class ExpectedServer(BaseModel):
    """How the case is served: over the replay server, with or without ``Diff``."""

    model_config = ConfigDict(extra="forbid")

    diff: bool = True
