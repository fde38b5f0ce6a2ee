"""Checks of command-line options that run before anything else (bad usage exits 2)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import typer

if TYPE_CHECKING:
    from profile_insights.agent.report.render import OutputFormat


def check_output(output: Path | None) -> None:
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


def check_url(url: str | None) -> None:
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


def check_profile_type(profile_type: str | None) -> None:
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


def output_format_of(value: str) -> OutputFormat:
    """Return the report format named by ``--format``, refusing other names (exit 2)."""
    if value == "markdown":
        return "markdown"
    if value == "json":
        return "json"
    if value == "html":
        return "html"
    raise typer.BadParameter(f"--format must be markdown, json or html, not {value!r}")
