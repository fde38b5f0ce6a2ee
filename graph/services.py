"""Seed step 3: discover the services and their repositories, and choose the ones asked about.

Each service's ``service_repository`` is compared with the checkout's ``git remote get-url
origin``. One clear match goes on with its reason; with a chat model, one checked call may
settle a tie; otherwise the user is asked, and a name that was not offered is refused. A
question naming a service that is not there is never answered about another one unasked: the
question says so. A service that stopped sending (seen only before the last day) is found and
reported as stopped, with when it was last seen (:mod:`profile_insights.graph.stopped`).
"""

from __future__ import annotations

import re
from typing import Any, Literal

from langgraph.runtime import Runtime
from langgraph.types import Command, interrupt

from profile_insights.agent.analysis.selection import RankedService, clear_choice, rank_services
from profile_insights.agent.analysis.service_names import missing_services
from profile_insights.agent.code.gitref import origin_url
from profile_insights.agent.code.repository_urls import same_repository
from profile_insights.agent.errors import ToolFailedError, UserInputError
from profile_insights.agent.pyroscope.limits import DAY
from profile_insights.graph.context import Context, context_of
from profile_insights.graph.fetch import LOOKBACK_DAYS
from profile_insights.graph.progress import emit
from profile_insights.graph.questions import (
    Question,
    parse_answer,
    response_schema,
)
from profile_insights.graph.sources import source_of
from profile_insights.graph.state import Candidate, LLMUsage, ServiceInfo, State
from profile_insights.graph.stopped import stopped_services


def discover_services(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """List services and their repositories, and compare them with the checkout's origin."""
    context = context_of(runtime)
    source = source_of(state, context)
    now = source.now()
    series = source.series("{}", ["service_name", "service_repository"], now - DAY, now)
    try:
        origin = origin_url(context.checkout())
    except ToolFailedError as error:
        # Without git the repositories cannot be compared; the services are still listed.
        emit("discover_services", error.message)
        origin = None
    repositories: dict[str, str | None] = {}
    for item in series:
        name = item.labels.get("service_name")
        if not name:
            continue
        repository = item.labels.get("service_repository") or repositories.get(name)
        repositories[name] = repository
    catalog: list[ServiceInfo] = [
        {
            "name": name,
            "repository": repository,
            "matches_checkout": bool(origin and repository and same_repository(origin, repository)),
        }
        for name, repository in sorted(repositories.items())
    ]
    # The run wants a service that sent nothing today (by --service or by the question's
    # name for it): look for it in the days before, to report it as stopped.
    live = [service["name"] for service in catalog]
    given = [name for name in state.get("services") or [] if name not in live]
    named = [] if state.get("services") else missing_services(state.get("question", ""), live)
    if given or named:
        catalog += stopped_services(source, now, given, named)
    matching = [service["name"] for service in catalog if service["matches_checkout"]]
    stopped = [f"{s['name']} (last seen {s['last_seen']})" for s in catalog if s.get("last_seen")]
    emit(
        "discover_services",
        f"{len(live)} services"
        + (f"; this checkout is {', '.join(matching)}" if matching else "")
        + (f"; stopped sending: {', '.join(stopped)}" if stopped else ""),
    )
    return {"catalog": catalog, "origin": origin}


def _candidates(state: State) -> list[RankedService]:
    catalog = state.get("catalog") or []
    return rank_services(
        state.get("question", ""),
        [(s["name"], s["repository"], s["matches_checkout"]) for s in catalog],
    )


def _as_candidate(item: RankedService) -> Candidate:
    return {
        "name": item.name,
        "score": item.score,
        "reason": item.reason,
        "repository": item.repository,
        "matches_checkout": item.matches_checkout,
    }


def _unknown_services(wanted: list[str], state: State) -> list[str]:
    known = {service["name"] for service in state.get("catalog") or []}
    return [name for name in wanted if name not in known]


def _stopped_names(state: State) -> set[str]:
    return {service["name"] for service in state.get("catalog") or [] if service.get("last_seen")}


def _chosen(
    state: State, services: list[str], reason: str, step: str = "choose_services", **update: Any
) -> Command[Any]:
    emit(step, reason)
    # Services that stopped sending have nothing to fetch: the report says when they stopped.
    stopped = set(services) <= _stopped_names(state)
    return Command(
        goto="explain_stopped" if stopped else "choose_profile_type",
        update={"chosen_services": services, "service_reason": reason, **update},
    )


def _given_services(state: State, names: str) -> list[str]:
    """Return the services given up front (``--service``), refusing unknown names."""
    wanted = state.get("services") or []
    unknown = _unknown_services(wanted, state) if wanted else []
    if unknown:
        raise UserInputError(
            f"no service named {', '.join(repr(n) for n in unknown)}; "
            f"the services with data are: {names}.",
            "Pass one of them with --service, or leave --service out to be asked.",
        )
    return wanted


def _model_pick(
    context: Context, state: State, candidates: list[Candidate], usage: LLMUsage, names: str
) -> tuple[list[str], str]:
    """Ask the chat model once, while a call stays free for the analysis (2 per report)."""
    if context.model is None or usage["calls"] + 1 >= context.limits.max_model_calls:
        return [], ""
    emit("choose_services", f"no clear match among {names}: asking the chat model")
    # Imported here: a run without a model (the default) never loads LangChain's chat models.
    from profile_insights.agent.analysis.service_pick import pick_services

    pick = pick_services(context.model, state.get("question", ""), [dict(c) for c in candidates])
    usage["calls"] += 1
    usage["input_tokens"] += pick.input_tokens
    usage["output_tokens"] += pick.output_tokens
    return pick.services, pick.reason


def choose_services(
    state: State, runtime: Runtime[Context]
) -> Command[Literal["choose_profile_type", "ask_service", "explain_stopped"]]:
    """Match the question to services: go on when one is clear, otherwise ask."""
    catalog = state.get("catalog") or []
    names = ", ".join(s["name"] for s in catalog if not s.get("last_seen")) or "none"
    if not catalog:
        raise UserInputError(
            "Pyroscope has no service with data in the last 24 hours.",
            "Check that your services push profiles (service_name label) and the URL/tenant.",
        )
    wanted = _given_services(state, names)
    if wanted:
        return _chosen(state, wanted, f"{', '.join(wanted)} was given with --service")
    ranked = _candidates(state)
    candidates = [_as_candidate(item) for item in ranked]
    missing = missing_services(state.get("question", ""), [s["name"] for s in catalog])
    choice = clear_choice(ranked, missing)
    if choice is not None:
        return _chosen(state, choice[0], choice[1], candidates=candidates)
    usage: LLMUsage = {"calls": 0, "input_tokens": 0, "output_tokens": 0}
    usage.update(state.get("llm") or {})
    # A name the question gives that no service has is a fact to put to the user, not a tie.
    picked, why = (
        ([], "") if missing else _model_pick(context_of(runtime), state, candidates, usage, names)
    )
    if picked:
        reason = f"{', '.join(picked)} was chosen with the chat model's help: {why}"
        return _chosen(state, picked, reason, candidates=candidates, llm=usage)
    emit(
        "choose_services",
        f"the question names {_quoted(missing)}, which no service has: asking"
        if missing
        else f"no clear match among {names}: asking",
    )
    return Command(
        goto="ask_service",
        update={
            "candidates": candidates,
            "answer_error": None,
            "llm": usage,
            "unmatched_names": missing,
        },
    )


def _quoted(names: list[str]) -> str:
    return ", ".join(repr(name) for name in names)


def service_question(state: State) -> Question:
    """Return the service question, with the ranked candidates and the last refusal."""
    candidates = state.get("candidates") or []
    lines = []
    if state.get("answer_error"):
        lines.append(str(state.get("answer_error")))
    unmatched = state.get("unmatched_names") or []
    if unmatched:
        sending = [c["name"] for c in candidates if c["name"] not in _stopped_names(state)]
        lines.append(
            f"The question names {_quoted(unmatched)}, but no service called that has sent "
            f"profiles in the last {LOOKBACK_DAYS} days; the services with data are: "
            f"{', '.join(sending) or 'none'}. Is the question about one of them? (If not, "
            "point PROFILECLI_URL or --recording at the Pyroscope it sends to.)"
        )
    lines.append(f"Which service is the question about? ({state.get('question', '')!r})")
    stopped = _stopped_names(state)
    for candidate in candidates:
        mark = " [this checkout]" if candidate["matches_checkout"] else ""
        mark += " [stopped sending]" if candidate["name"] in stopped else ""
        lines.append(
            f"  - {candidate['name']}{mark}: {candidate['repository'] or 'no repository label'}"
        )
    lines.append("Answer with one or more of the names, separated by commas.")
    return Question(
        kind="choose_service",
        message="\n".join(lines),
        options=[
            {
                "value": candidate["name"],
                "repository": candidate["repository"],
                "matches_checkout": candidate["matches_checkout"],
                "reason": candidate["reason"],
            }
            for candidate in candidates
        ],
    )


_SEPARATOR = re.compile(r"[,\s]+")


def ask_service(
    state: State, runtime: Runtime[Context]
) -> Command[Literal["choose_profile_type", "ask_service", "explain_stopped"]]:
    """Ask which services to analyse (an interrupt); refuse names that were not offered."""
    question = service_question(state)
    reply = interrupt(question.model_dump(), response_schema=response_schema("choose_service"))
    try:
        answer = parse_answer("choose_service", reply)
    except UserInputError as refused:
        emit("ask_service", f"refused the answer: {refused.message}")
        return Command(goto="ask_service", update={"answer_error": refused.message})
    names = [part for name in answer.services for part in _SEPARATOR.split(name) if part]
    unknown = _unknown_services(names, state)
    if unknown or not names:
        offered = ", ".join(c["name"] for c in state.get("candidates") or [])
        error = f"{', '.join(repr(n) for n in unknown)} is not one of the services: {offered}."
        emit("ask_service", f"refused the answer: {error}")
        return Command(goto="ask_service", update={"answer_error": error})
    reason = f"{', '.join(names)} was chosen by the user among {len(state.get('candidates') or [])}"
    reason += " candidates"
    unmatched = state.get("unmatched_names") or []
    if unmatched:
        reason += f"; the question named {_quoted(unmatched)}, which no service has"
    return _chosen(state, names, reason, step="ask_service", answer_error=None)
