"""Choose what a comparison compares with, asking when the question leaves it open.

The baseline is a window given by the caller, the same window a day or a week earlier, the
window before the last deploy (from the ``service_git_ref`` history), or the window of a ref
the user names. Several deploys and no ref named: the user is asked, with the refs and their
windows as the choices, and an answer that names none of them is refused.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Literal

from langgraph.runtime import Runtime
from langgraph.types import Command, interrupt

from profile_insights.agent.analysis.investigation import Investigation
from profile_insights.agent.errors import UserInputError
from profile_insights.agent.pyroscope.deploys import (
    REF_LABEL,
    RefSpan,
    find_ref,
    ref_history,
    ref_window,
)
from profile_insights.agent.pyroscope.selector import services_selector
from profile_insights.agent.pyroscope.timeparse import format_rfc3339, parse_range
from profile_insights.graph.context import Context, context_of
from profile_insights.graph.investigation import investigation_of
from profile_insights.graph.progress import emit
from profile_insights.graph.questions import Question, parse_answer, response_schema
from profile_insights.graph.sources import source_of
from profile_insights.graph.state import State, Window

_SHIFTS = {"yesterday": timedelta(days=1), "last week": timedelta(days=7)}


def _short(ref: str) -> str:
    return ref[:12]


def _ref_window(history: list[RefSpan], span: RefSpan, now: datetime, role: str) -> Window:
    start, end = ref_window(history, span, now)
    return {
        "label": f"{role} ref {_short(span.ref)}",
        "start": format_rfc3339(start),
        "end": format_rfc3339(end),
        "labels": {REF_LABEL: span.ref},
        "refs": [span.ref],
    }


def _shifted(shift: timedelta, reason: str) -> Window:
    return {
        "label": "",
        "start": "",
        "end": "",
        "shift_seconds": shift.total_seconds(),
        "reason": reason,
    }


def _go(baseline: Window, current: Window | None, reason: str) -> Command[Any]:
    emit("choose_baseline", reason)
    update: dict[str, Any] = {
        "baseline_window": {**baseline, "reason": reason},
        "baseline_error": None,
    }
    if current is not None:
        update["current_window"] = current
    return Command(goto="fetch_profile", update=update)


def _pair(history: list[RefSpan], base: RefSpan, now: datetime, reason: str) -> Command[Any]:
    current = history[-1]
    return _go(
        _ref_window(history, base, now, "baseline"),
        _ref_window(history, current, now, "current"),
        reason,
    )


def _by_refs(plan: Investigation, history: list[RefSpan], now: datetime) -> Command[Any]:
    known = ", ".join(_short(span.ref) for span in history) or "none"
    spans = []
    for wanted in plan.refs:
        span = find_ref(history, wanted)
        if span is None:
            raise UserInputError(
                f"no data for ref {wanted!r} in the last 7 days; the refs with data are: {known}.",
                "Name one of them (a prefix will do), or compare with a window instead "
                "(--baseline-from/--baseline-to).",
            )
        spans.append(span)
    base = spans[0]
    current = spans[1] if len(spans) > 1 else history[-1]
    if current.ref == base.ref:
        raise UserInputError(
            f"{_short(base.ref)} is the ref the service runs now, so there is nothing to "
            "compare it with.",
            f"Name an earlier ref to compare with; the refs with data are: {known}.",
        )
    reason = f"comparing ref {_short(base.ref)} with ref {_short(current.ref)}"
    return _go(
        _ref_window(history, base, now, "baseline"),
        _ref_window(history, current, now, "current"),
        reason,
    )


def choose_baseline(
    state: State, runtime: Runtime[Context]
) -> Command[Literal["fetch_profile", "ask_baseline"]]:
    """Build the baseline the question or the options ask for; ask when it is ambiguous."""
    plan = investigation_of(state)
    context = context_of(runtime)
    if plan.baseline == "window":
        source = source_of(state, context)
        start, end = parse_range(
            state["baseline_from"] or "", state.get("baseline_to") or "now", source.now()
        )
        window: Window = {
            "label": f"{state['baseline_from']}..{state.get('baseline_to') or 'now'}",
            "start": format_rfc3339(start),
            "end": format_rfc3339(end),
        }
        return _go(window, None, f"comparing with the window given ({window['label']})")
    if plan.baseline == "shifted" and plan.shift is not None:
        return _go(_shifted(plan.shift, plan.reason), None, plan.reason)
    source = source_of(state, context)
    now = source.now()
    selector = services_selector(state.get("chosen_services") or [])
    history = ref_history(source, selector, state["chosen_type"], now)
    emit(
        "choose_baseline", f"refs with data: {', '.join(_short(s.ref) for s in history) or 'none'}"
    )
    if plan.baseline == "refs":
        return _by_refs(plan, history, now)
    if len(history) < 2:
        why = "no deploy in the last 7 days" if history else "no service_git_ref label"
        return _go(
            _shifted(timedelta(days=1), f"{why}: comparing with the same window yesterday"),
            None,
            f"{why}: comparing with the same window yesterday",
        )
    if plan.baseline == "before_deploy" or len(history) == 2:
        return _pair(
            history,
            history[-2],
            now,
            f"comparing the window before the last deploy (ref {_short(history[-2].ref)}) "
            f"with the one after it (ref {_short(history[-1].ref)})",
        )
    options = [
        {
            "value": span.ref,
            "from": _ref_window(history, span, now, "baseline")["start"],
            "to": _ref_window(history, span, now, "baseline")["end"],
            "current": span is history[-1],
        }
        for span in history
    ]
    emit("choose_baseline", f"{len(history) - 1} earlier deploys and no baseline named: asking")
    return Command(goto="ask_baseline", update={"baseline_options": options})


def baseline_question(state: State) -> Question:
    """Return the baseline question, with the refs and their windows and the last refusal."""
    lines = []
    if state.get("baseline_error"):
        lines.append(str(state.get("baseline_error")))
    lines.append(f"Compare with which deploy? ({state.get('question', '')!r})")
    for option in state.get("baseline_options") or []:
        mark = " (running now)" if option.get("current") else ""
        lines.append(f"  - {option['value'][:12]}{mark}: {option['from']} .. {option['to']}")
    lines.append("Answer with a ref (a prefix will do), or yesterday / last week.")
    return Question(
        kind="choose_baseline",
        message="\n".join(lines),
        options=state.get("baseline_options") or [],
    )


def ask_baseline(
    state: State, runtime: Runtime[Context]
) -> Command[Literal["fetch_profile", "ask_baseline"]]:
    """Ask which baseline to compare with (an interrupt); refuse one that was not offered."""
    question = baseline_question(state)
    reply = interrupt(question.model_dump(), response_schema=response_schema("choose_baseline"))
    try:
        # The documented object or the plain ref: a LangGraph Server client may send either.
        answer = parse_answer("choose_baseline", reply)
    except UserInputError as refused:
        emit("ask_baseline", f"refused the answer: {refused.message}")
        return Command(goto="ask_baseline", update={"baseline_error": refused.message})
    text = answer.baseline.strip().lower()
    if text in _SHIFTS:
        reason = f"the user chose to compare with {text}"
        return _go(_shifted(_SHIFTS[text], reason), None, reason)
    options = state.get("baseline_options") or []
    history = [
        RefSpan.model_validate(
            {"ref": o["value"], "first": o["from"], "last": o["to"], "total": 0.0}
        )
        for o in options
    ]
    span = find_ref(history[:-1], text)
    if span is None:
        offered = ", ".join(o["value"][:12] for o in options[:-1])
        error = f"{answer.baseline!r} is not one of the earlier refs: {offered}."
        emit("ask_baseline", f"refused the answer: {error}")
        return Command(goto="ask_baseline", update={"baseline_error": error})
    now = source_of(state, context_of(runtime)).now()
    current = history[-1]
    base_window = next(o for o in options if o["value"] == span.ref)
    current_option = options[-1]
    reason = f"the user chose ref {_short(span.ref)} to compare with ref {_short(current.ref)}"
    return _go(
        {
            "label": f"baseline ref {_short(span.ref)}",
            "start": base_window["from"],
            "end": base_window["to"],
            "labels": {REF_LABEL: span.ref},
            "refs": [span.ref],
        },
        {
            "label": f"current ref {_short(current.ref)}",
            "start": current_option["from"],
            "end": format_rfc3339(now),
            "labels": {REF_LABEL: current.ref},
            "refs": [current.ref],
        },
        reason,
    )
