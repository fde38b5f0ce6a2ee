"""The one entry point: ask a question, answer the graph's questions, get the report.

The CLI, the MCP server, the LangChain tool and embedders all call :func:`ask` and
:func:`resume`; none runs the graph its own way. A run ends in a :class:`Report`, or in
:class:`NeedsInput` when the graph asks the user something (which service, how to connect):
answer it with :func:`resume` and the same ``thread_id``, in this process or, with a persistent
checkpointer (the CLI's SQLite one), in another.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command
from pydantic import BaseModel, ValidationError

from profile_insights.graph.context import (
    Context,
    Limits,
    OutputFormat,
    SecretStore,
    ServerAddress,
)
from profile_insights.agent.errors import UserInputError
from profile_insights.agent.report.models import Report

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from profile_insights.agent.pyroscope.source import ProfileSource
    from profile_insights.graph.builder import CompiledGraph
    from profile_insights.graph.state import InputState

QuestionKind = Literal["configure_connection", "choose_service"]
Progress = Callable[[str, str], None]
"""Called with (step, detail) for every progress event of the run."""


class PendingQuestion(BaseModel):
    """What the graph asks: the kind, a message for a person, and the options offered."""

    kind: QuestionKind
    message: str
    options: list[dict[str, Any]] = []


class NeedsInput(BaseModel):
    """The run stopped at a question; answer it with :func:`resume` on the same thread."""

    status: Literal["needs_input"] = "needs_input"
    thread_id: str
    question: PendingQuestion

    def to_json_dict(self) -> dict[str, Any]:
        """Return the documented JSON form printed by ``--no-input``."""
        return self.model_dump(mode="json")


_default_saver = InMemorySaver()
_default_graph: list[CompiledGraph] = []
_graph_lock = threading.Lock()


def default_checkpointer() -> BaseCheckpointSaver[Any]:
    """Return the in-process checkpointer used when the caller gives none."""
    return _default_saver


def compiled_graph(checkpointer: BaseCheckpointSaver[Any] | None = None) -> CompiledGraph:
    """Return the graph compiled with ``checkpointer`` (the default one is compiled once)."""
    from profile_insights.graph.builder import build_graph

    if checkpointer is not None:
        return build_graph(checkpointer=checkpointer)
    with _graph_lock:
        if not _default_graph:
            _default_graph.append(build_graph(checkpointer=_default_saver))
        return _default_graph[0]


def make_context(
    *,
    repo: str | Path = ".",
    source: ProfileSource | None = None,
    recording: str | Path | None = None,
    url: str | None = None,
    tenant: str | None = None,
    token: str | None = None,
    model: BaseChatModel | None = None,
    interactive: bool = False,
    output_format: OutputFormat = "markdown",
    limits: Limits | None = None,
    use_pprof_tool: bool = False,
    cache_dir: str | Path | None = None,
) -> Context:
    """Return a run-time context; ``url``/``tenant``/``token`` default to ``PROFILECLI_*``."""
    secrets = SecretStore.from_environment()
    if token:
        secrets.set("token", token)
    defaults = Context(secrets=secrets)
    context = Context(
        source=source,
        recording=Path(recording) if recording is not None else None,
        connection=ServerAddress(
            url=url or defaults.connection.url, tenant=tenant or defaults.connection.tenant
        ),
        repo=Path(repo).resolve(),
        model=model,
        interactive=interactive,
        output_format=output_format,
        limits=limits or Limits(),
        use_pprof_tool=use_pprof_tool,
        secrets=secrets,
    )
    if cache_dir is not None:
        context.cache_dir = Path(cache_dir)
    return context


def answer_value(kind: str, answer: Any) -> dict[str, Any]:
    """Turn an answer as a person types it into the value the question's schema expects.

    ``choose_service``: ``"a"``, ``"a,b"`` or a list of names. ``configure_connection``: a
    URL, ``"retry"``, or a JSON object ``{"url": ..., "tenant": ...}``.
    """
    if isinstance(answer, Mapping):
        return dict(answer)
    if kind == "choose_service":
        if isinstance(answer, str):
            names = [part.strip() for part in answer.split(",") if part.strip()]
        else:
            names = [str(part).strip() for part in answer]
        if not names:  # the schema would say "List should have at least 1 item"
            raise UserInputError(
                "the answer names no service",
                "Answer with one or more of the listed service names, separated by commas; "
                "the question is still pending.",
            )
        return {"services": names}
    text = str(answer).strip()
    if text.startswith("{"):
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as error:
            raise UserInputError(
                f"the answer is not valid JSON: {error.msg}",
                'Answer with a URL, "retry", or a JSON object such as '
                '{"url": "http://localhost:4040", "tenant": "team-a"}.',
            ) from error
        if isinstance(parsed, dict):
            return parsed
    if text.lower() in ("retry", "r", ""):
        return {"retry": True}
    return {"url": text}


def _pending(graph: CompiledGraph, config: dict[str, Any]) -> NeedsInput | None:
    snapshot = graph.get_state(RunnableConfig(configurable=dict(config["configurable"])))
    for item in snapshot.interrupts:
        value = item.value
        if isinstance(value, dict) and value.get("kind") in (
            "configure_connection",
            "choose_service",
        ):
            return NeedsInput(
                thread_id=config["configurable"]["thread_id"],
                question=PendingQuestion.model_validate(value),
            )
    return None


def _run(
    graph: CompiledGraph,
    payload: InputState | Command[Any],
    config: dict[str, Any],
    context: Context,
    on_progress: Progress | None,
) -> None:
    for part in graph.stream(
        payload,
        RunnableConfig(configurable=dict(config["configurable"])),
        context=context,
        stream_mode=["custom"],
        version="v2",
    ):
        if on_progress is not None and part["type"] == "custom":
            data = part["data"]
            if isinstance(data, dict):
                on_progress(str(data.get("step", "")), str(data.get("detail", "")))


def _finish(
    graph: CompiledGraph,
    config: dict[str, Any],
    context: Context,
    answers: dict[str, Any],
    on_progress: Progress | None,
) -> Report | NeedsInput:
    while True:
        pending = _pending(graph, config)
        if pending is None:
            values = graph.get_state(
                RunnableConfig(configurable=dict(config["configurable"]))
            ).values
            if not values.get("report"):
                raise UserInputError("the run ended without a report", "Run the question again.")
            return Report.model_validate(values["report"])
        kind = pending.question.kind
        if kind not in answers:
            return pending
        _resume_once(graph, config, context, kind, answers.pop(kind), on_progress)


def _resume_once(
    graph: CompiledGraph,
    config: dict[str, Any],
    context: Context,
    kind: str,
    answer: Any,
    on_progress: Progress | None,
) -> None:
    from profile_insights.graph.state import ConnectionAnswer, ServiceAnswer

    value = answer_value(kind, answer)
    schema = ConnectionAnswer if kind == "configure_connection" else ServiceAnswer
    try:
        # Checked before it reaches the graph: LangGraph saves a resume value with the thread,
        # and a refused answer (a URL carrying a password) must never be written there.
        schema.model_validate(value)
        _run(graph, Command(resume=value), config, context, on_progress)
    except ValidationError as error:
        problem = error.errors()[0]
        where = ".".join(str(part) for part in problem.get("loc", ()))
        raise UserInputError(
            f"the answer was refused: {where + ': ' if where else ''}{problem.get('msg')}",
            "Answer again with a value the question accepts; the question is still pending.",
        ) from error


def ask(
    question: str,
    *,
    repo: str | Path = ".",
    source: ProfileSource | None = None,
    recording: str | Path | None = None,
    url: str | None = None,
    model: BaseChatModel | None = None,
    answers: Mapping[str, Any] | None = None,
    services: Sequence[str] | None = None,
    profile_type: str | None = None,
    time_from: str | None = None,
    time_to: str | None = None,
    output_format: OutputFormat = "markdown",
    thread_id: str | None = None,
    checkpointer: BaseCheckpointSaver[Any] | None = None,
    context: Context | None = None,
    on_progress: Progress | None = None,
    graph: CompiledGraph | None = None,
) -> Report | NeedsInput:
    """Answer a performance question; return the report or the question the graph asks.

    Args:
        question: The question, e.g. "Why is the ingester slow?".
        repo: The git checkout of the profiled service.
        source: A ready profile source (wins over ``recording`` and ``url``).
        recording: A recording directory to read instead of a server.
        url: The Pyroscope URL (default ``PROFILECLI_URL``).
        model: A LangChain chat model for the source-code analysis; None = deterministic.
        answers: Answers given up front, by question kind (``choose_service``,
            ``configure_connection``), used when the graph asks.
        services: Services to analyse (skips the service question).
        profile_type: A profile type ID (skips the choice from the question).
        time_from: Explicit start (disables widening); ``time_to`` defaults to now.
        time_to: Explicit end.
        output_format: How the graph renders its report (``markdown`` or ``json``).
        thread_id: The thread to run on (a new one by default).
        checkpointer: Where threads are kept (default: in this process's memory).
        context: A ready context (then repo/source/recording/url/model are ignored).
        on_progress: Called with (step, detail) for each progress event.
        graph: A graph from ``build_graph(checkpointer=...)`` to run (then ``checkpointer`` is
            ignored); by default one is compiled with ``checkpointer``.
    """
    if context is None:
        context = make_context(
            repo=repo,
            source=source,
            recording=recording,
            url=url,
            model=model,
            output_format=output_format,
        )
    graph = graph if graph is not None else compiled_graph(checkpointer)
    config = {"configurable": {"thread_id": thread_id or uuid.uuid4().hex}}
    payload = input_state(question, services, profile_type, time_from, time_to)
    _run(graph, payload, config, context, on_progress)
    return _finish(graph, config, context, dict(answers or {}), on_progress)


def input_state(
    question: str,
    services: Sequence[str] | None = None,
    profile_type: str | None = None,
    time_from: str | None = None,
    time_to: str | None = None,
) -> InputState:
    """Return the graph's input for a question and the choices made up front (unset omitted).

    Raises:
        UserInputError: the question is empty (every way in asks through here).
    """
    if not question.strip():
        raise UserInputError(
            "the question is empty", "Ask about a service, e.g. 'Why is checkout slow?'"
        )
    payload: InputState = {"question": question}
    if services:
        payload["services"] = list(services)
    if profile_type:
        payload["profile_type"] = profile_type
    if time_from:
        payload["time_from"] = time_from
    if time_to:
        payload["time_to"] = time_to
    return payload


def ask_or_continue(
    question: str,
    *,
    context: Context,
    checkpointer: BaseCheckpointSaver[Any],
    services: Sequence[str] | None = None,
    profile_type: str | None = None,
    time_from: str | None = None,
    time_to: str | None = None,
    thread_id: str | None = None,
    answer: Any = None,
) -> Report | NeedsInput:
    """Serve one call of a tool-style host (MCP, LangChain): ask, answer, or re-show a question.

    Without ``thread_id``: :func:`ask` on a new thread. With ``thread_id`` and ``answer``:
    :func:`resume`. With ``thread_id`` alone: the question that thread still waits on.

    Raises:
        UserInputError: ``thread_id`` names no thread waiting for an answer.
    """
    if thread_id and answer is not None:
        return resume(thread_id, answer, context=context, checkpointer=checkpointer)
    if thread_id:
        pending = pending_question(thread_id, checkpointer=checkpointer)
        if pending is None:
            raise UserInputError(
                f"thread {thread_id} is not waiting for an answer",
                "Call again without thread_id to ask a new question.",
            )
        return pending
    return ask(
        question,
        context=context,
        services=services,
        profile_type=profile_type,
        time_from=time_from,
        time_to=time_to,
        checkpointer=checkpointer,
    )


def result_text(result: Report | NeedsInput) -> str:
    """Return what a tool hands back: the Markdown report, or the pending question as JSON."""
    if isinstance(result, Report):
        return render(result, "markdown")
    # The host relays this to its user and calls again with thread_id and answer.
    return json.dumps(result.to_json_dict(), indent=2)


def pending_question(
    thread_id: str,
    *,
    checkpointer: BaseCheckpointSaver[Any] | None = None,
    graph: CompiledGraph | None = None,
) -> NeedsInput | None:
    """Return the question a thread waits on, or None."""
    graph = graph if graph is not None else compiled_graph(checkpointer)
    return _pending(graph, {"configurable": {"thread_id": thread_id}})


def resume(
    thread_id: str,
    answer: Any,
    *,
    context: Context | None = None,
    token: str | None = None,
    checkpointer: BaseCheckpointSaver[Any] | None = None,
    on_progress: Progress | None = None,
    graph: CompiledGraph | None = None,
    **context_options: Any,
) -> Report | NeedsInput:
    """Answer the question a thread waits on and run it on to the report (or the next one).

    Args:
        thread_id: The thread of the :class:`NeedsInput`.
        answer: The answer (see :func:`answer_value` for the accepted forms).
        context: The run-time context (the context is not saved with the thread, so give the
            same source/recording/repo/model as the first call); built from
            ``context_options`` (the keywords of :func:`make_context`) when omitted.
        token: A token typed by the user; it goes to the context's secret store only.
        checkpointer: The checkpointer that holds the thread.
        on_progress: Called with (step, detail) for each progress event.
        graph: The compiled graph holding the thread (default: compiled with ``checkpointer``).
        **context_options: Keywords for :func:`make_context`.
    """
    if context is None:
        context = make_context(**context_options)
    if token:
        context.secrets.set("token", token)
    graph = graph if graph is not None else compiled_graph(checkpointer)
    config = {"configurable": {"thread_id": thread_id}}
    pending = _pending(graph, config)
    if pending is None:
        raise UserInputError(
            f"thread {thread_id} is not waiting for an answer",
            "Check the thread ID (and --state-dir), or ask the question again.",
        )
    _resume_once(graph, config, context, pending.question.kind, answer, on_progress)
    return _finish(graph, config, context, {}, on_progress)


def render(report: Report, output_format: OutputFormat = "markdown") -> str:
    """Render a report as Markdown or JSON with the project's templates."""
    from profile_insights.graph.report import render_text

    return render_text(report, output_format)
