"""Compare a baseline profile with the current one, down to the lines and commits that changed.

:mod:`comparison` holds the arithmetic; this module feeds it two profiles: each function's
exclusive cost (owned by the checkout's innermost frame, else by the leaf), the load factor from
the functions that do work of their own in both, the grown functions' lines matched across the
refs through their diff, the diff hunks that touch them, and the commits between the refs that
touched their files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from profile_insights.agent.analysis.comparison import (
    Change,
    CommitView,
    Comparison,
    GrownFunction,
    Owned,
    Side,
    changes,
    line_changes,
    load_change_of,
    load_factor,
    verdict_of,
)
from profile_insights.agent.code.history import (
    commits_between,
    function_hunks,
    line_mapper,
    resolve_ref,
)
from profile_insights.agent.code.structure import function_facts
from profile_insights.agent.profiles.frames import NodeInfo, PreparedProfile
from profile_insights.agent.profiles.ownership import exclusive_costs
from profile_insights.agent.profiles.top import resolve_sample_index
from profile_insights.agent.profiles.units import scaled_label

#: Grown functions of the checkout explained line by line (the rest are in the table).
MAX_GROWN = 3
#: Growth (% of the current total) a function needs to be explained.
MIN_GROWTH_PCT = 1.0
#: Names of the runtime's own work: allocator, GC, scheduler (never a load signal).
_RUNTIME_WORK = re.compile(
    r"(?i)^(runtime[./]|internal/runtime|gc|:|\()|garbage|malloc|memclr|memmove|scanobject"
)


@dataclass
class ProfileSide:
    """One decoded profile of a comparison and the window and refs it came from."""

    prepared: PreparedProfile
    sample_index: str | None
    start: datetime
    end: datetime
    refs: list[str] = field(default_factory=list)


Locate = Callable[[str, str], tuple[str, str | None]]
"""``(function, file) -> (frame kind, checkout path or None)`` (the source resolver's)."""


def _count_index(side: ProfileSide) -> int | None:
    """Return the sample type that counts samples (``samples``, ``contentions``...), if any."""
    profile = side.prepared.profile
    strings = profile.string_table
    units = [strings[value.unit] for value in profile.sample_type]
    return units.index("count") if "count" in units else None


def _owned(side: ProfileSide, locate: Locate) -> list[Owned]:
    def is_owner(info: NodeInfo) -> bool:
        return locate(info[0], info[1])[1] is not None

    found = exclusive_costs(side.prepared, is_owner=is_owner, sample_index=side.sample_index)
    counted = _count_index(side)
    counts = (
        {
            (info, owned): value
            for info, value, owned in exclusive_costs(
                side.prepared, is_owner=is_owner, sample_index=counted
            )
        }
        if counted is not None
        else {}
    )
    period = float(side.prepared.profile.period or 0)
    items = []
    for info, value, owned in found:
        path = locate(info[0], info[1])[1] if owned else None
        # Without a count column, a value of N periods is about N samples (CPU nanoseconds).
        samples = counts.get((info, owned), value / period if period > 0 else value)
        items.append(
            Owned(
                function=info[0],
                file=path or info[1],
                line=info[3],
                value=value,
                in_repo=owned,
                samples=samples,
            )
        )
    return items


def _steady_of(locate: Locate) -> Callable[[str, str], bool]:
    def steady(function: str, file: str) -> bool:
        kind = locate(function, file)[0]
        return kind not in ("runtime", "native", "profiler") and not _RUNTIME_WORK.search(function)

    return steady


def measured_factor(baseline: ProfileSide, current: ProfileSide, locate: Locate) -> float | None:
    """Return the load factor the two profiles' steady functions show, or None (too few)."""
    before, after = _owned(baseline, locate), _owned(current, locate)
    totals = sum(o.value for o in before), sum(o.value for o in after)
    return load_factor(before, after, *totals, _steady_of(locate))


def _factor(
    sides: tuple[ProfileSide, ProfileSide],
    owned: tuple[list[Owned], list[Owned]],
    locate: Locate,
    cpu_factor: float | None,
) -> tuple[float, str]:
    totals = sum(o.value for o in owned[0]), sum(o.value for o in owned[1])
    factor = load_factor(owned[0], owned[1], *totals, _steady_of(locate))
    if factor is not None:
        return factor, "typical_function"
    if cpu_factor is not None:
        return cpu_factor, "cpu_profile"
    baseline, current = sides
    length = (baseline.end - baseline.start).total_seconds()
    now = (current.end - current.start).total_seconds()
    return (now / length if length > 0 else 1.0), "per_second"


def _same_line(line: int) -> int | None:
    """Match a line to itself: the same ref, or a ref the checkout does not have."""
    return line


def _grown(
    change: Change,
    baseline: list[Owned],
    current: list[Owned],
    totals: tuple[float, float, float],
    repo: Path,
    commits: tuple[str, str] | None,
) -> GrownFunction:
    base_total, current_total, factor = totals
    mapper: Callable[[int], int | None] = _same_line
    hunks: list[str] = []
    if commits is not None:
        mapper = line_mapper(repo, commits[0], commits[1], change.file)
    lines = line_changes(
        change.function,
        [o for o in baseline if o.in_repo],
        [o for o in current if o.in_repo],
        base_total,
        current_total,
        factor,
        mapper,
    )
    if lines:
        change = change.model_copy(update={"line": lines[0].line})
    if commits is not None and lines:
        facts = function_facts(repo, change.file, lines[0].line, change.function)
        first, last = (facts.start_line, facts.end_line) if facts else (lines[0].line,) * 2
        hunks = [h.text for h in function_hunks(repo, *commits, change.file, first, last)]
    return GrownFunction(change=change, lines=lines[:8], hunks=hunks)


def compare_sides(
    baseline: ProfileSide,
    current: ProfileSide,
    *,
    locate: Locate,
    repo: Path,
    cpu_factor: float | None = None,
    unit: str = "",
) -> Comparison:
    """Return the comparison of two profiles of one service (see the module docstring)."""
    base_owned, current_owned = _owned(baseline, locate), _owned(current, locate)
    base_total = sum(item.value for item in base_owned)
    current_total = sum(item.value for item in current_owned)
    factor, normalised_by = _factor(
        (baseline, current), (base_owned, current_owned), locate, cpu_factor
    )
    found = changes(base_owned, current_owned, base_total, current_total, factor)
    verdict, growth = verdict_of(base_total, current_total, factor, found)
    notes = _notes(factor, normalised_by, verdict)
    base_ref = baseline.refs[-1] if baseline.refs else None
    current_ref = current.refs[-1] if current.refs else None
    commits: tuple[str, str] | None = None
    if base_ref and current_ref and base_ref != current_ref:
        resolved = (resolve_ref(repo, base_ref), resolve_ref(repo, current_ref))
        if resolved[0] and resolved[1]:
            commits = (resolved[0], resolved[1])
        else:
            missing = [r for r, c in zip((base_ref, current_ref), resolved, strict=True) if not c]
            notes.append(
                f"Ref {', '.join(missing)} is not in this checkout: no commits or diff are "
                "listed, and lines are compared by number (fetch the ref to see them)."
            )
    # A regression is explained by what grew, an improvement by what shrank; with no change
    # beyond the load, the small moves of single functions are noise, not findings.
    explained = {
        "regressed": [c for c in found if c.in_repo and c.delta_pct >= MIN_GROWTH_PCT],
        "improved": [c for c in reversed(found) if c.in_repo and c.delta_pct <= -MIN_GROWTH_PCT],
    }.get(verdict or "", [])
    totals = (base_total, current_total, factor)
    grown = [
        _grown(change, base_owned, current_owned, totals, repo, commits).model_copy(
            update={"shrank": change.delta_pct < 0}
        )
        for change in explained[:MAX_GROWN]
    ]
    files = list(dict.fromkeys(item.change.file for item in grown))
    listed = commits_between(repo, *commits, files) if commits and files else []
    return Comparison(
        verdict=verdict,
        baseline=_side(baseline, base_total, unit),
        current=_side(current, current_total, unit),
        unit=unit,
        normalised_by=normalised_by,
        load_factor=round(factor, 3),
        load_change=load_change_of(factor),
        growth_pct=round(growth, 1),
        # The largest moves either way: what grew first, then what shrank most.
        changes=[c for c in found if c.delta_pct >= 0][:15]
        + [c for c in reversed(found) if c.delta_pct < 0][:10],
        grown=grown,
        commits=[CommitView(hash=c.hash, subject=c.subject, files=c.files) for c in listed],
        notes=notes,
    )


def _side(side: ProfileSide, total: float, unit: str) -> Side:
    index = resolve_sample_index(side.prepared.profile, side.sample_index)
    samples = int((side.prepared.values[:, index] != 0).sum()) if side.prepared.values.size else 0
    return Side.model_validate(
        {
            "from": side.start.isoformat().replace("+00:00", "Z"),
            "to": side.end.isoformat().replace("+00:00", "Z"),
            "git_refs": side.refs,
            "total": total,
            "total_text": scaled_label(total, unit, "auto") if unit else f"{total:g}",
            "samples": samples,
        }
    )


def _notes(factor: float, normalised_by: str, verdict: str) -> list[str]:
    how = {
        "typical_function": "the median change of the functions doing work of their own",
        "cpu_profile": "the change of the CPU profile of the same windows",
        "per_second": "the length of the windows (too few functions to measure it otherwise)",
    }[normalised_by]
    notes = [
        f"The load changed x{factor:.2f} between the windows ({how}); each function's growth "
        "is what it gained beyond that, so a baseline of another length or traffic does not "
        "show as a regression."
    ]
    if verdict == "unchanged" and load_change_of(factor) != "unchanged":
        notes.append(
            f"The total changed with the load (x{factor:.2f}) and the shares stayed: a change "
            "of traffic or window length, not of the code."
        )
    notes.append(
        "A uniform slowdown of everything (a slower machine, a busy neighbour) moves every "
        "function alike and shows only as a change of load, not in this table."
    )
    return notes
