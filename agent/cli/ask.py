"""The ``ask`` and ``resume`` commands: parse options, call :mod:`agent.api`, print.

Threads live in the thread store (:mod:`profile_insights.agent.cli.threads`: SQLite in the
state directory, or Postgres), with the options they were asked with, so ``resume`` in another
process, or on another machine sharing the Postgres store, finds the thread and rebuilds its
context. Tokens are never written: ``resume`` reads PROFILECLI_TOKEN or prompts for it.

The graph (:mod:`agent.api`, LangGraph, LangChain) is imported inside the functions that run
it, for start-up time: ``agent/cli/app.py`` imports this module for every command, and
``profile-insights top`` or ``--help`` must not pay for the graph.
"""

from __future__ import annotations

import json
import re
import shlex
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

import typer
from rich.markup import escape

from profile_insights.agent.cli.chat_model import load_model
from profile_insights.agent.cli.interrupts import RunPlace, ctrl_c_raises, stop_at_once_on_ctrl_c
from profile_insights.agent.cli.options import (
    TimeoutOption,
    check_output,
    check_path,
    check_profile_type,
    check_thread_id,
    check_url,
    output_format_of,
    timeout_of,
)
from profile_insights.agent.cli.output import (
    emit_report,
    print_progress,
    progress_console,
)
from profile_insights.agent.cli.threads import (
    StateDirOption,
    StateOption,
    store_location,
    thread_options,
)
from profile_insights.agent.errors import UserInputError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langgraph.checkpoint.base import BaseCheckpointSaver

    from profile_insights.agent.api import NeedsInput, Progress
    from profile_insights.agent.report.models import Report
    from profile_insights.agent.threads.location import StoreLocation
    from profile_insights.agent.threads.options import ThreadOptions
    from profile_insights.graph.context import Context

EXIT_NEEDS_INPUT = 10


# Options shared by ask and resume.
OutputOption = Annotated[Path | None, typer.Option(help="Write the report to this file.")]
NoInputOption = Annotated[
    bool, typer.Option("--no-input", help="Never prompt: print a pending question as JSON.")
]


def _interactive(no_input: bool) -> bool:
    return not no_input and sys.stdin.isatty()


def _resume_command(thread_id: str, location: StoreLocation) -> str:
    """Return the command that continues a thread, naming its store (never a password)."""
    command = f"profile-insights resume {thread_id}"
    if location.directory is not None:
        return f"{command} --state-dir {shlex.quote(str(location.directory))}"
    return f"{command} (with {location.option_hint()})"


def _answer_command(thread_id: str, location: StoreLocation) -> str:
    return _resume_command(thread_id, location).replace(
        f"resume {thread_id}", f"resume {thread_id} --answer VALUE", 1
    )


def _resume_hint(thread_id: str, location: StoreLocation) -> str:
    return f"waiting for an answer: {_answer_command(thread_id, location)}"


def _drive(
    result: Report | NeedsInput,
    *,
    interactive: bool,
    options: ThreadOptions,
    location: StoreLocation,
    checkpointer: BaseCheckpointSaver[Any],
    output: Path | None,
    model: BaseChatModel | None,
    place: RunPlace,
    timeout: float | None = None,
) -> None:
    """Print the report, or ask the pending questions (interactive) or print one (not)."""
    from profile_insights.agent.api import NeedsInput, context_for
    from profile_insights.agent.api import resume as api_resume

    started = [time.monotonic()]
    while isinstance(result, NeedsInput):
        if not interactive:
            typer.echo(json.dumps(result.to_json_dict()))
            progress_console.print(_resume_hint(result.thread_id, location), markup=False)
            raise typer.Exit(EXIT_NEEDS_INPUT)
        progress_console.print(f"\n[bold yellow]?[/] {escape(result.question.message)}")
        try:
            with ctrl_c_raises():
                answer = typer.prompt("answer")
        except typer.Abort:
            # Ctrl-C/Ctrl-D at the prompt: the thread is saved, say how to come back to it.
            progress_console.print(_resume_hint(result.thread_id, location), markup=False)
            raise
        token = None
        if result.question.kind == "configure_connection" and answer.strip().lower() != "retry":
            with ctrl_c_raises():
                token = typer.prompt(
                    "token (empty for none; kept in memory only)",
                    default="",
                    hide_input=True,
                    show_default=False,
                )
        place.new_question, place.step = False, None
        place.answer_command = _answer_command(result.thread_id, location)
        try:
            result = api_resume(
                result.thread_id,
                answer,
                context=context_for(options, model=model, interactive=True, timeout=timeout),
                token=token or None,
                checkpointer=checkpointer,
                on_progress=lambda step, detail: print_progress(step, detail, started),
                on_step=place.started,
            )
        except UserInputError as error:
            # The answer did not fit the question's schema; the question is still pending.
            progress_console.print(f"[bold red]![/] {escape(error.message)}")
    emit_report(result, options.output_format, output)


# A string: its types are imported for type checking only (see the module docstring).
Call: TypeAlias = (
    "Callable[[Context, BaseCheckpointSaver[Any], Progress, RunPlace], Report | NeedsInput]"
)
"""Starts or resumes a thread: (context, checkpointer, progress, place) -> result."""


def _run_thread(
    call: Call,
    *,
    thread_id: str,
    new_question: bool,
    options: ThreadOptions | None,
    location: StoreLocation,
    no_input: bool,
    output: Path | None,
    output_format: str | None = None,
    timeout: float | None = None,
) -> None:
    """Open the store, build the context from the thread's options, run ``call``, print.

    ``timeout`` (``--timeout``) bounds each request of this run; it is not kept with the thread.
    """
    from profile_insights.agent.threads.store import open_store

    interactive = _interactive(no_input)
    place = RunPlace(thread_id, _resume_command(thread_id, location), new_question)
    started = [time.monotonic()]
    # The store first: a wrong URL or a locked file fails before the graph is imported (~1.5 s).
    with open_store(location) as checkpointer, stop_at_once_on_ctrl_c(place):
        from profile_insights.agent.api import context_for

        if options is None:
            options = thread_options(checkpointer, location, thread_id)
        if output_format is not None:
            options = options.model_copy(update={"output_format": output_format_of(output_format)})
        chat_model = load_model(options.model) if options.model else None
        context = context_for(options, model=chat_model, interactive=interactive, timeout=timeout)
        result = call(
            context,
            checkpointer,
            lambda step, detail: print_progress(step, detail, started),
            place,
        )
        _drive(
            result,
            interactive=interactive,
            options=options,
            location=location,
            checkpointer=checkpointer,
            output=output,
            model=chat_model,
            place=place,
            timeout=timeout,
        )


def ask(
    question: Annotated[str, typer.Argument(help="The question, e.g. 'Why is the ingester slow?'")],
    repo: Annotated[Path, typer.Option(help="The git checkout of the service.")] = Path("."),
    recording: Annotated[
        Path | None, typer.Option(help="Read profiles from this recording directory.")
    ] = None,
    url: Annotated[str | None, typer.Option(help="Pyroscope URL (default PROFILECLI_URL).")] = None,
    tenant: Annotated[str | None, typer.Option(help="Tenant ID (X-Scope-OrgID).")] = None,
    service: Annotated[
        list[str] | None, typer.Option(help="Service to analyse (repeatable); skips the question.")
    ] = None,
    profile_type: Annotated[str | None, typer.Option(help="Profile type ID to use.")] = None,
    time_from: Annotated[
        str | None, typer.Option("--from", help="Start (now-2h, RFC3339); disables widening.")
    ] = None,
    time_to: Annotated[str | None, typer.Option("--to", help="End (default now).")] = None,
    model: Annotated[
        str | None, typer.Option(help="Chat model: provider:model or module:factory.")
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="markdown, json or html.")
    ] = "markdown",
    output: OutputOption = None,
    thread_id: Annotated[str | None, typer.Option(help="Thread ID (default: a new one).")] = None,
    no_input: NoInputOption = False,
    state: StateOption = None,
    state_dir_option: StateDirOption = None,
    pprof: Annotated[
        bool, typer.Option("--pprof", help="Build the table with the pprof tool.")
    ] = False,
    timeout: TimeoutOption = None,
    baseline_from: Annotated[
        str | None,
        typer.Option("--baseline-from", help="Compare with the window from this time (now-25h)."),
    ] = None,
    baseline_to: Annotated[
        str | None, typer.Option("--baseline-to", help="End of that window (default now).")
    ] = None,
    baseline_ref: Annotated[
        str | None,
        typer.Option("--baseline-ref", help="Compare with this deploy (a service_git_ref)."),
    ] = None,
    ref: Annotated[
        str | None,
        typer.Option("--ref", help="The deploy compared with --baseline-ref (default latest)."),
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Break the cost down by this label (pod, ...).")
    ] = None,
) -> None:
    """Answer a performance question from Pyroscope profiles and your source code."""
    fmt = output_format_of(output_format)
    seconds = timeout_of(timeout)
    check_path(repo, "--repo")
    check_path(recording, "--recording")
    check_path(state_dir_option, "--state-dir")
    check_thread_id(thread_id, "--thread-id")
    if recording is not None and url is not None:
        raise typer.BadParameter("give --recording or --url, not both")
    if time_to is not None and time_from is None:
        raise typer.BadParameter("--to needs --from")
    if not question.strip():
        raise typer.BadParameter("the question is empty; ask e.g. 'Why is checkout slow?'")
    check_url(url)
    check_profile_type(profile_type)
    check_output(output)
    if not repo.is_dir():
        raise UserInputError(f"--repo {repo} is not a directory", "Point --repo at your checkout.")
    from profile_insights.agent.arguments import Investigation

    investigation = Investigation(
        baseline_from=baseline_from,
        baseline_to=baseline_to,
        baseline_ref=baseline_ref,
        ref=ref,
        breakdown_label=by,
    )
    try:
        investigation.input_fields()
    except UserInputError as error:  # options that do not fit together: bad usage
        raise typer.BadParameter(_option_names(f"{error.message}. {error.hint}")) from error
    from profile_insights.agent.api import ask as api_ask
    from profile_insights.agent.threads.options import ThreadOptions, options_of

    location = store_location(state, state_dir_option)
    thread = thread_id or uuid.uuid4().hex
    options = ThreadOptions(
        repo=str(repo.resolve()),
        recording=str(recording.resolve()) if recording is not None else None,
        url=url,  # check_url refused one carrying credentials
        tenant=tenant,
        output_format=fmt,
        model=model,
        pprof=pprof,
    )
    _run_thread(
        lambda context, checkpointer, on_progress, place: api_ask(
            question,
            context=context,
            services=service or None,
            profile_type=profile_type,
            time_from=time_from,
            time_to=time_to,
            thread_id=thread,
            checkpointer=checkpointer,
            on_progress=on_progress,
            # From the context: a server named by PROFILECLI_URL is the thread's server too.
            options=options_of(context, model=model),
            on_step=place.started,
            baseline_from=investigation.baseline_from,
            baseline_to=investigation.baseline_to,
            baseline_ref=investigation.baseline_ref,
            ref=investigation.ref,
            breakdown_label=investigation.breakdown_label,
        ),
        thread_id=thread,
        new_question=True,
        options=options,
        location=location,
        no_input=no_input,
        output=output,
        timeout=seconds,
    )


def _option_names(message: str) -> str:
    """Name the command line's options in a message written with the API's field names."""
    for field, option in (
        ("baseline_from", "--baseline-from"),
        ("baseline_to", "--baseline-to"),
        ("baseline_ref", "--baseline-ref"),
        ("ref", "--ref"),
    ):
        message = re.sub(rf"\b(?<!-){field}\b", option, message)
    return message


def resume(
    thread_id: Annotated[str, typer.Argument(help="The thread_id printed by ask.")],
    answer: Annotated[
        str | None,
        typer.Option(
            help="The answer: service name(s), a URL, or retry. Leave it out to continue a run "
            "that was cut off, or to be asked the pending question."
        ),
    ] = None,
    output_format: Annotated[
        str | None, typer.Option("--format", help="markdown, json or html (default: as asked).")
    ] = None,
    output: OutputOption = None,
    no_input: NoInputOption = False,
    state: StateOption = None,
    state_dir_option: StateDirOption = None,
    timeout: TimeoutOption = None,
) -> None:
    """Answer the question a thread is waiting on (or continue a cut-off run) to the report."""
    from profile_insights.agent.api import resume as api_resume

    check_thread_id(thread_id, "THREAD_ID")
    seconds = timeout_of(timeout)
    check_path(state_dir_option, "--state-dir")
    check_output(output)
    if output_format is not None:
        output_format_of(output_format)
    location = store_location(state, state_dir_option)
    _run_thread(
        lambda context, checkpointer, on_progress, place: api_resume(
            thread_id,
            answer,
            context=context,
            checkpointer=checkpointer,
            on_progress=on_progress,
            on_step=place.started,
            store_name=location.describe(),
            store_hint=location.option_hint(),
        ),
        thread_id=thread_id,
        new_question=False,
        options=None,
        location=location,
        no_input=no_input,
        output=output,
        output_format=output_format,
        timeout=seconds,
    )
