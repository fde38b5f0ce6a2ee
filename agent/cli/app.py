"""The ``profile-insights`` command line: parse, call the library, print. No logic of its own.

Each area keeps its commands beside its code and is registered here. Errors the user can act
on (:class:`ProfileInsightsError`) print their message and exit 1, never a traceback; bad usage
exits 2.
"""

from __future__ import annotations

import errno
import io
import os
import sqlite3
import sys

import typer
from rich.console import Console
from rich.markup import escape

from profile_insights.agent.cli.entry import announce
from profile_insights.agent.cli.interrupts import INTERRUPTED, INTERRUPTED_MESSAGE
from profile_insights.agent.errors import ProfileInsightsError, UserInputError

app = typer.Typer(
    name="profile-insights",
    help="Answer performance questions from Pyroscope profiles, grounded in your source code.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Soft wrap: a message names paths and selectors; hard-wrapping at 80 columns splits them.
# No emoji codes: a message quoting "module:factory:" or a service ":fire:" must print as is.
err_console = Console(stderr=True, soft_wrap=True, emoji=False)


@app.callback()
def _root() -> None:
    """Answer performance questions from Pyroscope profiles, grounded in your source code."""


@app.command("version")
def version() -> None:
    """Print the installed version."""
    from importlib.metadata import version as package_version  # ~25 ms: only this command

    typer.echo(package_version("profile-insights"))


# Commands of each area, kept beside their code and registered here (one import, one line each).
from profile_insights.agent.cli import ask as ask_commands  # noqa: E402

app.command("ask")(ask_commands.ask)
app.command("resume")(ask_commands.resume)
from profile_insights.agent.cli import demo as demo_command  # noqa: E402

app.command("demo")(demo_command.demo)
from profile_insights.agent.cli import mcp as mcp_command  # noqa: E402

app.command("mcp")(mcp_command.serve)
from profile_insights.agent.cli import replay as pyroscope_commands  # noqa: E402

app.command("serve")(pyroscope_commands.serve)
app.command("record")(pyroscope_commands.record)
app.add_typer(pyroscope_commands.recording_app, name="recording")
from profile_insights.agent.cli import evals as evals_command  # noqa: E402

app.command("eval")(evals_command.eval_command)
from profile_insights.agent.cli import top as profile_commands  # noqa: E402

app.command("top")(profile_commands.top)
from profile_insights.agent.cli import mapping as code_commands  # noqa: E402

app.command("map")(code_commands.map_rows)


def main(argv: list[str] | None = None, *, announced: bool = False) -> int:
    """Run the command line and turn user errors into a message and an exit code.

    ``announced``: the console script already wrote the first progress line
    (:mod:`profile_insights.agent.cli.entry`).
    """
    if not announced:
        announce(sys.argv[1:] if argv is None else argv)
    try:
        result = app(args=argv, standalone_mode=False)
    except ProfileInsightsError as error:
        return _print_error(error)
    except sqlite3.DatabaseError as error:
        # The SQLite thread store: opening it checks what it can, but a page damaged deep in
        # the file fails only when a thread's rows are read, and a store held by another
        # process fails when its busy timeout ends.
        return _print_error(
            UserInputError(
                f"the thread store cannot be used: {error}",
                "If another profile-insights is answering a thread, wait for it and try "
                "again; if the store is damaged, move threads.sqlite out of the state "
                "directory (its threads are lost) or use another --state-dir.",
            )
        )
    except typer.Abort:
        err_console.print("aborted")
        return 1
    except OSError as error:
        if error.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EIO):
            raise
        # Typically `... > report.md` on a full disk: stdout itself cannot be written.
        _silence_stdout()
        err_console.print(
            f"error: a write failed: {error.strerror}\n"
            "Free some disk space (or quota), or write to another place.",
            highlight=False,
            markup=False,
        )
        return 1
    except typer.Exit as exit_:
        return int(exit_.exit_code)
    except typer.TyperException as error:
        # typer vendors click; its usage errors know how to print themselves (exit code 2).
        show = getattr(error, "show", None)
        if callable(show):
            show()
        else:
            err_console.print(f"error: {error}", highlight=False, markup=False)
        return int(getattr(error, "exit_code", 2))
    if result == INTERRUPTED:
        err_console.print(INTERRUPTED_MESSAGE, highlight=False, markup=False)
        return 1
    return result if isinstance(result, int) else 0


def _print_error(error: ProfileInsightsError) -> int:
    """Print a typed error's message and next step; return the exit code of a user error."""
    # The message is data (it may hold [samples cpu] or a selector): escape it for rich.
    err_console.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False)
    return 1


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the exit's flush does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):  # a captured or closed stdout
        pass


if __name__ == "__main__":
    from profile_insights.agent.cli.entry import run

    run()
