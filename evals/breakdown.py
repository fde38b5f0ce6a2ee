"""Pass rates per language, per expected problem kind and per split half of an eval run.

A total pass rate hides where the analyst is weak: 30/36 can be every Go case and none in
Ruby. Each case is labelled once from its own definition (never from the report it produced):
its language (``case.json``'s ``language``, a scenario's ``language``, else the language most of
its source files are written in), the problem kind its ground truth expects, and, for a corpus
split into a development and a check half (``split.json`` beside the cases), its half.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from profile_insights.agent.code.syntax import PROFILE_LANGUAGE, grammar_for
from profile_insights.evals.case_models import EvalCase
from profile_insights.evals.scores import CaseResult

#: The label of a case whose ground truth names no problem kind nor a comparison's verdict (a
#: trajectory that ends before a diagnosis, a missing type).
NO_KIND = "none"


#: Source trees larger than this are labelled by their first files only (a guard, not a limit
#: any case comes near).
MAX_LABELLED_FILES = 5000


class CaseLabels(BaseModel):
    """What a case is, for the breakdown: language, expected problem kind, split half."""

    language: str
    problem_kind: str
    split: str | None = None


class GroupRate(BaseModel):
    """The pass rate of the cases sharing one label."""

    group: str
    cases: int
    passed: int
    pass_rate: float


class Breakdown(BaseModel):
    """Pass rates per label, each list sorted by label; ``split`` is empty without a split."""

    language: list[GroupRate] = Field(default_factory=list)
    problem_kind: list[GroupRate] = Field(default_factory=list)
    split: list[GroupRate] = Field(default_factory=list)


def tree_language(source: Path) -> str:
    """Return the language most source files under ``source`` are written in, or "unknown".

    Files are counted by the extensions the source analysis has a grammar for
    (``agent.code.syntax``), so only code the analyst can read decides the label.
    """
    counts: Counter[str] = Counter()
    for index, path in enumerate(sorted(source.rglob("*"))):
        if index >= MAX_LABELLED_FILES:
            break
        if path.is_file() and ".git" not in path.parts:
            grammar = grammar_for(path.name)
            if grammar is not None:
                counts[PROFILE_LANGUAGE[grammar]] += 1
    return counts.most_common(1)[0][0] if counts else "unknown"


def case_labels(case: EvalCase) -> CaseLabels:
    """Return a case's labels from its definition (``case.json``, ``expected.json``, its tree)."""
    language = case.spec.language
    if language is None and case.spec.source is not None:
        source = (case.directory / case.spec.source).resolve()
        language = tree_language(source) if source.is_dir() else None
    comparison = case.expected.comparison
    # A comparison's ground truth is a verdict, not a problem kind: its own group, so "none"
    # stays the trajectories that end before a diagnosis.
    verdict = f"comparison:{comparison.verdict}" if comparison is not None else None
    return CaseLabels(
        language=language or "unknown",
        problem_kind=case.expected.problem_kind or case.kind_label or verdict or NO_KIND,
        split=case.split,
    )


def _rates(pairs: Iterable[tuple[str, bool]]) -> list[GroupRate]:
    cases: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    for group, ok in pairs:
        cases[group] += 1
        passed[group] += ok
    return [
        GroupRate(
            group=group,
            cases=cases[group],
            passed=passed[group],
            pass_rate=round(100.0 * passed[group] / cases[group], 1),
        )
        for group in sorted(cases)
    ]


def breakdown(results: Sequence[CaseResult]) -> Breakdown:
    """Return the pass rates of ``results`` per language, problem kind and split half.

    A result without labels (a case that could not be labelled) counts as "unknown"; only the
    cases with a split half enter the split rates.
    """
    return Breakdown(
        language=_rates((r.language or "unknown", r.passed) for r in results),
        problem_kind=_rates((r.problem_kind or NO_KIND, r.passed) for r in results),
        split=_rates((r.split, r.passed) for r in results if r.split is not None),
    )
