"""The ``ask``, ``resume`` and ``demo`` commands: parse options, call :mod:`agent.api`, print.

Threads are kept by a SQLite checkpointer in the state directory (``--state-dir``, env
``PROFILE_INSIGHTS_STATE_DIR``, see :func:`state_dir`), with a small JSON file per thread
holding the non-secret options (repo, recording, URL, format) so that ``resume`` in another
process rebuilds the same context. Tokens are never written: ``resume`` reads PROFILECLI_TOKEN
or prompts for it.

The graph (:mod:`agent.api`, LangGraph, LangChain) and the SQLite checkpointer are imported
inside the functions that run them: ``agent/cli/app.py`` imports this module for every command,
and ``profile-insights top`` or ``--help`` must not pay for the graph.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import signal
import sqlite3
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias
from urllib.parse import urlsplit

import typer
from rich.console import Console
from rich.markup import escape

from profile_insights.agent.errors import ConfigurationError, UserInputError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langgraph.checkpoint.sqlite import SqliteSaver

    from profile_insights.agent.api import NeedsInput, Progress
    from profile_insights.graph.context import Context, OutputFormat
    from profile_insights.agent.report.models import Report

EXIT_NEEDS_INPUT = 10
STATE_DIR_ENV = "PROFILE_INSIGHTS_STATE_DIR"
DEMO_QUESTION = "Why is the checkout service slow?"

_progress_console = Console(stderr=True, highlight=False, soft_wrap=True)

# Options shared by ask and resume.
OutputOption = Annotated[Path | None, typer.Option(help="Write the report to this file.")]
NoInputOption = Annotated[
    bool, typer.Option("--no-input", help="Never prompt: print a pending question as JSON.")
]
StateDirOption = Annotated[
    Path | None,
    typer.Option("--state-dir", help=f"Where threads are kept (env {STATE_DIR_ENV})."),
]


def state_dir(option: Path | None) -> Path:
    """Return the state directory: the option, else $PROFILE_INSIGHTS_STATE_DIR, else XDG."""
    if option is not None:
        path = option
    elif os.environ.get(STATE_DIR_ENV):
        path = Path(os.environ[STATE_DIR_ENV])
    else:
        base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
        path = Path(base) / "profile-insights"
    try:
        path.mkdir(parents=True, exist_ok=True)
        (path / "threads").mkdir(exist_ok=True)
    except OSError as error:
        why = "it is not a directory" if path.exists() and not path.is_dir() else error.strerror
        raise UserInputError(
            f"cannot keep threads in {path}: {why or error}",
            f"Point --state-dir (or {STATE_DIR_ENV}) at a writable directory.",
        ) from error
    return path


@contextmanager
def sqlite_checkpointer(directory: Path) -> Iterator[SqliteSaver]:
    """Yield a SQLite checkpointer on ``directory/threads.sqlite``."""
    from langgraph.checkpoint.sqlite import SqliteSaver

    path = directory / "threads.sqlite"
    connection = sqlite3.connect(str(path), check_same_thread=False)
    try:
        saver = SqliteSaver(connection)
        try:
            # Set up now, not on first use, so a damaged file fails here with a clear message.
            saver.setup()
        except sqlite3.DatabaseError as error:
            raise UserInputError(
                f"the thread store {path} cannot be used ({error})",
                "Move that file away (its threads are lost) or use another --state-dir.",
            ) from error
        yield saver
    finally:
        connection.close()


@contextmanager
def _stop_at_once_on_ctrl_c() -> Iterator[None]:
    """Make Ctrl-C end the run at once with a message and exit code 1.

    LangGraph runs nodes in worker threads and, on KeyboardInterrupt, waits for the running
    ones (``pregel/_executor.py``), so a node blocked in a query would hold Ctrl-C for up to
    the query's timeout (60 s, retried). Signal handlers can only be set in the main thread.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_signum: int, _frame: object) -> None:
        from profile_insights.agent.cli.app import INTERRUPTED_MESSAGE

        _progress_console.print(
            f"{INTERRUPTED_MESSAGE} A question already printed can still be answered with "
            "`profile-insights resume`.",
            markup=False,
        )
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(1)  # the SQLite store is transactional: a cut-off step is simply not saved

    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def _ctrl_c_raises() -> Iterator[None]:
    """Let Ctrl-C at a prompt raise KeyboardInterrupt (an Abort that prints the resume hint).

    No node runs while the user is being asked, so nothing would hold the exit back.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def load_model(name: str) -> BaseChatModel:
    """Return the chat model ``name``: ``module:factory`` or a LangChain ``provider:model``."""
    from langchain_core.language_models import BaseChatModel

    module_name, _, attribute = name.partition(":")
    if module_name and attribute:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            module = None
        factory = getattr(module, attribute, None) if module is not None else None
        if callable(factory):
            try:
                model = factory()
            except Exception as error:  # the user's code: a missing API key, a wrong signature
                raise ConfigurationError(
                    f"--model {name}: the factory failed ({type(error).__name__}: {error})",
                    "Fix the factory (no arguments, returns a chat model) or the credentials "
                    "its provider needs.",
                ) from error
            if not isinstance(model, BaseChatModel):
                raise ConfigurationError(
                    f"{name} returned {type(model).__name__}, not a LangChain BaseChatModel",
                    "Point --model at a factory that returns a chat model.",
                )
            return model
    try:
        from langchain.chat_models import (  # type: ignore[import-not-found,unused-ignore]
            init_chat_model,
        )
    except ImportError as error:
        raise ConfigurationError(
            f"--model {name}: LangChain model names need the optional 'llm' extra",
            "pip install 'profile-insights[llm]' (OpenAI and OpenAI-compatible servers; add "
            "another provider's package, e.g. langchain-anthropic, for its models), or pass a "
            "Python factory as module:function.",
        ) from error
    try:
        model = init_chat_model(name)
    except Exception as error:  # provider packages raise their own types
        raise ConfigurationError(
            f"--model {name}: {error}", "Check the provider name and its package."
        ) from error
    if not isinstance(model, BaseChatModel):
        raise ConfigurationError(f"--model {name} did not give a chat model")
    return model


def _progress(step: str, detail: str, started: list[float]) -> None:
    now = time.monotonic()
    elapsed = now - started[0]
    started[0] = now
    _progress_console.print(
        f"[green]✓[/] [bold]{escape(step)}[/] [dim]{elapsed:5.2f}s[/] {escape(detail)}"
    )


def _thread_file(directory: Path, thread_id: str) -> Path:
    safe = "".join(ch for ch in thread_id if ch.isalnum() or ch in "-_")
    return directory / "threads" / f"{safe}.json"


def _save_options(directory: Path, thread_id: str, options: dict[str, Any]) -> None:
    path = _thread_file(directory, thread_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(options, indent=2))


def _load_options(directory: Path, thread_id: str) -> dict[str, Any]:
    path = _thread_file(directory, thread_id)
    if not path.exists():
        raise UserInputError(
            f"no thread {thread_id} in {directory}",
            "Use the thread_id printed by `ask`, with the same --state-dir.",
        )
    try:
        loaded = json.loads(path.read_text())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UserInputError(
            f"the options of thread {thread_id} in {path} cannot be read ({error})",
            "Ask the question again; delete that file if it was damaged.",
        ) from error
    return loaded if isinstance(loaded, dict) else {}


def _interactive(no_input: bool) -> bool:
    return not no_input and sys.stdin.isatty()


def _emit(result: Report, output_format: OutputFormat, output: Path | None) -> None:
    from profile_insights.agent.api import render

    text = render(result, output_format)
    if output is not None:
        try:
            output.write_text(text)
        except OSError as error:
            # Never lose a finished report: print it, then say why the file was not written.
            typer.echo(text, nl=not text.endswith("\n"))
            raise UserInputError(
                f"could not write the report to {output} ({error.strerror or error}); "
                "it was printed to stdout instead",
                "Give --output a writable file path.",
            ) from error
        _progress_console.print(f"report written to {output}", markup=False)
    else:
        typer.echo(text, nl=not text.endswith("\n"))


def _check_output(output: Path | None) -> None:
    """Refuse an --output path that cannot be written, before the run (exit 2)."""
    if output is None:
        return
    if output.is_dir():
        raise typer.BadParameter(f"--output {output} is a directory; give a file path")
    parent = output.absolute().parent
    if parent.exists() and not parent.is_dir():
        raise typer.BadParameter(
            f"--output: {parent} is a file, not a directory; choose another path"
        )
    if not parent.is_dir():
        raise typer.BadParameter(
            f"--output: the directory {parent} does not exist; create it or choose another path"
        )
    if not os.access(parent, os.W_OK) or (output.exists() and not os.access(output, os.W_OK)):
        raise typer.BadParameter(f"--output {output} is not writable")


def _check_url(url: str | None) -> None:
    """Refuse a Pyroscope URL that is not http(s)://HOST, before the run (exit 2)."""
    if url is None:
        return
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not 0-65535
    except ValueError as error:
        # Not echoed: an unparsable URL cannot be checked for credentials.
        raise typer.BadParameter(
            f"--url is malformed ({error}); give e.g. http://localhost:4040"
        ) from error
    if parts.username or parts.password:
        # Never echo the URL here: it carries a secret.
        raise typer.BadParameter(
            "--url must not carry credentials; set PROFILECLI_TOKEN (or PROFILECLI_USERNAME "
            "and PROFILECLI_PASSWORD) instead"
        )
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise typer.BadParameter(
            f"--url must be an http:// or https:// URL such as http://localhost:4040, not {url!r}"
        )


def _check_profile_type(profile_type: str | None) -> None:
    """Refuse a --profile-type that is not a Pyroscope profile type ID (exit 2)."""
    if profile_type is None:
        return
    from profile_insights.agent.pyroscope.source import ProfileType

    try:
        ProfileType.parse(profile_type)
    except ValueError as error:
        raise typer.BadParameter(
            f"--profile-type must be NAME:SAMPLE_TYPE:SAMPLE_UNIT:PERIOD_TYPE:PERIOD_UNIT, e.g. "
            f"process_cpu:cpu:nanoseconds:cpu:nanoseconds, not {profile_type!r}"
        ) from error


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
            _progress_console.print(_resume_hint(result.thread_id), markup=False)
            raise typer.Exit(EXIT_NEEDS_INPUT)
        _progress_console.print(f"\n[bold yellow]?[/] {escape(result.question.message)}")
        try:
            with _ctrl_c_raises():
                answer = typer.prompt("answer")
        except typer.Abort:
            # Ctrl-C/Ctrl-D at the prompt: the thread is saved, say how to come back to it.
            _progress_console.print(_resume_hint(result.thread_id), markup=False)
            raise
        token = None
        if result.question.kind == "configure_connection" and answer.strip().lower() != "retry":
            with _ctrl_c_raises():
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
                on_progress=lambda step, detail: _progress(step, detail, started),
            )
        except UserInputError as error:
            # The answer did not fit the question's schema; the question is still pending.
            _progress_console.print(f"[bold red]![/] {escape(error.message)}")
    _emit(result, output_format, output)


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
    with sqlite_checkpointer(directory) as checkpointer, _stop_at_once_on_ctrl_c():
        result = call(context, checkpointer, lambda step, detail: _progress(step, detail, started))
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
) -> None:
    """Answer a performance question from Pyroscope profiles and your source code."""
    from profile_insights.agent.api import ask as api_ask

    fmt = _format(output_format)
    if recording is not None and url is not None:
        raise typer.BadParameter("give --recording or --url, not both")
    if time_to is not None and time_from is None:
        raise typer.BadParameter("--to needs --from")
    if not question.strip():
        raise typer.BadParameter("the question is empty; ask e.g. 'Why is checkout slow?'")
    _check_url(url)
    _check_profile_type(profile_type)
    _check_output(output)
    if not repo.is_dir():
        raise UserInputError(f"--repo {repo} is not a directory", "Point --repo at your checkout.")
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
    }
    _save_options(directory, thread, options)
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
        ),
        options=options,
        directory=directory,
        no_input=no_input,
        output=output,
    )


def resume(
    thread_id: Annotated[str, typer.Argument(help="The thread_id printed by ask.")],
    answer: Annotated[str, typer.Option(help="The answer: service name(s), a URL, or retry.")],
    output_format: Annotated[
        str | None, typer.Option("--format", help="markdown, json or html (default: as asked).")
    ] = None,
    output: OutputOption = None,
    no_input: NoInputOption = False,
    state_dir_option: StateDirOption = None,
) -> None:
    """Answer the question a thread is waiting on, and continue to the report."""
    from profile_insights.agent.api import resume as api_resume

    _check_output(output)
    directory = state_dir(state_dir_option)
    options = _load_options(directory, thread_id)
    if output_format is not None:
        options["format"] = _format(output_format)
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


def demo(
    output_format: Annotated[
        str, typer.Option("--format", help="markdown, json or html.")
    ] = "markdown",
) -> None:
    """Run ask on the bundled recording of the example service (no server, no model)."""
    from profile_insights.agent.api import NeedsInput, make_context
    from profile_insights.agent.api import ask as api_ask
    from profile_insights.agent.code.repos import create_demo_repo, demo_recording_dir

    fmt = _format(output_format)
    with tempfile.TemporaryDirectory(prefix="profile-insights-demo-") as temporary:
        repo = Path(temporary) / "checkout"
        create_demo_repo(repo)
        # A copy with real files: in an editable install the package data are symlinks out of
        # the recording directory, which the recording reader refuses (paths must stay inside).
        recording = Path(temporary) / "recording"
        shutil.copytree(demo_recording_dir(), recording)
        context = make_context(
            repo=repo,
            recording=recording,
            output_format=fmt,
            cache_dir=Path(temporary) / "cache",
        )
        started = [time.monotonic()]
        result = api_ask(
            DEMO_QUESTION,
            context=context,
            on_progress=lambda step, detail: _progress(step, detail, started),
        )
        if isinstance(result, NeedsInput):
            raise UserInputError(
                f"the demo stopped at a question: {result.question.message}",
                "The bundled recording should need no answer; please report this.",
            )
        _emit(result, fmt, None)


def _format(value: str) -> OutputFormat:
    if value == "markdown":
        return "markdown"
    if value == "json":
        return "json"
    if value == "html":
        return "html"
    raise typer.BadParameter(f"--format must be markdown, json or html, not {value!r}")
