"""What a command prints: progress lines on stderr, the report on stdout or in a file."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape

from profile_insights.agent.errors import UserInputError

if TYPE_CHECKING:
    from profile_insights.agent.report.models import Report
    from profile_insights.agent.report.render import OutputFormat

progress_console = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def print_progress(step: str, detail: str, started: list[float]) -> None:
    """Print one progress line with the time since the previous one."""
    now = time.monotonic()
    elapsed = now - started[0]
    started[0] = now
    # A wait between tries (a source retrying) is shown as what it is, not as a finished step.
    mark = "[yellow]…[/]" if step == "waiting" else "[green]✓[/]"
    progress_console.print(
        f"{mark} [bold]{escape(step)}[/] [dim]{elapsed:5.2f}s[/] {escape(detail)}"
    )


def emit_report(result: Report, output_format: OutputFormat, output: Path | None) -> None:
    """Print the report, or write it to ``output`` (printing it when the write fails)."""
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
        progress_console.print(f"report written to {output}", markup=False)
    else:
        typer.echo(text, nl=not text.endswith("\n"))
