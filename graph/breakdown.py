"""Break the cost down by a label: choose the label (asking when it is open), then measure it.

``choose_label`` runs before the window is fetched: it lists the service's labels over the
last day (or the window given), picks the one the question means (``agent/analysis/labels.py``)
and asks when several fit and the question names none; with no label that fits, the report says
so and the window is analysed as a whole. After the window's single analysis, ``break_down``
measures each value of the label over the same window (``SelectSeries`` grouped by it, else one
merge per value), merges the heaviest values' own profiles and names their top functions of the
checkout; the summary leads with the value that carries the cost.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from langgraph.runtime import Runtime
from langgraph.types import Command, interrupt

from profile_insights.agent.analysis.breakdown import (
    MAX_SCOPED,
    MAX_VALUES,
    BreakdownFunction,
    build_breakdown,
    top_functions,
)
from profile_insights.agent.analysis.breakdown_summary import breakdown_lead
from profile_insights.agent.analysis.labels import breakdown_candidates
from profile_insights.agent.analysis.labels import choose_label as choose_label_for
from profile_insights.agent.analysis.profile_types import measure_words
from profile_insights.agent.code.resolve import SourceResolver
from profile_insights.agent.errors import ToolFailedError, UserInputError
from profile_insights.agent.profiles.decoded import decoded_profile
from profile_insights.agent.profiles.values import sample_total
from profile_insights.agent.pyroscope.label_costs import (
    LabelCosts,
    grouped_costs,
    merged_costs,
    scoped,
)
from profile_insights.agent.pyroscope.limits import DAY
from profile_insights.agent.pyroscope.source import MergedProfile, ProfileSource, ProfileType
from profile_insights.agent.pyroscope.timeparse import format_rfc3339, parse_range
from profile_insights.graph.context import Context, context_of
from profile_insights.graph.fetch import reproduce_commands
from profile_insights.graph.investigation import investigation_of
from profile_insights.graph.profile_cache import cached_profile
from profile_insights.graph.progress import emit
from profile_insights.graph.questions import Question, parse_answer, response_schema
from profile_insights.graph.sources import source_of
from profile_insights.graph.state import State, git_of


def _label_window(state: State, now: datetime) -> tuple[datetime, datetime]:
    """Return where to look for labels: the window given, else the widening ladder's 24h."""
    if state.get("time_from"):
        return parse_range(state["time_from"] or "", state.get("time_to") or "now", now)
    return now - DAY, now


def _chosen(label: str, reason: str) -> Command[Any]:
    emit("choose_label", reason)
    update = {"breakdown_by": label, "label_reason": reason, "label_error": None}
    return Command(goto="fetch_profile", update=update)


def choose_label(
    state: State, runtime: Runtime[Context]
) -> Command[Literal["fetch_profile", "ask_label"]]:
    """Find the label the question means among the service's; ask when several fit."""
    plan = investigation_of(state)
    source = source_of(state, context_of(runtime))
    window = _label_window(state, source.now())
    selector = scoped(state.get("chosen_services") or [], {}, __profile_type__=state["chosen_type"])
    versions = "version" in plan.label_words
    given = state.get("breakdown_label")
    names = breakdown_candidates(
        source.label_names(selector, *window), versions=versions, given=given
    )
    found = source.series(selector, names, *window) if names else []
    values = {name: sorted({s.labels[name] for s in found if s.labels.get(name)}) for name in names}
    values = {name: listed for name, listed in values.items() if listed}
    question = state.get("question", "")
    choice = choose_label_for(question, plan.label_words, values, given=given)
    if choice.label is not None:
        return _chosen(choice.label, choice.reason)
    if choice.options:
        emit("choose_label", f"{choice.reason}: asking")
        options = [
            {"value": name, "values": len(values[name]), "examples": values[name][:3]}
            for name in choice.options
        ]
        return Command(goto="ask_label", update={"label_options": options, "label_error": None})
    note = f"No breakdown: {choice.reason}. The report analyses the window as a whole."
    emit("choose_label", note)
    return Command(goto="fetch_profile", update={"breakdown_by": None, "breakdown_note": note})


def label_question(state: State) -> Question:
    """Return the label question, with the labels offered, their values and the last refusal."""
    lines = []
    if state.get("label_error"):
        lines.append(str(state.get("label_error")))
    lines.append(f"Break the cost down by which label? ({state.get('question', '')!r})")
    for option in state.get("label_options") or []:
        examples = ", ".join(option["examples"])
        lines.append(f"  - {option['value']}: {option['values']} values ({examples}...)")
    lines.append("Answer with one of the label names.")
    return Question(
        kind="choose_label", message="\n".join(lines), options=state.get("label_options") or []
    )


def ask_label(
    state: State, runtime: Runtime[Context]
) -> Command[Literal["fetch_profile", "ask_label"]]:
    """Ask which label to break the cost down by (an interrupt); refuse one not offered."""
    question = label_question(state)
    reply = interrupt(question.model_dump(), response_schema=response_schema("choose_label"))
    try:
        # The documented object or the plain name: a LangGraph Server client may send either.
        answer = parse_answer("choose_label", reply)
    except UserInputError as refused:
        emit("ask_label", f"refused the answer: {refused.message}")
        return Command(goto="ask_label", update={"label_error": refused.message})
    offered = [option["value"] for option in state.get("label_options") or []]
    # Label names are case-sensitive; a different case is still one label when it is unique.
    same = [name for name in offered if name.lower() == answer.label.lower()]
    label = answer.label if answer.label in offered else same[0] if len(same) == 1 else None
    if label is None:
        error = f"{answer.label!r} is not one of the labels offered: {', '.join(offered)}."
        emit("ask_label", f"refused the answer: {error}")
        return Command(goto="ask_label", update={"label_error": error})
    return _chosen(label, f"the user chose {label} among {', '.join(offered)}")


def _costs(
    state: State,
    context: Context,
    source: ProfileSource,
    label: str,
    window: tuple[datetime, datetime],
) -> tuple[LabelCosts, dict[str, MergedProfile]]:
    """Return the costs per value: grouped by the server, else one merge per value."""
    services = state.get("chosen_services") or []
    labels = (state.get("current_window") or {}).get("labels") or {}
    profile_type = state["chosen_type"]
    why = ""
    try:
        grouped = grouped_costs(
            source, services, labels, profile_type, label, window, limit=MAX_VALUES + 1
        )
    except ToolFailedError as error:
        grouped, why = None, error.message
    if grouped is not None:
        return grouped, {}
    emit("break_down", f"no totals grouped by {label}: merging each value")
    decoded = cached_profile(state, context)
    sample_type = ProfileType.parse(profile_type).sample_type
    total = sample_total(decoded.prepared, sample_index=decoded.sample_index(sample_type))
    costs, merged = merged_costs(source, services, labels, profile_type, label, window, total=total)
    note = " ".join(part for part in (why and f"SelectSeries failed: {why}.", costs.note) if part)
    return costs.model_copy(update={"note": note}), merged


def _top_command(selector: str, profile_type: str, label: str, start: str, end: str) -> str:
    quoted = "'" + selector.replace("'", "'\\''") + "'"
    return (
        f"profilecli query top --query {quoted} --profile-type {profile_type} --from {start} "
        f"--to {end} --label-names {label} --output json"
    )


def _tops(
    state: State,
    context: Context,
    source: ProfileSource,
    values: list[str],
    merged: dict[str, MergedProfile],
    window: tuple[datetime, datetime],
) -> dict[str, list[BreakdownFunction]]:
    """Merge each value's own profile (unless merged already) and name its top functions."""
    git = git_of(state)
    resolver = SourceResolver(
        context.checkout(),
        service_root_path=git.root_paths[0] if git and git.root_paths else None,
        window=context.limits.window,
    )
    profile_type = ProfileType.parse(state["chosen_type"])
    services = state.get("chosen_services") or []
    labels = (state.get("current_window") or {}).get("labels") or {}
    label = state.get("breakdown_by") or ""
    tops: dict[str, list[BreakdownFunction]] = {}
    for value in values:
        selector = scoped(services, labels, **{label: value})
        profile = merged.get(value) or source.merge_profile(selector, profile_type.id, *window)
        if profile.empty:
            continue
        decoded = decoded_profile(profile.data, name=f"merged profile of {label}={value}")
        tops[value] = top_functions(
            decoded.prepared,
            sample_index=decoded.sample_index(profile_type.sample_type),
            locate=lambda function, file: resolver.located(function, file or None),
        )
    return tops


def break_down(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Measure each value of the label over the analysed window and name its top functions."""
    context = context_of(runtime)
    source = source_of(state, context)
    label = state.get("breakdown_by") or ""
    attempt = next(a for a in reversed(state.get("attempts") or []) if not a["empty"])
    window = parse_range(attempt["start"], attempt["end"], source.now())
    costs, merged = _costs(state, context, source, label, window)
    named = [item.value for item in costs.values if item.value is not None]
    if not named:
        note = f"No breakdown: no series of the analysed window carries the label {label}."
        emit("break_down", note)
        return {"breakdown": None, "breakdown_note": note}
    tops = _tops(state, context, source, named[:MAX_SCOPED], merged, window)
    profile_type = ProfileType.parse(state["chosen_type"])
    services = state.get("chosen_services") or []
    labels = (state.get("current_window") or {}).get("labels") or {}
    start, end = format_rfc3339(window[0]), format_rfc3339(window[1])
    commands = [_top_command(scoped(services, labels), profile_type.id, label, start, end)]
    top_selector = scoped(services, labels, **{label: named[0]})
    commands += reproduce_commands(top_selector, profile_type.id, *window)
    breakdown = build_breakdown(
        costs,
        tops,
        reason=state.get("label_reason") or "",
        window=(start, end),
        unit=profile_type.sample_unit,
        commands=commands,
    )
    lead = breakdown_lead(breakdown, ", ".join(services), measure_words(profile_type.id))
    emit("break_down", lead)
    whole = state.get("summary") or ""
    summary = f"{lead} Over the whole service: {whole}" if whole else lead
    return {"breakdown": breakdown.model_dump(mode="json", by_alias=True), "summary": summary}
