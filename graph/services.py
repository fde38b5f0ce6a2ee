"""Nodes of the first phase: tools, connection, the configuration question, services.

Steps 1-5 of the workflow: find the tools and choose the source, check the connection with
the seed's first query, wait for configuration when it fails, discover the services and their
repositories, and choose the services the question is about (asking when it is not clear).
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any, Literal, cast

from langgraph.runtime import Runtime
from langgraph.types import Command, interrupt

from profile_insights.agent.code.gitref import origin_url, same_repository
from profile_insights.graph.sources import choose_kind, open_source, settings_for
from profile_insights.graph.context import Context
from profile_insights.agent.errors import (
    AuthenticationError,
    ConfigurationError,
    ConnectionFailedError,
    ToolFailedError,
    ToolNotFoundError,
    UserInputError,
)
from profile_insights.agent.analysis.service_pick import pick_services
from profile_insights.agent.profiles.pprof_cli import locate_pprof
from profile_insights.agent.pyroscope.profilecli_source import detect_profilecli
from profile_insights.agent.pyroscope.source import ProfileSource, SourceKind
from profile_insights.agent.analysis.selection import RankedService, clear_choice, rank_services
from profile_insights.graph.progress import emit
from profile_insights.graph.state import (
    Candidate,
    ConnectionAnswer,
    ConnectionProblem,
    LLMUsage,
    Question,
    ServiceAnswer,
    ServiceInfo,
    State,
)

DAY = timedelta(hours=24)


def context_of(runtime: Runtime[Context]) -> Context:
    """Return the run's context (a default one when the caller passed none)."""
    return runtime.context if runtime.context is not None else Context()


def source_of(state: State, context: Context) -> ProfileSource:
    """Return the source the check-tools step chose, with the user's connection answers."""
    tools = state.get("tools") or {}
    connection = state.get("connection") or {}
    kind = tools.get("source_kind") or choose_kind(context, None)
    if kind not in ("recording", "profilecli", "http"):
        raise ConfigurationError(f"unknown source kind {kind!r} in the thread's state")
    return open_source(
        context,
        cast(SourceKind, kind),
        connection.get("url"),
        connection.get("tenant"),
    )


def check_tools(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Detect profilecli and pprof, and choose the source (recording, profilecli or HTTP)."""
    context = context_of(runtime)
    profilecli = None
    if context.source is None and context.recording is None:
        profilecli = detect_profilecli()
    try:
        pprof: str | None = locate_pprof().description
    except ToolNotFoundError:
        if context.use_pprof_tool:
            raise
        pprof = None
    kind = choose_kind(context, profilecli)
    emit(
        "check_tools",
        f"source: {kind}; profilecli: {profilecli or 'not installed'}; "
        f"pprof: {pprof or 'not installed (the native reader is used)'}",
    )
    # A thread may be reused for a new question: start every derived field afresh so nothing
    # (attempts, token counts, dropped claims) carries over from the previous run.
    return {
        "tools": {"profilecli": profilecli, "pprof": pprof, "source_kind": kind},
        "connection_problem": None,
        "connection_attempts": 0,
        "candidates": [],
        "chosen_services": [],
        "service_reason": "",
        "answer_error": None,
        "type_note": None,
        "attempts": [],
        "outcome": "report",
        "absence_reason": "",
        "profile_path": None,
        "profile_digest": None,
        "table": None,
        "commands": [],
        "matches": [],
        "git": None,
        "findings": [],
        "summary": "",
        "analysis_note": None,
        "mapping_note": None,
        "dropped_claims": 0,
        "llm": {"calls": 0, "input_tokens": 0, "output_tokens": 0},
        "report": {},
        "rendered": "",
    }


def check_connection(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Run the seed's first query (series of ``__profile_type__``) and remember the types."""
    context = context_of(runtime)
    tools = dict(state.get("tools") or {})
    attempts = state.get("connection_attempts", 0) + 1
    connection = state.get("connection") or {}
    if tools.get("source_kind") in ("profilecli", "http") and context.source is None:
        settings = settings_for(context, connection.get("url"), connection.get("tenant"))
        if not settings.url:
            problem: ConnectionProblem = {
                "kind": "unset",
                "message": "PROFILECLI_URL is not set, so there is no Pyroscope server to ask.",
            }
            emit("check_connection", problem["message"])
            return {"connection_problem": problem, "connection_attempts": attempts}
    try:
        source = source_of(state, context)
        now = source.now()
        series = source.series("{}", ["__profile_type__"], now - DAY, now)
    except AuthenticationError as error:
        problem = {"kind": "auth", "message": error.message}
    except (ConnectionFailedError, ConfigurationError) as error:
        problem = {"kind": "unreachable", "message": error.message}
    else:
        types = sorted(
            {s.labels["__profile_type__"] for s in series if "__profile_type__" in s.labels}
        )
        tools["source"] = source.describe()
        emit("check_connection", f"connected to {tools['source']}: {len(types)} profile types")
        return {
            "tools": tools,
            "available_types": types,
            "connection_problem": None,
            "connection_attempts": attempts,
        }
    emit("check_connection", f"connection failed ({problem['kind']}): {problem['message']}")
    return {"connection_problem": problem, "connection_attempts": attempts}


def configuration_question(problem: ConnectionProblem) -> Question:
    """Return the question that explains the two ways to connect and the error seen."""
    message = (
        f"profile-insights cannot query Pyroscope: {problem['message']}\n"
        "Connect in one of two ways:\n"
        "  a) a local Pyroscope on port 4040: answer http://localhost:4040\n"
        "  b) Grafana: answer the data-source proxy URL "
        "https://<grafana>/api/datasources/proxy/uid/<datasource-uid> and provide a Grafana "
        "service-account token with the Viewer role (PROFILECLI_TOKEN, or the token prompt; "
        "it is kept in memory only).\n"
        "Answer with a URL (optionally a tenant), or 'retry' once the environment is fixed."
    )
    if problem["kind"] == "auth":
        message += "\nThe server refused the credentials: check the token and the tenant ID."
    return Question(
        kind="configure_connection",
        message=message,
        options=[
            {"value": "http://localhost:4040", "label": "a local Pyroscope on :4040"},
            {
                "value": "https://<grafana>/api/datasources/proxy/uid/<datasource-uid>",
                "label": "a Grafana data-source proxy URL (with a Viewer token)",
            },
            {"value": "retry", "label": "retry with the current settings"},
        ],
    )


def await_configuration(
    state: State, runtime: Runtime[Context]
) -> Command[Literal["check_connection"]]:
    """Ask how to connect (an interrupt), then go back to the connection check.

    The answer holds a URL, a tenant or "retry"; a token never travels in it: the caller puts
    it in the context's secret store before resuming.
    """
    problem = state.get("connection_problem") or {"kind": "error", "message": "unknown error"}
    context = context_of(runtime)
    if state.get("connection_attempts", 0) > context.limits.max_connection_attempts:
        error = AuthenticationError if problem["kind"] == "auth" else ConnectionFailedError
        raise error(
            f"still cannot query Pyroscope after {context.limits.max_connection_attempts}"
            f" attempts: {problem['message']}"
        )
    question = configuration_question(problem)
    answer = interrupt(question.model_dump(), response_schema=ConnectionAnswer)
    if not isinstance(answer, ConnectionAnswer):
        answer = ConnectionAnswer.model_validate(answer)
    connection = dict(state.get("connection") or {})
    if answer.url:
        connection["url"] = answer.url
    if answer.tenant:
        connection["tenant"] = answer.tenant
    emit("await_configuration", f"answer received: {connection.get('url') or 'retry'}")
    return Command(goto="check_connection", update={"connection": connection})


def discover_services(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """List services and their repositories, and compare them with the checkout's origin."""
    context = context_of(runtime)
    source = source_of(state, context)
    now = source.now()
    series = source.series("{}", ["service_name", "service_repository"], now - DAY, now)
    try:
        origin = origin_url(context.repo)
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
    matching = [service["name"] for service in catalog if service["matches_checkout"]]
    emit(
        "discover_services",
        f"{len(catalog)} services"
        + (f"; this checkout is {', '.join(matching)}" if matching else ""),
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


def _chosen(services: list[str], reason: str, **update: Any) -> Command[Any]:
    emit("choose_services", reason)
    return Command(
        goto="choose_profile_type",
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
    pick = pick_services(context.model, state.get("question", ""), [dict(c) for c in candidates])
    usage["calls"] += 1
    usage["input_tokens"] += pick.input_tokens
    usage["output_tokens"] += pick.output_tokens
    return pick.services, pick.reason


def choose_services(
    state: State, runtime: Runtime[Context]
) -> Command[Literal["choose_profile_type", "ask_service"]]:
    """Match the question to services: go on when one is clear, otherwise ask."""
    catalog = state.get("catalog") or []
    names = ", ".join(service["name"] for service in catalog) or "none"
    if not catalog:
        raise UserInputError(
            "Pyroscope has no service with data in the last 24 hours.",
            "Check that your services push profiles (service_name label) and the URL/tenant.",
        )
    wanted = _given_services(state, names)
    if wanted:
        return _chosen(wanted, f"{', '.join(wanted)} was given with --service")
    ranked = _candidates(state)
    candidates = [_as_candidate(item) for item in ranked]
    choice = clear_choice(ranked)
    if choice is not None:
        return _chosen(choice[0], choice[1], candidates=candidates)
    usage: LLMUsage = {"calls": 0, "input_tokens": 0, "output_tokens": 0}
    usage.update(state.get("llm") or {})
    picked, why = _model_pick(context_of(runtime), state, candidates, usage, names)
    if picked:
        reason = f"{', '.join(picked)} was chosen with the chat model's help: {why}"
        return _chosen(picked, reason, candidates=candidates, llm=usage)
    emit("choose_services", f"no clear match among {names}: asking")
    return Command(
        goto="ask_service",
        update={"candidates": candidates, "answer_error": None, "llm": usage},
    )


def service_question(state: State) -> Question:
    """Return the service question, with the ranked candidates and the last refusal."""
    candidates = state.get("candidates") or []
    lines = []
    if state.get("answer_error"):
        lines.append(str(state.get("answer_error")))
    lines.append(f"Which service is the question about? ({state.get('question', '')!r})")
    for candidate in candidates:
        mark = " [this checkout]" if candidate["matches_checkout"] else ""
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
) -> Command[Literal["choose_profile_type", "ask_service"]]:
    """Ask which services to analyse (an interrupt); refuse names that were not offered."""
    question = service_question(state)
    answer = interrupt(question.model_dump(), response_schema=ServiceAnswer)
    if not isinstance(answer, ServiceAnswer):
        answer = ServiceAnswer.model_validate(answer)
    names = [part for name in answer.services for part in _SEPARATOR.split(name) if part]
    unknown = _unknown_services(names, state)
    if unknown or not names:
        offered = ", ".join(c["name"] for c in state.get("candidates") or [])
        error = f"{', '.join(repr(n) for n in unknown)} is not one of the services: {offered}."
        emit("ask_service", f"refused the answer: {error}")
        return Command(goto="ask_service", update={"answer_error": error})
    reason = f"{', '.join(names)} was chosen by the user among {len(state.get('candidates') or [])}"
    reason += " candidates"
    emit("ask_service", reason)
    return Command(
        goto="choose_profile_type",
        update={"chosen_services": names, "service_reason": reason, "answer_error": None},
    )
