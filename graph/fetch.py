"""Seed step 4: query the merged profile of the right type, widening the window when it is empty.

The merge asks for now-1h..now first and widens to 6h, then 24h
(Pyroscope's default per-query limit, ``-querier.max-query-length``); every attempt is kept in
state. When 24h is still empty, a series query over the days before tells "this service never
sent this profile type" apart from "no data in the last day".
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from langgraph.runtime import Runtime

from profile_insights.agent.analysis.profile_types import choose_profile_type as choose_type_for
from profile_insights.agent.analysis.profile_types import without_names
from profile_insights.agent.pyroscope.limits import DAY
from profile_insights.agent.pyroscope.selector import services_selector
from profile_insights.agent.pyroscope.source import ProfileType
from profile_insights.agent.pyroscope.timeparse import format_rfc3339, parse_range
from profile_insights.graph.context import Context, context_of
from profile_insights.graph.profile_cache import store_profile
from profile_insights.graph.progress import emit
from profile_insights.graph.sources import source_of
from profile_insights.graph.state import Attempt, State

# The widening ladder of the seed: 1h, then 6h, then 24h (the server's per-query limit).
WINDOWS: tuple[tuple[str, timedelta], ...] = (
    ("now-1h", timedelta(hours=1)),
    ("now-6h", timedelta(hours=6)),
    ("now-24h", timedelta(hours=24)),
)
# How far back the absence check looks, one day per series query (each within the limit).
LOOKBACK_DAYS = 7


def service_types(state: State, context: Context) -> list[str]:
    """Return the profile types the chosen services sent in the last 24 hours."""
    source = source_of(state, context)
    now = source.now()
    selector = services_selector(state.get("chosen_services") or [])
    series = source.series(selector, ["__profile_type__"], now - DAY, now)
    return sorted({s.labels["__profile_type__"] for s in series if "__profile_type__" in s.labels})


def choose_profile_type(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Choose the profile type from the question and the types the services actually have."""
    context = context_of(runtime)
    available = service_types(state, context)
    given = state.get("profile_type")
    # The services' own names say nothing of the resource asked about (cost-allocation).
    question = without_names(state.get("question", ""), list(state.get("chosen_services") or []))
    note = None
    if given:
        chosen, reason = given, f"{given} was given with --profile-type"
        if given not in available:
            note = f"The service listed no {given} profile in the last 24 hours."
    else:
        choice = choose_type_for(question, available)
        reason = choice.reason
        # A stand-in type (the in-use heap for an allocation question) comes with a note
        # saying what it shows instead.
        note = choice.missing_note
        if choice.profile_type is not None:
            chosen = choice.profile_type
        else:
            # Still query it: the widening attempts and the absence check below then say
            # precisely whether the type was never sent or only not recently. A type the
            # service sent in the days before keeps its exact ID (SDKs differ in spelling).
            before = choose_type_for(question, earlier_types(state, context))
            chosen = before.profile_type or _wanted_type_id(question)
    emit("choose_profile_type", f"{chosen}: {reason}")
    return {
        "chosen_type": chosen,
        "type_reason": reason,
        "type_note": note,
        "attempts": [],
    }


def earlier_types(state: State, context: Context) -> list[str]:
    """Return the profile types the chosen services sent in the days before the last 24h."""
    source = source_of(state, context)
    now = source.now()
    selector = services_selector(state.get("chosen_services") or [])
    found: set[str] = set()
    for day in range(1, LOOKBACK_DAYS + 1):
        end = now - DAY * day
        for item in source.series(selector, ["__profile_type__"], end - DAY, end):
            if "__profile_type__" in item.labels:
                found.add(item.labels["__profile_type__"])
    return sorted(found)


def _wanted_type_id(question: str) -> str:
    # The canonical Go SDK IDs; choose_profile_type on the full list resolves the rule's type.
    canonical = [
        "process_cpu:cpu:nanoseconds:cpu:nanoseconds",
        "memory:alloc_space:bytes:space:bytes",
        "memory:inuse_space:bytes:space:bytes",
        "mutex:delay:nanoseconds:mutex:count",
        "block:delay:nanoseconds:block:count",
        "goroutine:goroutine:count:goroutine:count",
    ]
    choice = choose_type_for(question, canonical)
    return choice.profile_type or canonical[0]


def _window(state: State, now: datetime) -> tuple[str, datetime, datetime]:
    planned = state.get("current_window")
    if planned:
        start, end = parse_range(planned["start"], planned["end"], now)
        return planned.get("label") or f"{planned['start']}..{planned['end']}", start, end
    attempts = state.get("attempts") or []
    given_from = state.get("time_from")
    if given_from:
        given_to = state.get("time_to") or "now"
        start, end = parse_range(given_from, given_to, now)
        return f"{given_from}..{given_to}", start, end
    label, width = WINDOWS[min(len(attempts), len(WINDOWS) - 1)]
    return f"{label}..now", now - width, now


def current_selector(state: State) -> str:
    """Return the selector of the analysed profile (the services, scoped to a ref if planned)."""
    planned = state.get("current_window") or {}
    return services_selector(state.get("chosen_services") or [], planned.get("labels"))


def fetch_profile(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Fetch the merged profile for the current window and record the attempt."""
    context = context_of(runtime)
    source = source_of(state, context)
    now = source.now()
    label, start, end = _window(state, now)
    selector = current_selector(state)
    merged = source.merge_profile(selector, state["chosen_type"], start, end)
    attempt: Attempt = {
        "label": label,
        "start": format_rfc3339(start),
        "end": format_rfc3339(end),
        "empty": merged.empty,
    }
    covered = merged.covered
    if not merged.empty and covered and (covered.start < start or covered.end > end):
        # A recording merges whole profiles: say the time the samples really come from.
        attempt["data_start"] = format_rfc3339(covered.start)
        attempt["data_end"] = format_rfc3339(covered.end)
        emit(
            "fetch_profile",
            f"{label}: the profiles merged cover {attempt['data_start']}..{attempt['data_end']}"
            ", beyond the window asked",
        )
    attempts = [*(state.get("attempts") or []), attempt]
    update: dict[str, Any] = {"attempts": attempts}
    if merged.empty:
        emit("fetch_profile", f"{label}: no samples")
        return update
    path, digest = cache_profile(context, merged.data)
    emit("fetch_profile", f"{label}: {len(merged.data)} bytes of pprof")
    update.update(
        {
            "profile_path": str(path),
            "profile_digest": digest,
            "profile_query": {
                "selector": selector,
                "profile_type": state["chosen_type"],
                "start": format_rfc3339(start),
                "end": format_rfc3339(end),
            },
            "commands": reproduce_commands(selector, state["chosen_type"], start, end),
        }
    )
    return update


def cache_profile(context: Context, data: bytes) -> tuple[Path, str]:
    """Write fetched pprof bytes to the cache (once per content) and return path and digest."""
    return store_profile(context.profiles_dir(), data)


def reproduce_commands(
    selector: str, profile_type: str, start: datetime, end: datetime
) -> list[str]:
    """Return the profilecli and pprof commands that fetch and print the same data."""
    sample_type = ProfileType.parse(profile_type).sample_type
    quoted = "'" + selector.replace("'", "'\\''") + "'"
    return [
        f"profilecli query merge --query {quoted} --profile-type {profile_type} "
        f"--from {format_rfc3339(start)} --to {format_rfc3339(end)} "
        "--output pprof=profile.pb.gz --force",
        f"pprof -lines -top -cum -sample_index={sample_type} profile.pb.gz",
    ]


def widen_time_range(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Move to the next, wider window (6h after 1h, 24h after 6h)."""
    attempts = state.get("attempts") or []
    label = WINDOWS[min(len(attempts), len(WINDOWS) - 1)][0]
    emit(
        "widen_time_range",
        f"{attempts[-1]['label'] if attempts else 'now-1h'} was empty; trying {label}..now",
    )
    return {}


def explain_absence(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Tell "never sent this type" from "no data in the last day" with day-by-day series."""
    context = context_of(runtime)
    source = source_of(state, context)
    now = source.now()
    profile_type = state["chosen_type"]
    services = state.get("chosen_services") or []
    selector = services_selector(services)
    who = ", ".join(services)
    if state.get("time_from"):
        # An explicit window: the type may well have data elsewhere in the last day.
        recent = source.series(selector, ["__profile_type__"], now - DAY, now)
        if any(s.labels.get("__profile_type__") == profile_type for s in recent):
            attempts = state.get("attempts") or []
            asked = attempts[-1]["label"] if attempts else "the window asked"
            reason = (
                f"{who} has no {profile_type} samples in {asked}, but sent that type in the "
                "last 24 hours: move or widen the window (--from/--to), or leave them out to "
                "let profile-insights widen it from the last hour."
            )
            emit("explain_absence", reason)
            return {"outcome": "empty_window", "absence_reason": reason}
    last_seen: datetime | None = None
    for day in range(1, LOOKBACK_DAYS + 1):
        end = now - DAY * day
        start = end - DAY
        series = source.series(selector, ["__profile_type__"], start, end)
        if any(s.labels.get("__profile_type__") == profile_type for s in series):
            last_seen = end
            break
    if last_seen is not None:
        outcome = "no_recent_data"
        reason = (
            f"{who} sent {profile_type} profiles before (data found in the day ending "
            f"{format_rfc3339(last_seen)}), but none in the last 24 hours. Check that the "
            "service is running and that its profiler still pushes to this Pyroscope "
            "(agent logs, network, the tenant)."
        )
    else:
        outcome = "never_sent"
        reason = f"{who} never sent {profile_type} profiles in the last {LOOKBACK_DAYS} days. " + (
            state.get("type_note") or "Check the profiler's configured profile types."
        )
    emit("explain_absence", reason)
    return {"outcome": outcome, "absence_reason": reason}
