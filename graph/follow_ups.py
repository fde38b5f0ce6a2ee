"""Follow a finding of the CPU profile into the profile type that shows where it comes from.

Once the main profile is verified, ``route_after_verify`` sends a CPU (or wall) profile whose
findings show allocation or GC pressure, lock contention or waiting above the threshold here
(``agent/analysis/follow_ups.py``). ``plan_follow_ups`` chooses the types the service sends
(allocations, else the in-use heap; mutex, else block; wall or block), at most
``Limits.max_follow_ups``; ``follow_up`` fetches one per visit for the same window and the same
selector, and runs it through the main pipeline's table, mapping, analysis and verification. A
type the service does not send is reported with the SDK setting that enables it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from langgraph.runtime import Runtime
from langgraph.types import Command

from profile_insights.agent.analysis.follow_ups import FollowUp, PlannedFollowUp, plan, sentence
from profile_insights.agent.analysis.follow_ups import sites as sites_of
from profile_insights.agent.analysis.profile_types import measure_words
from profile_insights.agent.analysis.verify import verify as verify_findings
from profile_insights.agent.profiles.decoded import decoded_file
from profile_insights.agent.profiles.units import scaled_label
from profile_insights.agent.pyroscope.timeparse import format_rfc3339, parse_range
from profile_insights.graph.analysis import deterministic_findings
from profile_insights.graph.context import Context, context_of
from profile_insights.graph.fetch import (
    cache_profile,
    current_selector,
    reproduce_commands,
    service_types,
)
from profile_insights.graph.mapping import map_table
from profile_insights.graph.progress import emit
from profile_insights.graph.sources import source_of
from profile_insights.graph.state import State, findings_of
from profile_insights.graph.table import table_of_profile

#: Findings of a followed profile the report keeps, strongest first.
MAX_FINDINGS = 4


def plan_follow_ups(
    state: State, runtime: Runtime[Context]
) -> Command[Literal["follow_up", "render_report"]]:
    """Choose the profile types the findings are followed into, among those the service sends."""
    context = context_of(runtime)
    planned = plan(
        findings_of(state),
        state["chosen_type"],
        service_types(state, context),
        measure=measure_words(state["chosen_type"]),
        limit=context.limits.max_follow_ups,
    )
    for item in planned:
        emit(
            "plan_follow_ups", f"{item.profile_type or f'no {item.wanted} profile'}: {item.reason}"
        )
    if not planned:
        emit("plan_follow_ups", "no type the service sends shows more of these findings")
        return Command(goto="render_report", update={"follow_up_plan": [], "follow_ups": []})
    return Command(
        goto="follow_up",
        update={
            "follow_up_plan": [item.model_dump(mode="json") for item in planned],
            "follow_ups": [],
        },
    )


def _window(state: State, now: datetime) -> tuple[datetime, datetime]:
    """Return the range of the analysed profile: the follow-up reads the same window."""
    attempt = next(a for a in reversed(state.get("attempts") or []) if not a["empty"])
    return parse_range(attempt["start"], attempt["end"], now)


def _follow(planned: PlannedFollowUp, state: State, context: Context) -> tuple[FollowUp, int]:
    """Fetch and analyse one planned follow-up; return it and the claims its verifier dropped."""
    base = FollowUp(
        profile_type=planned.profile_type,
        reason=planned.reason,
        status="not_sent",
        wanted=planned.wanted,
        cause=planned.cause,
        note=planned.note,
    )
    if planned.profile_type is None:
        return base.model_copy(update={"summary": sentence(base)}), 0
    profile_type = planned.profile_type
    source = source_of(state, context)
    start, end = _window(state, source.now())
    selector = current_selector(state)
    merged = source.merge_profile(selector, profile_type, start, end)
    window = {
        "from_": format_rfc3339(start),
        "to": format_rfc3339(end),
        "commands": reproduce_commands(selector, profile_type, start, end),
    }
    if merged.empty:
        empty = base.model_copy(update={"status": "empty", **window})
        return empty.model_copy(update={"summary": sentence(empty)}), 0
    path, digest = cache_profile(context, merged.data)
    decoded = decoded_file(path, digest=digest)
    table, message = table_of_profile(path, decoded, profile_type, context)
    emit("follow_up", f"{profile_type}: {message}")
    mapped = map_table(table, decoded, profile_type, context)
    findings, matches = deterministic_findings(
        mapped.table, mapped.matches, mapped.nesting, mapped.ownership, profile_type, context
    )
    verified = verify_findings(findings, mapped.table, matches)
    followed = base.model_copy(
        update={
            "status": "followed",
            **window,
            "findings": verified.findings[:MAX_FINDINGS],
            "sites": sites_of(mapped.table, matches, mapped.attribution),
            "total_text": scaled_label(table.total, table.sample_unit, "auto"),
            "sample_count": table.sample_count,
        }
    )
    return followed.model_copy(update={"summary": sentence(followed)}), verified.dropped_claims


def follow_up(
    state: State, runtime: Runtime[Context]
) -> Command[Literal["follow_up", "render_report"]]:
    """Fetch the next planned profile for the same window and analyse it like the main one."""
    context = context_of(runtime)
    planned = [PlannedFollowUp.model_validate(item) for item in state.get("follow_up_plan") or []]
    done = list(state.get("follow_ups") or [])
    result, dropped = _follow(planned[len(done)], state, context)
    emit("follow_up", result.summary)
    done.append(result.model_dump(mode="json", by_alias=True))
    update: dict[str, Any] = {
        "follow_ups": done,
        "dropped_claims": state.get("dropped_claims", 0) + dropped,
    }
    return Command(goto="follow_up" if len(done) < len(planned) else "render_report", update=update)
