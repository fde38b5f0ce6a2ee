"""The ``ask`` and ``resume`` commands: parse options, call :mod:`agent.api`, print.

Threads live in the state directory (:mod:`profile_insights.agent.cli.threads`), so ``resume``
in another process finds the thread and the options it was asked with. Tokens are never
written: ``resume`` reads PROFILECLI_TOKEN or prompts for it.

The graph (:mod:`agent.api`, LangGraph, LangChain) is imported inside the functions that run
it, for start-up time: ``agent/cli/app.py`` imports this module for every command, and
``profile-insights top`` or ``--help`` must not pay for the graph.
"""

from __future__ import annotations

import json
import re
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

import typer
from rich.markup import escape

from profile_insights.agent.cli.chat_model import load_model
from profile_insights.agent.cli.interrupts import ctrl_c_raises, stop_at_once_on_ctrl_c
from profile_insights.agent.cli.options import (
    TimeoutOption,
    check_output,
    check_path,
    check_profile_type,
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
    STATE_DIR_ENV,
    load_options,
    save_options,
    sqlite_checkpointer,
    state_dir,
)
from profile_insights.agent.errors import UserInputError, shown

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langgraph.checkpoint.sqlite import SqliteSaver

    from profile_insights.agent.api import NeedsInput, Progress
    from profile_insights.agent.report.models import Report
    from profile_insights.agent.report.render import OutputFormat
    from profile_insights.graph.context import Context

EXIT_NEEDS_INPUT = 10
#: Longest thread ID accepted: it names a file in the state directory.
MAX_THREAD_ID = 128


# Options shared by ask and resume.
OutputOption = Annotated[Path | None, typer.Option(help="Write the report to this file.")]
NoInputOption = Annotated[
    bool, typer.Option("--no-input", help="Never prompt: print a pending question as JSON.")
]
StateDirOption = Annotated[
    Path | None,
    typer.Option("--state-dir", help=f"Where threads are kept (env {STATE_DIR_ENV})."),
]


def _interactive(no_input: bool) -> bool:
    return not no_input and sys.stdin.isatty()


def _check_thread_id(thread_id: str | None, option: str) -> None:
    """Refuse a thread ID that cannot name a thread file (exit 2)."""
    if thread_id is None:
        return
    usable = "".join(ch for ch in thread_id if ch.isalnum() or ch in "-_")
    if not usable or len(thread_id) > MAX_THREAD_ID:
        raise typer.BadParameter(
            f"{option} must be 1 to {MAX_THREAD_ID} letters, digits, '-' or '_' "
            f"(got {len(thread_id)} characters); use the thread_id printed by ask, or a shorter one"
        )


def _checked_options(loaded: dict[str, Any], thread_id: str) -> dict[str, Any]:
    """Return a thread's saved options, refusing a file whose values are of the wrong kind."""
    expected = {"repo": str, "recording": str, "url": str, "tenant": str, "model": str}
    for name, kind in expected.items():
        value = loaded.get(name)
        if (value is None and name != "repo") or isinstance(value, kind):
            continue
        raise UserInputError(
            f"the saved options of thread {thread_id} are damaged ({name} is {shown(value, 60)})",
            "Ask the question again; delete that thread's file in the state directory.",
        )
    if loaded.get("format") not in (None, "markdown", "json", "html"):
        loaded["format"] = "markdown"
    timeout = loaded.get("timeout")
    if timeout is not None and not (isinstance(timeout, int | float) and timeout > 0):
        loaded["timeout"] = None
    return loaded


def _resume_hint(thread_id: str) -> str:
    return (
        f"waiting for an answer: profile-insights resume {thread_id} --answer VALUE "
        "(same --state-dir)"
    )


def _drive(
    result: Report | NeedsInput,
    *,
    interactive: bool,
    options: dict[str, Any],
    directory: Path,
    checkpointer: SqliteSaver,
    output_format: OutputFormat,
    output: Path | None,
    model: BaseChatModel | None,
) -> None:
    """Print the report, or ask the pending questions (interactive) or print one (not)."""
    from profile_insights.agent.api import NeedsInput, make_context
    from profile_insights.agent.api import resume as api_resume

    started = [time.monotonic()]
    while isinstance(result, NeedsInput):
        if not interactive:
            typer.echo(json.dumps(result.to_json_dict()))
            progress_console.print(_resume_hint(result.thread_id), markup=False)
            raise typer.Exit(EXIT_NEEDS_INPUT)
        progress_console.print(f"\n[bold yellow]?[/] {escape(result.question.message)}")
        try:
            with ctrl_c_raises():
                answer = typer.prompt("answer")
        except typer.Abort:
            # Ctrl-C/Ctrl-D at the prompt: the thread is saved, say how to come back to it.
            progress_console.print(_resume_hint(result.thread_id), markup=False)
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
        context = make_context(**_context_options(options), model=model)
        try:
            result = api_resume(
                result.thread_id,
                answer,
                context=context,
                token=token or None,
                checkpointer=checkpointer,
                on_progress=lambda step, detail: print_progress(step, detail, started),
            )
        except UserInputError as error:
            # The answer did not fit the question's schema; the question is still pending.
            progress_console.print(f"[bold red]![/] {escape(error.message)}")
    emit_report(result, output_format, output)


# A string: its types are imported for type checking only (see the module docstring).
Call: TypeAlias = "Callable[[Context, SqliteSaver, Progress], Report | NeedsInput]"
"""Starts or resumes a thread: (context, checkpointer, progress callback) -> result."""


def _run_thread(
    call: Call,
    *,
    options: dict[str, Any],
    directory: Path,
    no_input: bool,
    output: Path | None,
) -> None:
    """Build the context from the thread's options, run ``call`` on SQLite, print the result."""
    from profile_insights.agent.api import make_context

    fmt: OutputFormat = options.get("format", "markdown")
    chat_model = load_model(options["model"]) if options.get("model") else None
    interactive = _interactive(no_input)
    context = make_context(**_context_options(options), model=chat_model, interactive=interactive)
    started = [time.monotonic()]
    with sqlite_checkpointer(directory) as checkpointer, stop_at_once_on_ctrl_c():
        result = call(
            context, checkpointer, lambda step, detail: print_progress(step, detail, started)
        )
        _drive(
            result,
            interactive=interactive,
            options=options,
            directory=directory,
            checkpointer=checkpointer,
            output_format=fmt,
            output=output,
            model=chat_model,
        )


def _context_options(options: dict[str, Any]) -> dict[str, Any]:
    return {
        "repo": options["repo"],
        "recording": options.get("recording"),
        "url": options.get("url"),
        "tenant": options.get("tenant"),
        "output_format": options.get("format", "markdown"),
        "use_pprof_tool": options.get("pprof", False),
        "cache_dir": options.get("cache_dir"),
        "timeout": options.get("timeout"),
    }


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
    _check_thread_id(thread_id, "--thread-id")
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
    directory = state_dir(state_dir_option)
    thread = thread_id or uuid.uuid4().hex
    options: dict[str, Any] = {
        "repo": str(repo.resolve()),
        "recording": str(recording.resolve()) if recording is not None else None,
        "url": url,
        "tenant": tenant,
        "format": fmt,
        "model": model,
        "pprof": pprof,
        "timeout": seconds,
    }
    save_options(directory, thread, options)
    from profile_insights.agent.api import ask as api_ask

    _run_thread(
        lambda context, checkpointer, on_progress: api_ask(
            question,
            context=context,
            services=service or None,
            profile_type=profile_type,
            time_from=time_from,
            time_to=time_to,
            thread_id=thread,
            checkpointer=checkpointer,
            on_progress=on_progress,
            baseline_from=investigation.baseline_from,
            baseline_to=investigation.baseline_to,
            baseline_ref=investigation.baseline_ref,
            ref=investigation.ref,
            breakdown_label=investigation.breakdown_label,
        ),
        options=options,
        directory=directory,
        no_input=no_input,
        output=output,
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
    answer: Annotated[str, typer.Option(help="The answer: service name(s), a URL, or retry.")],
    output_format: Annotated[
        str | None, typer.Option("--format", help="markdown, json or html (default: as asked).")
    ] = None,
    output: OutputOption = None,
    no_input: NoInputOption = False,
    state_dir_option: StateDirOption = None,
    timeout: TimeoutOption = None,
) -> None:
    """Answer the question a thread is waiting on, and continue to the report."""
    _check_thread_id(thread_id, "THREAD_ID")
    seconds = timeout_of(timeout)
    fmt = output_format_of(output_format) if output_format is not None else None
    check_output(output)
    check_path(state_dir_option, "--state-dir")
    directory = state_dir(state_dir_option)
    options = _checked_options(load_options(directory, thread_id), thread_id)
    if fmt is not None:
        options["format"] = fmt
    if seconds is not None:
        options["timeout"] = seconds
    from profile_insights.agent.api import resume as api_resume

    _run_thread(
        lambda context, checkpointer, on_progress: api_resume(
            thread_id,
            answer,
            context=context,
            checkpointer=checkpointer,
            on_progress=on_progress,
        ),
        options=options,
        directory=directory,
        no_input=no_input,
        output=output,
    )
