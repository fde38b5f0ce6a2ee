"""Compare two profiles of one service: what grew beyond the change of load, and the verdict.

Two windows differ in length and traffic, so raw values cannot be compared. The *load factor*
is how much the service's ordinary work changed: the weighted median, over the functions that
cost something in both profiles (not the runtime's allocator, GC or scheduler, which every change
moves), of current / baseline exclusive cost. Traffic that grew 2.5 times gives a
factor of 2.5 and, with the same code, every function grows with it: no regression. A per-call
regex compile added to one function leaves the others' factor near 1 and makes that function
(and the total) grow beyond it.

What grew is judged on what each function of the checkout *owns* (each sample charged to the
innermost checkout frame on its stack, :mod:`~profile_insights.agent.profiles.ownership`), so
a caller does not grow because its callee did; samples without checkout code are charged to
their leaf function. Growth is ``current - baseline * factor``, as a % of the current total.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from profile_insights.agent.code.frame_names import parse_frame

Verdict = Literal["regressed", "improved", "unchanged"]
LoadChange = Literal["increased", "decreased", "unchanged"]

#: Growth of the total beyond the load factor that makes a verdict (% of the baseline).
THRESHOLD_PCT = 10.0
#: Growth of one function of the checkout beyond the load that makes a verdict (points).
FUNCTION_THRESHOLD_PCT = 5.0
#: ... when it is also this many standard deviations of sampling noise (Poisson).
SIGNIFICANT_Z = 3.0
#: A load factor this far from 1 is reported as a change of load (traffic, window length).
LOAD_CHANGE = 1.3
#: Functions needed to estimate the load factor; fewer fall back to another signal.
MIN_STEADY = 3
#: Share of its own profile's total a function needs to count in the load factor.
MIN_STEADY_SHARE = 0.01
#: The most one function weighs in the load factor (share of the baseline total).
MAX_WEIGHT = 0.2


class Owned(BaseModel):
    """What one function (or line) costs exclusively in one profile: its owned value."""

    function: str
    file: str
    line: int = 0
    value: float
    in_repo: bool
    samples: float = Field(default=0.0, description="How many samples the value rests on.")


class Change(BaseModel):
    """One function's exclusive cost in both profiles and its growth beyond the load."""

    function: str
    name: str = Field(default="", description="The readable name (see ``Frame.display``).")
    file: str
    line: int | None = Field(default=None, description="Its line that grew most, when known.")
    in_repo: bool
    baseline_pct: float = Field(description="% of the baseline total it owned.")
    current_pct: float = Field(description="% of the current total it owns.")
    delta_pct: float = Field(description="current - baseline * load factor, % of current total.")
    z: float = Field(
        default=0.0,
        description="How many standard deviations of sampling noise the change is (Poisson).",
    )

    @model_validator(mode="after")
    def _named(self) -> Change:
        """Give the change its frame's readable name (``derive`` for ``./src/p.js:derive:4``)."""
        if not self.name:
            self.name = parse_frame(self.function, self.file or None).display
        return self


class LineChange(BaseModel):
    """One line of a grown function, matched to its line at the baseline ref when it can be."""

    line: int
    baseline_line: int | None
    baseline_pct: float
    current_pct: float
    delta_pct: float


def load_factor(
    baseline: list[Owned],
    current: list[Owned],
    baseline_total: float,
    current_total: float,
    steady: Callable[[str, str], bool],
) -> float | None:
    """Return the weighted median of current/baseline exclusive cost over steady functions.

    A function counts when it holds at least :data:`MIN_STEADY_SHARE` of each profile's total
    and ``steady(function, file)`` says its work follows the load. Each counts by its share
    of the baseline (a large function's ratio is measured on more samples, so is less noisy),
    capped at :data:`MAX_WEIGHT`: one function that changed, however large it was before,
    cannot decide the load alone.

    Returns:
        The factor, or None with fewer than :data:`MIN_STEADY` such functions.
    """
    before, after = _by_function(baseline), _by_function(current)
    pairs = sorted(
        (after[key].value / item.value, min(item.value / baseline_total, MAX_WEIGHT))
        for key, item in before.items()
        if key in after
        and steady(*key)
        and item.value >= MIN_STEADY_SHARE * baseline_total
        and after[key].value >= MIN_STEADY_SHARE * current_total
    )
    if len(pairs) < MIN_STEADY:
        return None
    half, seen = sum(weight for _, weight in pairs) / 2, 0.0
    for ratio, weight in pairs:
        seen += weight
        if seen >= half:
            return ratio
    return pairs[-1][0]  # pragma: no cover - the loop always reaches half


def verdict_of(
    baseline_total: float,
    current_total: float,
    factor: float,
    found: list[Change] | None = None,
    threshold: float = THRESHOLD_PCT,
) -> tuple[Verdict, float]:
    """Return the verdict and the growth of the total beyond the load (% of the expected).

    The total decides when it moved beyond ``threshold``. Within it, one function of the
    checkout that moved :data:`FUNCTION_THRESHOLD_PCT` points beyond the load still decides:
    a regression of one call path can hide in the noise of the total (a 23% slower service
    whose payment call went from 1% to 15% of the time).
    """
    expected = baseline_total * factor
    growth = (current_total / expected - 1.0) * 100.0 if expected > 0 else 0.0
    if growth >= threshold:
        return "regressed", growth
    if growth <= -threshold:
        return "improved", growth
    significant = [
        change
        for change in found or []
        if change.in_repo
        and abs(change.z) >= SIGNIFICANT_Z
        and abs(change.delta_pct) >= FUNCTION_THRESHOLD_PCT
    ]
    if significant:
        largest = max(significant, key=lambda change: abs(change.z))
        return ("regressed" if largest.delta_pct > 0 else "improved"), growth
    return "unchanged", growth


def load_change_of(factor: float) -> LoadChange:
    """Return whether the load itself went up, down or stayed (within :data:`LOAD_CHANGE`)."""
    if factor >= LOAD_CHANGE:
        return "increased"
    if factor <= 1.0 / LOAD_CHANGE:
        return "decreased"
    return "unchanged"


def changes(
    baseline: list[Owned],
    current: list[Owned],
    baseline_total: float,
    current_total: float,
    factor: float,
) -> list[Change]:
    """Return every function's exclusive cost in both profiles, largest growth first."""
    before, after = _by_function(baseline), _by_function(current)
    found = []
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        old_value = old.value if old else 0.0
        new_value = new.value if new else 0.0
        either = new or old
        found.append(
            Change(
                function=key[0],
                file=key[1],
                in_repo=either.in_repo if either is not None else False,
                baseline_pct=_pct(old_value, baseline_total),
                current_pct=_pct(new_value, current_total),
                delta_pct=_pct(new_value - old_value * factor, current_total),
                z=_z(old.samples if old else 0.0, new.samples if new else 0.0, factor),
            )
        )
    found.sort(key=lambda change: (-change.delta_pct, change.function))
    return found


def line_changes(
    function: str,
    baseline: list[Owned],
    current: list[Owned],
    baseline_total: float,
    current_total: float,
    factor: float,
    baseline_line_of: Callable[[int], int | None],
) -> list[LineChange]:
    """Return the function's lines at the current ref, largest change (either way) first.

    ``baseline_line_of`` maps a current line to the same line at the baseline ref (through
    the diff between the refs), None for a line the change added.
    """
    old = {item.line: item.value for item in baseline if item.function == function}
    found = []
    for item in current:
        if item.function != function:
            continue
        matched = baseline_line_of(item.line)
        old_value = old.get(matched, 0.0) if matched is not None else 0.0
        found.append(
            LineChange(
                line=item.line,
                baseline_line=matched,
                baseline_pct=_pct(old_value, baseline_total),
                current_pct=_pct(item.value, current_total),
                delta_pct=_pct(item.value - old_value * factor, current_total),
            )
        )
    found.sort(key=lambda change: (-abs(change.delta_pct), change.line))
    return found


def _by_function(items: list[Owned]) -> dict[tuple[str, str], Owned]:
    """Return the items summed per (function, file): a function's lines add up."""
    summed: dict[tuple[str, str], Owned] = {}
    for item in items:
        key = (item.function, item.file)
        previous = summed.get(key)
        summed[key] = (
            item.model_copy(update={"line": 0})
            if previous is None
            else previous.model_copy(
                update={
                    "value": previous.value + item.value,
                    "samples": previous.samples + item.samples,
                }
            )
        )
    return summed


def _z(baseline: float, current: float, factor: float) -> float:
    """Return the change of a sample count beyond the load, in Poisson standard deviations."""
    variance = current + factor * factor * baseline
    return round((current - factor * baseline) / variance**0.5, 2) if variance > 0 else 0.0


def _pct(value: float, total: float) -> float:
    return round(100.0 * value / total, 2) if total else 0.0


class Side(BaseModel):
    """One side of a comparison: its window, the refs it ran, its total and samples."""

    model_config = {"populate_by_name": True}

    from_: str = Field(alias="from")
    to: str
    git_refs: list[str] = Field(default_factory=list)
    total: float
    total_text: str = ""
    samples: int


class GrownFunction(BaseModel):
    """A function of the checkout that grew (or, when the verdict is improved, shrank)."""

    change: Change
    shrank: bool = False
    lines: list[LineChange] = Field(default_factory=list)
    hunks: list[str] = Field(default_factory=list)
    """The diff hunks between the refs that touch the function (unified diff text)."""


class CommitView(BaseModel):
    """A commit between the two refs that touched a grown function's file."""

    hash: str
    subject: str
    files: list[str]


class Comparison(BaseModel):
    """What changed between a baseline and the current profile, and what it means."""

    model_config = {"populate_by_name": True}

    verdict: Verdict | None = Field(description="None when the baseline had no data.")
    threshold_pct: float = THRESHOLD_PCT
    baseline: Side
    current: Side
    unit: str = ""
    normalised_by: str = Field(
        description="How the load factor was measured: typical_function, cpu_profile, per_second."
    )
    load_factor: float
    load_change: LoadChange
    growth_pct: float = Field(description="Growth of the total beyond the load, % of expected.")
    changes: list[Change] = Field(default_factory=list)
    grown: list[GrownFunction] = Field(default_factory=list)
    commits: list[CommitView] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    """What the comparison can and cannot tell, and what was missing (a ref not checked out)."""
    commands: list[str] = Field(
        default_factory=list, description="profilecli and pprof commands for the baseline side."
    )

    def largest(self, count: int) -> list[Change]:
        """Return the ``count`` changes that moved most, either way (for a table)."""
        return sorted(self.changes, key=lambda change: -abs(change.delta_pct))[:count]
