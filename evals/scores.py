"""What a scored case is: each score's name, pass/fail and detail, and the case's whole result."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, Field


class Score(BaseModel):
    """One scored aspect of a case."""

    name: str
    passed: bool
    value: Any = None
    detail: str = ""


class Trace(BaseModel):
    """What a run did besides producing the report."""

    questions: list[str] = Field(default_factory=list, description="Question kinds, in order.")
    options: dict[str, list[str]] = Field(
        default_factory=dict, description="The option values each kind of question offered."
    )
    refused_answers: int = 0
    server_diff: bool | None = Field(
        default=None, description="Whether the replay server served Diff (None: not served)."
    )
    server_hits: dict[str, int] = Field(
        default_factory=dict, description="Requests the replay server answered, per method."
    )
    wall_seconds: float = 0.0
    error: str | None = None


class CaseResult(BaseModel):
    """The scores and measurements of one case."""

    name: str
    passed: bool
    scores: list[Score]
    model_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    wall_seconds: float = 0.0
    error: str | None = None
    language: str | None = Field(default=None, description="The case's language label.")
    problem_kind: str | None = Field(default=None, description="The expected problem kind.")
    split: str | None = Field(default=None, description="dev or check, in a split corpus.")

    def score(self, name: str) -> Score | None:
        """Return the score called ``name``, if the case has it."""
        return next((s for s in self.scores if s.name == name), None)


def report_rows(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return the hot-function rows of a report's JSON form."""
    rows = report.get("hot_functions") or []
    return [row for row in rows if isinstance(row, dict)]
