"""The one entry point: ask a question, answer the graph's questions, get the report.

The CLI, the MCP server, the LangChain tool and embedders all call :func:`ask` and
:func:`resume`; none runs the graph its own way. A run ends in a :class:`Report`, or in
:class:`NeedsInput` when the graph asks the user something (which service, how to connect):
answer it with :func:`resume` and the same ``thread_id``, in this process or, with a persistent
checkpointer (:func:`thread_store`: SQLite in a state directory, or Postgres), in another
process or on another machine. The thread's non-secret options travel with it, so a
:func:`resume` there rebuilds the same context; only one run answers a thread at a time.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langgraph.checkpoint.base import BaseCheckpointSaver

from profile_insights.agent.arguments import Investigation, ToolArguments
from profile_insights.agent.errors import ThreadConflictError, UserInputError, shown
from profile_insights.agent.profiles.decoded import decoded_file
from profile_insights.agent.pyroscope.credentials import SecretStore, ServerAddress
from profile_insights.agent.pyroscope.retry import request_timeout
from profile_insights.agent.report.models import Report
from profile_insights.agent.report.render import OutputFormat, render_text
from profile_insights.agent.runs import (
    NeedsInput,
    Progress,
    RunHooks,
    StepStarted,
    compiled_graph,
    continue_run,
    cut_off_at,
    default_checkpointer,
    finish,
    pending,
    resume_once,
    stream_run,
    thread_exists,
)
from profile_insights.agent.threads.location import GIVEN_STORE, GIVEN_STORE_HINT
from profile_insights.agent.threads.options import ThreadOptions, options_of, stored_options
from profile_insights.agent.threads.store import claim_thread, thread_store
from profile_insights.graph.builder import CompiledGraph
from profile_insights.graph.context import Context, Limits
from profile_insights.graph.questions import Question
from profile_insights.graph.state import InputState

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from profile_insights.agent.pyroscope.source import ProfileSource

PendingQuestion = Question
"""What the graph asks: the kind, a message for a person, and the options offered."""

__all__ = [
    "NeedsInput",
    "PendingQuestion",
    "Progress",
    "Investigation",
    "ToolArguments",
    "ask",
    "input_state",
    "make_context",
    "pending_question",
    "render",
    "resume",
    "thread_store",
]


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
    timeout: float | None = None,
) -> Context:
    """Return a run-time context; ``url``/``tenant``/``token`` default to ``PROFILECLI_*``.

    ``timeout`` is the seconds each request to Pyroscope may take (default
    PROFILE_INSIGHTS_TIMEOUT, else 60); one query with its retries takes at most twice that.

    Raises:
        ConfigurationError: ``timeout`` is not a positive number of seconds.
    """
    checked_repo = _usable_path(repo, "repo", "Give the path of the service's checkout.")
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
        repo=checked_repo,
        model=model,
        interactive=interactive,
        output_format=output_format,
        limits=limits or Limits(),
        use_pprof_tool=use_pprof_tool,
        secrets=secrets,
        timeout=request_timeout(timeout) if timeout is not None else None,
    )
    if cache_dir is not None:
        context.cache_dir = _usable_path(
            cache_dir, "cache_dir", "Give a directory profiles may be cached in."
        )
        try:
            context.cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UserInputError(
                f"cache_dir {shown(cache_dir)} cannot be created: {error.strerror or error}",
                "Give a writable directory for the cached profiles.",
            ) from None
    return context


def context_for(options: ThreadOptions, **overrides: Any) -> Context:
    """Return a context rebuilt from a thread's stored options (``overrides`` win)."""
    settings: dict[str, Any] = {
        "repo": options.repo,
        "recording": options.recording,
        "url": options.live_url(),
        "tenant": options.tenant,
        "output_format": options.output_format,
        "use_pprof_tool": options.pprof,
    }
    return make_context(**(settings | overrides))


def _usable_path(path: str | Path, name: str, hint: str) -> Path:
    """Return ``path`` resolved, refusing one no file system can hold (too long, a NUL byte).

    Raises:
        UserInputError: the path cannot exist on this machine.
    """
    try:
        resolved = Path(path).resolve()
        resolved.exists()  # raises for a name or path longer than the file system allows
        return resolved
    except (OSError, ValueError, RuntimeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise UserInputError(f"{name} {shown(path)} cannot exist here ({reason})", hint) from None


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
    options: ThreadOptions | None = None,
    on_step: StepStarted | None = None,
    baseline_from: str | None = None,
    baseline_to: str | None = None,
    baseline_ref: str | None = None,
    ref: str | None = None,
    breakdown_label: str | None = None,
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
        options: The options stored with the thread for :func:`resume` (default: read from
            the context; give them to record a ``--model`` spec).
        on_step: Called with each node's name as it starts.
        baseline_from: Compare with the window from this time (e.g. ``now-25h``).
        baseline_to: End of that window (default now; needs ``baseline_from``).
        baseline_ref: Compare with this deploy (a ``service_git_ref`` value or its prefix).
        ref: The deploy compared with ``baseline_ref`` (default: the latest with data).
        breakdown_label: Break the cost down by this label (``span_name``, ``pod``, ...).

    Raises:
        UserInputError: the question is empty, or the comparison options do not fit together.
    """
    investigation = Investigation(
        baseline_from=baseline_from,
        baseline_to=baseline_to,
        baseline_ref=baseline_ref,
        ref=ref,
        breakdown_label=breakdown_label,
    )
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
    thread = thread_id or uuid.uuid4().hex
    payload = input_state(question, services, profile_type, time_from, time_to, investigation)
    hooks = RunHooks(on_progress, on_step, (options or options_of(context)).metadata())
    with claim_thread(_saver_of(graph), thread):
        stream_run(graph, payload, thread, context, hooks)
        return finish(graph, thread, context, dict(answers or {}), hooks)


def _saver_of(graph: CompiledGraph) -> BaseCheckpointSaver[Any]:
    saver = graph.checkpointer
    return saver if isinstance(saver, BaseCheckpointSaver) else default_checkpointer()


def input_state(
    question: str,
    services: Sequence[str] | None = None,
    profile_type: str | None = None,
    time_from: str | None = None,
    time_to: str | None = None,
    investigation: Investigation | None = None,
) -> InputState:
    """Return the graph's input for a question and the choices made up front (unset omitted).

    Raises:
        UserInputError: the question is empty, ``time_to`` comes without ``time_from``, or
            the investigation's options do not fit together (every way in asks through here).
    """
    if not question.strip():
        raise UserInputError(
            "the question is empty", "Ask about a service, e.g. 'Why is checkout slow?'"
        )
    if time_to and not time_from:
        # It would be ignored (the window widens from now): say so, as the CLI's --to does.
        raise UserInputError(
            f"time_to ({shown(time_to, 40)}) was given without time_from",
            "Give time_from too (e.g. now-2h), or leave both out to look back from now.",
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
    if investigation is not None:
        payload.update(investigation.input_fields())  # type: ignore[typeddict-item]
    return payload


def pending_question(
    thread_id: str,
    *,
    checkpointer: BaseCheckpointSaver[Any] | None = None,
    graph: CompiledGraph | None = None,
) -> NeedsInput | None:
    """Return the question a thread waits on, or None."""
    graph = graph if graph is not None else compiled_graph(checkpointer)
    return pending(graph, thread_id)


def resume(
    thread_id: str,
    answer: Any = None,
    *,
    context: Context | None = None,
    token: str | None = None,
    checkpointer: BaseCheckpointSaver[Any] | None = None,
    on_progress: Progress | None = None,
    graph: CompiledGraph | None = None,
    on_step: StepStarted | None = None,
    store_name: str = GIVEN_STORE,
    store_hint: str = GIVEN_STORE_HINT,
    **context_options: Any,
) -> Report | NeedsInput:
    """Answer the question a thread waits on and run it on to the report (or the next one).

    Without an answer, a thread whose run was cut off (killed, Ctrl-C) continues from its
    last saved step, and a thread waiting on a question returns that question.

    Args:
        thread_id: The thread of the :class:`NeedsInput`.
        answer: The answer (see :func:`answer_value` for the accepted forms), or None.
        context: The run-time context; by default rebuilt from the options stored with the
            thread (its checkout, recording or server, format), with ``context_options``
            (the keywords of :func:`make_context`, e.g. ``model=``) on top.
        token: A token typed by the user; it goes to the context's secret store only.
        checkpointer: The checkpointer that holds the thread.
        on_progress: Called with (step, detail) for each progress event.
        graph: The compiled graph holding the thread (default: compiled with ``checkpointer``).
        on_step: Called with each node's name as it starts.
        store_name: How messages name the store.
        store_hint: How messages say to reach it again.
        **context_options: Keywords for :func:`make_context`.

    Raises:
        UserInputError: no such thread, or the answer does not fit the question.
        ThreadConflictError: another run is answering the thread, or one already did.
    """
    graph = graph if graph is not None else compiled_graph(checkpointer)
    saver = _saver_of(graph)
    options = stored_options(saver, thread_id)
    if context is None:
        context = (
            context_for(options, **context_options)
            if options is not None
            else make_context(**context_options)
        )
    if token:
        context.secrets.set("token", token)
    hooks = RunHooks(on_progress, on_step, (options or options_of(context)).metadata())
    waiting = pending(graph, thread_id) if answer is None else None
    if waiting is not None:
        return waiting  # only read: no claim, so it works while another run writes
    with claim_thread(saver, thread_id):  # read under the claim: the thread may have moved on
        waiting = pending(graph, thread_id)
        if waiting is not None:
            if answer is None:
                return waiting
            resume_once(graph, thread_id, context, waiting.question.kind, answer, hooks)
            return finish(graph, thread_id, context, {}, hooks)
        stopped_at = cut_off_at(graph, thread_id)
        if stopped_at:
            kept = " (the answer given earlier is kept)" if answer is not None else ""
            if on_progress is not None:
                on_progress("resume", f"stopped during {', '.join(stopped_at)}: continuing{kept}")
            return continue_run(graph, thread_id, context, hooks)
        if not thread_exists(graph, thread_id):
            raise UserInputError(
                f"no thread {thread_id} in {store_name}",
                f"Check the thread ID and use {store_hint}, or ask the question again.",
            )
        raise ThreadConflictError(
            f"thread {thread_id} was already answered: its report is kept with the thread",
            "Nothing was changed. Ask the question again to start a new thread.",
        )


def render(report: Report, output_format: OutputFormat = "markdown") -> str:
    """Return the report as Markdown, JSON or HTML: the graph's own text when it has it.

    A report from :func:`ask` or :func:`resume` carries the text the graph rendered in the
    context's format; another format is rendered here (HTML then has no flame graph unless the
    report's cached profile is still there).
    """
    if report.rendered and report.rendered_format == output_format:
        return report.rendered
    if output_format == "html" and report.data.profile_path:
        path = Path(report.data.profile_path)
        if path.is_file():
            decoded = decoded_file(path)
            return render_text(
                report, output_format, profile=decoded.profile, prepared=decoded.prepared
            )
    return render_text(report, output_format)
