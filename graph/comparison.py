"""Fetch the baseline (widening it on its own when empty) and compare it with the current profile.

The current window was analysed like any single-window question; these steps add the baseline
merge through the same source and the comparison: load factor, growth per function and line,
the commits and hunks between the refs. "The same window yesterday" widens 1h -> 6h -> 24h
around its own anchor when empty; a deploy's or a given window is taken as it is.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Literal

from langgraph.runtime import Runtime

from profile_insights.agent.analysis.change_claims import grounded_sentences, unsupported_claims
from profile_insights.agent.analysis.comparison import Comparison
from profile_insights.agent.analysis.comparison_summary import comparison_lead
from profile_insights.agent.analysis.profile_types import measure_words
from profile_insights.agent.analysis.regression import (
    Locate,
    ProfileSide,
    compare_sides,
    measured_factor,
)
from profile_insights.agent.code.resolve import SourceResolver
from profile_insights.agent.profiles.decoded import decoded_file
from profile_insights.agent.pyroscope.deploys import REF_LABEL
from profile_insights.agent.pyroscope.selector import services_selector
from profile_insights.agent.pyroscope.source import ProfileSource, ProfileType
from profile_insights.agent.pyroscope.timeparse import format_rfc3339, parse_range
from profile_insights.graph.context import Context, context_of
from profile_insights.graph.fetch import (
    WINDOWS,
    cache_profile,
    current_selector,
    reproduce_commands,
    service_types,
)
from profile_insights.graph.profile_cache import cached_baseline, cached_profile
from profile_insights.graph.progress import emit
from profile_insights.graph.sources import source_of
from profile_insights.graph.state import (
    Attempt,
    ProfileQuery,
    State,
    Window,
    findings_of,
    git_of,
)


def _baseline_range(state: State, now: datetime) -> tuple[str, datetime, datetime]:
    window: Window = state.get("baseline_window") or {}
    attempts = state.get("baseline_attempts") or []
    if "shift_seconds" in window:
        shift = timedelta(seconds=window["shift_seconds"])
        current = next(a for a in reversed(state.get("attempts") or []) if not a["empty"])
        start, end = parse_range(current["start"], current["end"], now)
        widths = [end - start, *(width for _, width in WINDOWS if width > end - start)]
        width = widths[min(len(attempts), len(widths) - 1)]
        label = "yesterday" if shift == timedelta(days=1) else f"{shift.days} days earlier"
        return f"{label} ({width.total_seconds() / 3600:g}h)", end - shift - width, end - shift
    start, end = parse_range(window["start"], window["end"], now)
    return window.get("label") or f"{window['start']}..{window['end']}", start, end


def fetch_baseline(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Merge the baseline's window (scoped to its ref when it is a deploy's) and keep it."""
    context = context_of(runtime)
    source = source_of(state, context)
    label, start, end = _baseline_range(state, source.now())
    window: Window = state.get("baseline_window") or {}
    selector = services_selector(state.get("chosen_services") or [], window.get("labels"))
    merged = source.merge_profile(selector, state["chosen_type"], start, end)
    attempt: Attempt = {
        "label": label,
        "start": format_rfc3339(start),
        "end": format_rfc3339(end),
        "empty": merged.empty,
    }
    update: dict[str, Any] = {
        "baseline_attempts": [*(state.get("baseline_attempts") or []), attempt]
    }
    if merged.empty:
        emit("fetch_baseline", f"baseline {label}: no samples")
        return update
    path, digest = cache_profile(context, merged.data)
    emit("fetch_baseline", f"baseline {label}: {len(merged.data)} bytes of pprof")
    query: ProfileQuery = {
        "selector": selector,
        "profile_type": state["chosen_type"],
        "start": format_rfc3339(start),
        "end": format_rfc3339(end),
    }
    return {
        **update,
        "baseline_path": str(path),
        "baseline_digest": digest,
        "baseline_query": query,
    }


def route_after_baseline(state: State) -> Literal["compare_profiles", "fetch_baseline"]:
    """Compare once the baseline has data; widen "the same window earlier" while it can."""
    attempts = state.get("baseline_attempts") or []
    window: Window = state.get("baseline_window") or {}
    if attempts and attempts[-1]["empty"] and "shift_seconds" in window:
        if len(attempts) < len(WINDOWS):
            return "fetch_baseline"
    return "compare_profiles"


def _refs(source: ProfileSource, selector: str, start: datetime, end: datetime) -> list[str]:
    found = source.series(selector, [REF_LABEL], start, end)
    return sorted({s.labels[REF_LABEL] for s in found if s.labels.get(REF_LABEL)})


def _cpu_factor(
    state: State, context: Context, sides: tuple[ProfileSide, ProfileSide], locate: Locate
) -> float | None:
    """Measure the load on the CPU profile of both windows (for mutex, block, memory types)."""
    if ProfileType.parse(state["chosen_type"]).name == "process_cpu":
        return None
    available = service_types(state, context)
    cpu = next((t for t in available if t.startswith("process_cpu:")), None)
    if cpu is None:
        return None
    source = source_of(state, context)
    window: Window = state.get("baseline_window") or {}
    selectors = (
        services_selector(state.get("chosen_services") or [], window.get("labels")),
        current_selector(state),
    )
    profiles = []
    for side, selector in zip(sides, selectors, strict=True):
        merged = source.merge_profile(selector, cpu, side.start, side.end)
        if merged.empty:
            return None
        path, digest = cache_profile(context, merged.data)
        decoded = decoded_file(path, digest=digest)
        profiles.append(ProfileSide(decoded.prepared, None, side.start, side.end))
    return measured_factor(profiles[0], profiles[1], locate)


def compare_profiles(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Compare the baseline with the current profile: verdict, growth, lines, commits."""
    context = context_of(runtime)
    attempts = state.get("baseline_attempts") or []
    if not state.get("baseline_path"):
        asked = ", ".join(a["label"] for a in attempts) or "the baseline window"
        note = f"The baseline had no samples ({asked}): there is nothing to compare with."
        emit("compare_profiles", note)
        return {"comparison": None, "comparison_note": note, **_grounded(state, None)}
    source = source_of(state, context)
    now = source.now()
    git = git_of(state)
    repo = context.checkout()
    resolver = SourceResolver(
        repo,
        service_root_path=git.root_paths[0] if git and git.root_paths else None,
        window=context.limits.window,
    )
    sample_type = ProfileType.parse(state["chosen_type"]).sample_type
    current_attempt = next(a for a in reversed(state.get("attempts") or []) if not a["empty"])
    sides = []
    window: Window = state.get("baseline_window") or {}
    for attempt, selector, decoded in (
        (
            attempts[-1],
            services_selector(state.get("chosen_services") or [], window.get("labels")),
            cached_baseline(state, context),
        ),
        (current_attempt, current_selector(state), cached_profile(state, context)),
    ):
        start, end = parse_range(attempt["start"], attempt["end"], now)
        sides.append(
            ProfileSide(
                decoded.prepared,
                decoded.sample_index(sample_type),
                start,
                end,
                _refs(source, selector, start, end),
            )
        )
    baseline, current = sides
    cpu = _cpu_factor(state, context, (baseline, current), resolver.located)
    comparison = compare_sides(
        baseline,
        current,
        locate=resolver.located,
        repo=repo,
        cpu_factor=cpu,
        unit=ProfileType.parse(state["chosen_type"]).sample_unit,
    )
    grown = comparison.grown[0].change if comparison.grown else None
    emit(
        "compare_profiles",
        f"{comparison.verdict}: total {comparison.growth_pct:+.1f}% beyond a load change of "
        f"x{comparison.load_factor:.2f}"
        + (f"; {grown.name or grown.function} grew {grown.delta_pct:+.1f} points" if grown else ""),
    )
    base_selector = services_selector(state.get("chosen_services") or [], window.get("labels"))
    comparison = comparison.model_copy(
        update={
            "commands": reproduce_commands(
                base_selector, state["chosen_type"], baseline.start, baseline.end
            )
        }
    )
    measure = measure_words(state["chosen_type"])
    services = ", ".join(state.get("chosen_services") or [])
    lead = comparison_lead(comparison, services, measure)
    grounded = _grounded(state, comparison)
    now_summary = grounded.pop("summary")
    summary = f"{lead} Now: {now_summary}" if now_summary else lead
    return {
        "comparison": comparison.model_dump(mode="json", by_alias=True),
        "summary": summary,
        **grounded,
    }


def _grounded(state: State, comparison: Comparison | None) -> dict[str, Any]:
    """Drop the findings and summary sentences that claim a change the comparison lacks.

    The analysis wrote them from the current window alone (a chat model may guess "40% slower
    since yesterday"); every change they claim must be a number the comparison measured.
    """
    kept, dropped = [], 0
    for finding in findings_of(state):
        text = " ".join((finding.title, finding.explanation, finding.recommendation))
        claims = unsupported_claims(text, comparison)
        if claims:
            emit("verify", f"dropped {finding.title!r}: claims {', '.join(claims)}, not measured")
            dropped += 1
        else:
            kept.append(finding.model_dump(mode="json"))
    summary, removed = grounded_sentences(state.get("summary") or "", comparison)
    if removed:
        emit("verify", f"removed summary sentences claiming {', '.join(removed)}, not measured")
    update: dict[str, Any] = {"summary": summary}
    if dropped or removed:
        update |= {
            "findings": kept,
            "dropped_claims": state.get("dropped_claims", 0) + dropped + len(removed),
        }
    return update
