"""``profile-insights demo``: ask the demo question on the bundled example, no server, no model.

The example's sources become a git repository in a temporary folder (see
:mod:`profile_insights.agent.demo`), so the report says the profile matches HEAD.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Annotated

import typer

from profile_insights.agent.cli.options import output_format_of
from profile_insights.agent.cli.output import emit_report, print_progress
from profile_insights.agent.demo import create_demo_repo, demo_checkout, demo_recording_dir
from profile_insights.agent.errors import UserInputError

DEMO_QUESTION = "Why is the checkout service slow?"


def demo(
    output_format: Annotated[
        str, typer.Option("--format", help="markdown, json or html.")
    ] = "markdown",
    checkout: Annotated[
        bool,
        typer.Option(
            "--checkout",
            help="Only make the example service's git repository (in the temp directory) and "
            "print its path: the --repo of the README's examples.",
        ),
    ] = False,
) -> None:
    """Run ask on the bundled recording of the example service (no server, no model)."""
    if checkout:
        typer.echo(str(demo_checkout()))
        return
    from profile_insights.agent.api import NeedsInput, make_context
    from profile_insights.agent.api import ask as api_ask

    fmt = output_format_of(output_format)
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
            on_progress=lambda step, detail: print_progress(step, detail, started),
        )
        if isinstance(result, NeedsInput):
            raise UserInputError(
                f"the demo stopped at a question: {result.question.message}",
                "The bundled recording should need no answer; please report this.",
            )
        emit_report(result, fmt, None)
