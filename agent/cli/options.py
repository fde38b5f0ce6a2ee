"""Checks of command-line options that run before anything else (bad usage exits 2)."""

from __future__ import annotations

import ipaddress
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlsplit

import typer

from profile_insights.agent.errors import UserInputError, shown

if TYPE_CHECKING:
    from profile_insights.agent.pyroscope.source import ProfileSource
    from profile_insights.agent.report.render import OutputFormat


#: The longest URL an option may hold (httpx refuses longer ones; no server serves them).
MAX_URL = 8192
#: The environment variable ``--timeout`` defaults to.
TIMEOUT_ENV = "PROFILE_INSIGHTS_TIMEOUT"
TimeoutOption = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        help=f"Seconds each request to Pyroscope may take (env {TIMEOUT_ENV}, default 60); "
        "one query with its retries takes at most twice that.",
    ),
]


def path_problem(path: Path) -> str | None:
    """Return why no file system can hold ``path`` (a NUL byte, a name or path too long)."""
    text = str(path)
    if "\0" in text:
        return "holds a NUL byte"
    try:
        name_max = os.pathconf("/", "PC_NAME_MAX")
        path_max = os.pathconf("/", "PC_PATH_MAX")
    except (OSError, ValueError):
        name_max, path_max = 255, 4096
    longest = max((len(os.fsencode(part)) for part in path.parts), default=0)
    if longest > name_max:
        return f"has a name of {longest} bytes; the file system allows {name_max}"
    size = len(os.fsencode(str(path.absolute())))
    if size >= path_max:
        return f"is {size} bytes long; the file system allows {path_max - 1}"
    return None


def check_path(path: Path | None, option: str) -> None:
    """Refuse a path option that cannot exist on this machine, before the run (exit 2)."""
    if path is None:
        return
    problem = path_problem(path)
    if problem is not None:
        raise typer.BadParameter(
            f"{option} {shown(path, 80)} cannot exist here: it {problem} (too long); "
            "give a shorter path"
        )


def timeout_of(value: float | None) -> float | None:
    """Return the ``--timeout`` seconds, else $PROFILE_INSIGHTS_TIMEOUT's, else None (exit 2)."""
    if value is None:
        text = os.environ.get(TIMEOUT_ENV, "").strip()
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and value > 0):
            raise typer.BadParameter(
                f"{TIMEOUT_ENV}={shown(text, 40)!r} is not a positive number of seconds; "
                f"set it to e.g. 30 or unset it"
            )
        return value
    if not (math.isfinite(value) and value > 0):
        raise typer.BadParameter(
            f"--timeout must be a positive number of seconds, not {value:g}; e.g. --timeout 30"
        )
    return value


def check_output(output: Path | None) -> None:
    """Refuse an --output path that cannot be written, before the run (exit 2)."""
    if output is None:
        return
    check_path(output, "--output")
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
    if len(url) > MAX_URL:
        # Not echoed: it is too long to show, and it may carry a password.
        raise typer.BadParameter(
            f"--url is too long ({len(url)} characters; at most {MAX_URL}); give the server's "
            "base URL, e.g. http://localhost:4040"
        )
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
            "--url must be an http:// or https:// URL such as http://localhost:4040, "
            f"not {shown(url)!r}"
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


def check_faults(status: int, latency: float, retry_after: float | None) -> None:
    """Refuse ``serve``'s fault options that no server could mean (an HTTP status, seconds).

    Raises:
        UserInputError: a status outside 400-599, or a negative number of seconds.
    """
    if not 400 <= status <= 599:
        raise UserInputError(
            f"--status {status} is not an error status", "Give an error status from 400 to 599."
        )
    for option, seconds in (("--latency", latency), ("--retry-after", retry_after)):
        if seconds is not None and not seconds >= 0:
            raise UserInputError(
                f"{option} {seconds:g} is negative", f"Give {option} 0 or more seconds."
            )


def is_loopback(host: str) -> bool:
    """Return whether ``host`` names this machine only (``serve`` warns otherwise)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def live_source(url: str | None, via: str, timeout: float | None) -> ProfileSource:
    """Return the live source ``--url``, ``--via`` and ``--timeout`` name (``record``).

    Raises:
        UserInputError: ``--via`` is not auto, profilecli or http.
    """
    from profile_insights.agent.pyroscope.http_source import HttpSource
    from profile_insights.agent.pyroscope.profilecli_source import ProfilecliSource
    from profile_insights.agent.pyroscope.profilecli_version import detect_profilecli
    from profile_insights.agent.pyroscope.settings import ConnectionSettings

    settings = ConnectionSettings.from_env(url)
    if via not in ("auto", "profilecli", "http"):
        raise UserInputError(f"unknown --via {via!r}", "Use --via auto, profilecli or http.")
    if via == "profilecli" or (via == "auto" and detect_profilecli() is not None):
        return ProfilecliSource(settings, timeout=timeout, on_wait=_waiting)
    return HttpSource(settings, timeout=timeout, on_wait=_waiting)


def _waiting(line: str) -> None:
    typer.echo(f"… {line}", err=True)


#: Longest thread ID accepted: it keys the thread store and is named in printed commands.
MAX_THREAD_ID = 128


def check_thread_id(thread_id: str | None, option: str) -> None:
    """Refuse a thread ID of no usable characters, or too long to name a thread (exit 2)."""
    if thread_id is None:
        return
    usable = "".join(ch for ch in thread_id if ch.isalnum() or ch in "-_")
    if not usable or len(thread_id) > MAX_THREAD_ID:
        raise typer.BadParameter(
            f"{option} must be 1 to {MAX_THREAD_ID} letters, digits, '-' or '_' "
            f"(got {len(thread_id)} characters); use the thread_id printed by ask, or a shorter one"
        )
