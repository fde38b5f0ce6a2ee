"""Command-line commands of the Pyroscope area: ``serve``, ``record`` and ``recording add``.

Thin shells over :class:`ReplayServer`, the sources and :class:`RecordingStore`; registered in
``agent/cli/app.py``. Errors are typed :class:`ProfileInsightsError` subclasses, printed by
``main``.
Those pieces (httpx, the replay server, protobuf) are imported inside the commands: the CLI
imports this module for every command, and ``profile-insights top`` must start lean.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from profile_insights.agent.cli.options import (
    TimeoutOption,
    check_faults,
    check_path,
    is_loopback,
    live_source,
    timeout_of,
)
from profile_insights.agent.errors import EmptyProfileError, UserInputError, shown
from profile_insights.agent.pyroscope.timeparse import (
    format_rfc3339,
    parse_duration,
    parse_range,
)

if TYPE_CHECKING:
    from profile_insights.agent.pyroscope.recording import RecordingStore
    from profile_insights.agent.pyroscope.source import ProfileSource, ProfileType

logger = logging.getLogger("profile_insights.pyroscope")

recording_app = typer.Typer(
    help="Create and extend recordings (a recording.json plus pprof files).",
    no_args_is_help=True,
)


def serve(
    recording: Annotated[
        Path, typer.Option("--recording", help="Recording directory to serve (created if new).")
    ],
    host: Annotated[str, typer.Option(help="Address to bind; loopback by default.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port (0 picks a free one).")] = 4040,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="PROFILE_INSIGHTS_REPLAY_TOKEN",
            help="Require 'Authorization: Bearer TOKEN' (prefer the environment variable).",
        ),
    ] = None,
    require_tenant: Annotated[
        bool, typer.Option(help="Require X-Scope-OrgID like a multi-tenant server.")
    ] = False,
    path_prefix: Annotated[
        str, typer.Option(help="Serve under this path, e.g. /api/datasources/proxy/uid/x.")
    ] = "",
    fail_rate: Annotated[float, typer.Option(help="Share of requests to fail (0-1).")] = 0.0,
    latency: Annotated[float, typer.Option(help="Seconds to add to every request.")] = 0.0,
    status: Annotated[int, typer.Option(help="HTTP status of injected failures.")] = 503,
    retry_after: Annotated[
        float | None,
        typer.Option(help="Retry-After seconds sent with injected failures (e.g. with 429)."),
    ] = None,
    clock: Annotated[
        str,
        typer.Option(
            help="now: shift the recording so that its recorded_at is the moment serve starts "
            "(now-1h is its last hour); recorded: serve the recorded times."
        ),
    ] = "now",
    diff: Annotated[
        bool,
        typer.Option(
            help="Answer QuerierService/Diff from the two merges; --no-diff answers it "
            "'unimplemented', as a server without Diff, so clients compare two merges."
        ),
    ] = True,
) -> None:
    """Serve a recording over the Pyroscope API and record profiles pushed to it."""
    from profile_insights.agent.pyroscope.replay_server import Faults, ReplayServer

    check_path(recording, "--recording")
    _check_recording_dir(recording, "--recording")
    if clock not in ("now", "recorded"):
        raise UserInputError(f"unknown --clock {clock!r}", "Use --clock now or --clock recorded.")
    if not 0.0 <= fail_rate <= 1.0:
        raise UserInputError(
            f"--fail-rate must be between 0 and 1, got {fail_rate}", "Use e.g. --fail-rate 0.2."
        )
    check_faults(status, latency, retry_after)
    server = ReplayServer(
        recording,
        host,
        port,
        token=token,
        require_tenant=require_tenant,
        path_prefix=path_prefix,
        faults=Faults(fail_rate=fail_rate, latency=latency, status=status, retry_after=retry_after),
        clock="now" if clock == "now" else "recorded",
        diff=diff,
    )
    if not is_loopback(host):
        typer.echo(f"warning: listening on {host}, reachable from other machines", err=True)
    try:
        url = server.bind()
    except (OSError, OverflowError) as error:  # port taken or out of range, unknown host
        raise UserInputError(
            f"cannot listen on {host}:{port} ({error})",
            "Choose another --port (0 picks a free one) or a --host of this machine.",
        ) from error
    typer.echo(f"Serving {recording} at {url} (Ctrl-C stops)")
    typer.echo(_clock_note(server.source.recording().recorded_at, server.shift, clock))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        typer.echo("stopped")


def _clock_note(recorded_at: datetime, shift: timedelta, clock: str) -> str:
    """Say how the server's times relate to the recording's."""
    recorded = format_rfc3339(recorded_at)
    if clock == "recorded":
        return (
            f"Times are served as recorded (recorded_at {recorded}); "
            "--clock now would make recorded_at the current time."
        )
    minutes = round(abs(shift.total_seconds()) / 60)
    if not minutes:
        return f"The recording's recorded_at ({recorded}) is now: times are served as recorded."
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    amount = " ".join(f"{n}{unit}" for n, unit in ((days, "d"), (hours, "h"), (minutes, "m")) if n)
    return (
        f"Times are shifted {'forward' if shift > timedelta(0) else 'back'} by {amount}: "
        f"recorded_at {recorded} is served as {format_rfc3339(recorded_at + shift)}, so now-1h "
        "is the recording's last hour (--clock recorded serves the recorded times)."
    )


def _check_recording_dir(path: Path, option: str) -> None:
    """Refuse a recording path that exists but is not a directory (before any work)."""
    if path.exists() and not path.is_dir():
        raise UserInputError(
            f"{option} {path} is a file, not a recording directory",
            f"Give {option} a directory (it is created when it does not exist).",
        )


def record(
    out: Annotated[Path, typer.Option("--out", help="Recording directory to create or extend.")],
    query: Annotated[str, typer.Option(help='Label selector, e.g. {service_name="checkout"}.')],
    url: Annotated[
        str | None, typer.Option(help="Pyroscope URL (default: PROFILECLI_URL).")
    ] = None,
    profile_type: Annotated[
        list[str] | None,
        typer.Option(
            "--profile-type", help="Profile type ID to record (repeatable; default: all)."
        ),
    ] = None,
    from_: Annotated[str, typer.Option("--from", help="Start: now-1h, RFC3339, Unix.")] = "now-1h",
    to: Annotated[str, typer.Option("--to", help="End: now, RFC3339, Unix.")] = "now",
    via: Annotated[
        str, typer.Option(help="auto (profilecli if installed, else HTTP), profilecli or http.")
    ] = "auto",
    timeout: TimeoutOption = None,
) -> None:
    """Capture series and merged profiles from a live server into a recording (no tokens)."""
    from profile_insights.agent.pyroscope.selector import parse_selector

    seconds = timeout_of(timeout)
    check_path(out, "--out")
    _check_recording_dir(out, "--out")
    parse_selector(query)
    for wanted in profile_type or []:
        _parse_profile_type(wanted)
    source = live_source(url, via, seconds)
    start, end = parse_range(from_, to, source.now())
    count = record_into(out, source, query, profile_type or [], start, end)
    typer.echo(f"Recorded {count} profile(s) from {source.describe()} into {out}")


def record_into(
    out: Path,
    source: ProfileSource,
    query: str,
    profile_types: list[str],
    start: datetime,
    end: datetime,
) -> int:
    """Store the merged profile of every matching series and type into ``out``; return a count.

    Raises:
        EmptyProfileError: when nothing in the range matched.
    """
    from profile_insights.agent.pyroscope.recording import RecordingStore
    from profile_insights.agent.pyroscope.selector import format_selector

    store = RecordingStore(out)
    count = 0
    seen: set[tuple[tuple[tuple[str, str], ...], str]] = set()
    for series in source.series(query, [], start, end):
        labels = {k: v for k, v in series.labels.items() if not k.startswith("__")}
        profile_type = series.labels.get("__profile_type__", "")
        if not profile_type or (profile_types and profile_type not in profile_types):
            continue
        key = (tuple(sorted(labels.items())), profile_type)
        if key in seen or "service_name" not in labels:
            continue
        seen.add(key)
        # The series' own labels, all pinned with =, select it (and any series extending it).
        merged = source.merge_profile(format_selector(labels), profile_type, start, end)
        if merged.empty:
            continue
        store.add_profile(labels, profile_type, merged.data, start, end, recorded_at=end)
        count += 1
    if count == 0:
        raise EmptyProfileError(
            f"nothing matched {query} between {format_rfc3339(start)} and {format_rfc3339(end)}"
        )
    return count


@recording_app.command("add")
def recording_add(
    directory: Annotated[Path, typer.Argument(help="Recording directory (created if new).")],
    profile: Annotated[Path, typer.Option("--profile", help="A pprof file (.pb or .pb.gz).")],
    profile_type: Annotated[
        str, typer.Option("--profile-type", help="e.g. process_cpu:cpu:nanoseconds:cpu:nanoseconds")
    ],
    label: Annotated[
        list[str] | None,
        typer.Option(
            "--label",
            help="Series label K=V (repeatable; service_name required). The profile joins the "
            "series with exactly these labels, or starts a new one: a deploy is two series "
            "differing in service_git_ref.",
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            help="Start of the window the profile covers: RFC3339, Unix time, or now-2h "
            "(relative to the recording's recorded_at)."
        ),
    ] = None,
    end: Annotated[str | None, typer.Option(help="End of that window (same forms).")] = None,
    ago: Annotated[str | None, typer.Option(help="The profile ended this long ago.")] = None,
    duration: Annotated[str | None, typer.Option(help="The profile lasted this long.")] = None,
    recorded_at: Annotated[
        str | None,
        typer.Option(
            "--recorded-at",
            help="A new recording's recorded_at (what 'now' means when it is replayed; "
            "default: now). A window ending later moves an existing recording's forward.",
        ),
    ] = None,
) -> None:
    """Add a pprof file you already have to a recording, as one series' profile in one window."""
    from profile_insights.agent.profiles.combine import sample_types
    from profile_insights.agent.profiles.decode import decode_profile, read_bytes
    from profile_insights.agent.pyroscope.recording import RecordingStore
    from profile_insights.agent.pyroscope.selector import format_selector

    check_path(directory, "DIRECTORY")
    check_path(profile, "--profile")
    labels = _parse_labels(label or [])
    wanted = _parse_profile_type(profile_type)
    if not profile.exists():
        raise UserInputError(
            f"no such profile file: {shown(profile)}", "Pass an existing pprof file."
        )
    data = read_bytes(profile)
    # pprof's own checks, as `top` applies them: a file pprof refuses would break every query.
    decoded = decode_profile(data, name=str(profile))
    types = sample_types(decoded)
    names = [t for t, _ in types]
    if wanted.sample_type not in names and len(types) != 1:
        raise UserInputError(
            f"{profile} has no sample type {wanted.sample_type} "
            f"(it has: {', '.join(names) or 'none'})",
            "Pick a profile type whose second part is one of the file's sample types.",
        )
    store = RecordingStore(directory)
    now = _recording_now(store, recorded_at)
    first, last = _profile_span(start, end, ago, duration, now, decoded.duration_nanos)
    sample_type = wanted.sample_type if len(types) > 1 else None
    # A server has no data from after its "now": a later window moves recorded_at to its end.
    (entry,) = store.add_profiles(
        labels,
        [(wanted.id, sample_type)],
        data,
        first,
        last,
        recorded_at=max(now, last),
        advance_recorded_at=True,
    )
    typer.echo(
        f"Added {entry.file} to {directory} as {wanted.id} for {format_selector(labels)} "
        f"[{format_rfc3339(first)} .. {format_rfc3339(last)}]"
    )
    if last > now:
        typer.echo(f"The recording's recorded_at is now {format_rfc3339(last)} (the window's end).")


def _recording_now(store: RecordingStore, recorded_at: str | None) -> datetime:
    """Return what "now" means for the recording: its recorded_at, --recorded-at or the clock."""
    from profile_insights.agent.pyroscope.timeparse import parse_time

    live = datetime.now().astimezone()
    if not store.exists():
        return parse_time(recorded_at, live) if recorded_at else live
    existing = store.load().recorded_at
    if recorded_at and parse_time(recorded_at, existing) != existing:
        raise UserInputError(
            f"{store.directory} is recorded at {format_rfc3339(existing)}; --recorded-at "
            "only sets a new recording's",
            "Drop --recorded-at (windows ending later move recorded_at forward), or edit "
            "recorded_at in recording.json.",
        )
    return existing


def _parse_profile_type(profile_type: str) -> ProfileType:
    """Return the parsed profile type ID, or refuse it with the expected form."""
    from profile_insights.agent.pyroscope.source import ProfileType

    try:
        return ProfileType.parse(profile_type)
    except ValueError:
        raise UserInputError(
            f"not a profile type ID: {profile_type!r}",
            "Use NAME:SAMPLE_TYPE:SAMPLE_UNIT:PERIOD_TYPE:PERIOD_UNIT, e.g. "
            "process_cpu:cpu:nanoseconds:cpu:nanoseconds.",
        ) from None


def _profile_span(
    start: str | None,
    end: str | None,
    ago: str | None,
    duration: str | None,
    now: datetime,
    duration_nanos: int,
) -> tuple[datetime, datetime]:
    if (start or end) and (ago or duration):
        raise UserInputError(
            "give either --start/--end or --ago/--duration, not both",
            "e.g. --start now-2h --end now-1h, or --ago 30m --duration 45m.",
        )
    if start or end:
        return parse_range(start or "now-1h", end or "now", now)
    try:
        last = now - (parse_duration(ago) if ago else timedelta(0))
        if duration:
            length = parse_duration(duration)
        elif duration_nanos > 0:
            length = timedelta(microseconds=duration_nanos / 1000)
        else:
            length = timedelta(hours=1)
        return last - length, last
    except OverflowError:  # datetime stops at year 1
        raise UserInputError(
            "the profile's time would start before year 1",
            "Use a shorter --ago/--duration (e.g. --ago 30m --duration 45m) or --start/--end.",
        ) from None


def _parse_labels(pairs: list[str]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UserInputError(
                f"cannot read the label {pair!r}", "Write labels as --label service_name=checkout."
            )
        labels[key.strip()] = value
    if not labels.get("service_name"):
        raise UserInputError(
            "a recorded series needs a service_name label", "Add --label service_name=NAME."
        )
    return labels
