"""A stand-in for the profilecli binary, reproducing its documented behaviour.

profilecli cannot be installed or built here (pyroscope-api.md §8), so the ProfilecliSource
tests copy this script into a temporary directory as ``profilecli`` (first on PATH). It follows
pyroscope-api.md §1-§2 for the versions it is told to be (PROFILECLI_STANDIN_VERSION):
``--version`` prints prometheus/common's version block; ``query series`` prints pretty JSON with
``--output json`` from v1.19.0 and compact JSON lines before (where ``--output`` is an unknown
flag, a kingpin usage error); ``query merge --output pprof=FILE`` writes a gzip'd pprof, refusing
to overwrite without ``--force`` (v1.19.0+); errors are ``error: <text>`` on stderr with exit 1.
PROFILECLI_STANDIN_MODE picks the answer: ok, empty, unauthorized, unavailable, garbage, slow,
no-pprof-output (merge answers ``unknown output ...``). Version ``dev`` prints the empty version
of a plain ``go build``.
With PROFILECLI_STANDIN_RECORDING=DIR it answers as profilecli does against a server serving that
recording: ``query series`` and ``query merge`` for the selector and window asked, and ``query
top`` (v1.19.0+; older versions have no such command) in profilecli's JSON shape (§2.2, one
``SelectSeries`` with the window as its step, its points added up, ``<unknown>`` for a missing
label, top N by total), ranges over the server's 24 h limit refused with its message. Without it,
the series are the fixed SERIES below and a merge writes PROFILECLI_STANDIN_PROFILE.
Each run appends its argv (whether a token came through the environment, and how many other
stand-ins were running as it started) to PROFILECLI_STANDIN_LOG.
"""

from __future__ import annotations

import atexit
import gzip
import json
import os
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from profile_insights.agent.pyroscope.recorded_source import RecordedSource

SERIES = [
    {
        "__name__": "process_cpu",
        "__profile_type__": "process_cpu:cpu:nanoseconds:cpu:nanoseconds",
        "service_name": "checkout",
        "service_git_ref": "3f2c1ab",
    },
    {
        "__name__": "memory",
        "__profile_type__": "memory:inuse_space:bytes:space:bytes",
        "service_name": "checkout",
        "service_git_ref": "3f2c1ab",
    },
    {
        "__name__": "process_cpu",
        "__profile_type__": "process_cpu:cpu:nanoseconds:cpu:nanoseconds",
        "service_name": "payments",
    },
]


def version() -> tuple[int, ...]:
    raw = os.environ.get("PROFILECLI_STANDIN_VERSION", "2.2.1")
    return (99, 0, 0) if raw == "dev" else tuple(int(p) for p in raw.split("."))


def fail(message: str) -> None:
    sys.stderr.write(f"error: {message}\n")
    sys.exit(1)


def usage_error(message: str) -> None:
    sys.stderr.write(f"profilecli: error: {message}, try --help\n")
    sys.exit(1)


def parse_flags(args: list[str], known: set[str]) -> dict[str, list[str]]:
    flags: dict[str, list[str]] = {}
    boolean = {"--force", "-f", "--verbose"}
    index = 0
    while index < len(args):
        name = args[index]
        if name.startswith("--") and "=" in name:
            name, value = name.split("=", 1)
            index += 1
        elif name in boolean:
            value = "true"
            index += 1
        else:
            if index + 1 >= len(args):
                usage_error(f"expected argument for flag '{name}'")
            value = args[index + 1]
            index += 2
        if name not in known | boolean:
            usage_error(f"unknown long flag '{name}'")
        flags.setdefault(name, []).append(value)
    return flags


def check_selector(selector: str) -> None:
    # Enough of the server's check to refuse what a Prometheus parser refuses.
    if not (selector.startswith("{") and selector.endswith("}")) or ";" in selector:
        fail(
            f'failed to query: invalid_argument: failed to parse label selector "{selector}": '
            "1:1: parse error"
        )


def main() -> None:
    args = sys.argv[1:]
    mode = os.environ.get("PROFILECLI_STANDIN_MODE", "ok")
    log = os.environ.get("PROFILECLI_STANDIN_LOG")
    if log:
        # A marker per running stand-in, so that the log says how many ran alongside this one.
        running = Path(log + ".running")
        running.mkdir(exist_ok=True)
        marker = running / str(os.getpid())
        marker.touch()
        atexit.register(marker.unlink)
        with open(log, "a", encoding="utf-8") as stream:
            record = {
                "argv": args,
                "token_in_env": bool(os.environ.get("PROFILECLI_TOKEN")),
                "url": os.environ.get("PROFILECLI_URL"),
                "alongside": len(list(running.iterdir())) - 1,
            }
            stream.write(json.dumps(record) + "\n")
    if args == ["--version"]:
        # A plain `go build` leaves the ldflags empty: "profilecli, version  (branch: , ...".
        raw = os.environ.get("PROFILECLI_STANDIN_VERSION", "2.2.1")
        text = "" if raw == "dev" else ".".join(map(str, version()))
        sys.stdout.write(
            f"profilecli, version {text} (branch: HEAD, revision: 3fe6a457a)\n"
            "  build user:       goreleaser\n"
            "  build date:       2026-08-21T10:00:00Z\n"
            "  go version:       go1.24.6\n"
            "  platform:         linux/amd64\n"
            "  tags:             unknown\n"
        )
        return
    commands = [["query", "series"], ["query", "merge"], ["query", "profile"]]
    if version() >= (1, 19, 0):
        commands.append(["query", "top"])
    if args[:2] not in commands:
        usage_error(f"expected command but got {' '.join(args[:2])!r}")
    sys.stderr.write('level=info msg="query" url=' + os.environ.get("PROFILECLI_URL", "") + "\n")
    if mode == "slow":
        time.sleep(30)
    if mode == "unauthorized":
        prefix = "failed to query: " if args[1] == "series" else ""
        fail(f"{prefix}unauthenticated: 401 Unauthorized")
    if mode == "unavailable":
        fail(
            'unavailable: Post "http://localhost:4040/querier.v1.QuerierService/'
            'SelectMergeStacktraces": dial tcp [::1]:4040: connect: connection refused'
        )
    common = {"--query", "--from", "--to", "--url", "--token", "--tenant-id"}
    recording = os.environ.get("PROFILECLI_STANDIN_RECORDING")
    if recording:
        from_recording(Path(recording), args, common)
        return
    if args[1] == "series":
        known = common | {"--label-names", "--api-type"}
        if version() >= (1, 19, 0):
            known.add("--output")
        flags = parse_flags(args[2:], known)
        check_selector(flags.get("--query", ["{}"])[-1])
        names = flags.get("--label-names", [])
        rows: list[dict[str, str]] = []
        if mode not in ("empty",):
            for series in SERIES:
                row = {k: v for k, v in series.items() if not names or k in names}
                if row not in rows:
                    rows.append(dict(sorted(row.items())))
        if mode == "garbage":
            sys.stdout.write("<html><body>Grafana login</body></html>\n")
        elif flags.get("--output", ["table"])[-1] == "json":
            document = {
                "from": "2026-11-25T11:00:00+00:00",
                "to": "2026-11-25T12:00:00+00:00",
                "series": rows,
            }
            sys.stdout.write(json.dumps(document, indent=2) + "\n")
        elif version() >= (1, 19, 0):
            for row in rows:  # the table form; the wrapper must never ask for it
                sys.stdout.write("| " + " | ".join(row.values()) + " |\n")
        else:
            for row in rows:
                sys.stdout.write(json.dumps(row, separators=(",", ":")) + "\n")
        return
    known = common | {"--profile-type", "--output", "--max-nodes"}
    flags = parse_flags(args[2:], known)
    if "--force" in flags and version() < (1, 19, 0):
        usage_error("unknown long flag '--force'")
    check_selector(flags.get("--query", ["{}"])[-1])
    profile_type = flags.get("--profile-type", ["process_cpu:cpu:nanoseconds:cpu:nanoseconds"])[-1]
    parts = profile_type.split(":")
    if len(parts) not in (5, 6):
        fail(
            "invalid_argument: profile-type selection must be of the form "
            "<name>:<sample-type>:<sample-unit>:<period-type>:<period-unit>(:delta), "
            f'got({len(parts)}): "{profile_type}"'
        )
    output = flags.get("--output", ["console"])[-1]
    if mode == "no-pprof-output" or not output.startswith("pprof="):
        fail(f"unknown output {output}")
    path = Path(output.removeprefix("pprof="))
    if not str(path):
        fail("no file path specified after pprof=")
    if path.exists() and "--force" not in flags:
        fail(f"failed to create pprof file: open {path}: file exists")
    if mode == "empty":
        payload = gzip.compress(b"")
    else:
        data = Path(os.environ["PROFILECLI_STANDIN_PROFILE"]).read_bytes()
        payload = data if data[:2] == b"\x1f\x8b" else gzip.compress(data)
    path.write_bytes(payload)
    os.chmod(path, 0o644)


def from_recording(directory: Path, args: list[str], common: set[str]) -> None:
    """Answer ``query series|merge|top`` from a recording, as against a server serving it."""
    from profile_insights.agent.errors import ProfileInsightsError
    from profile_insights.agent.pyroscope.limits import MAX_QUERY_LENGTH, check_range
    from profile_insights.agent.pyroscope.recorded_source import RecordedSource
    from profile_insights.agent.pyroscope.timeparse import parse_time

    known = common | {"--label-names", "--api-type", "--output", "--profile-type", "--top-n"}
    flags = parse_flags(args[2:], known | {"--max-nodes"})
    if "--force" in flags and version() < (1, 19, 0):
        usage_error("unknown long flag '--force'")
    if "--output" in flags and args[1] == "series" and version() < (1, 19, 0):
        usage_error("unknown long flag '--output'")
    source = RecordedSource(directory)
    selector = flags.get("--query", ["{}"])[-1]
    profile_type = flags.get("--profile-type", ["process_cpu:cpu:nanoseconds:cpu:nanoseconds"])[-1]
    names = flags.get("--label-names", [])
    # Series and top wrap the server's error; the merge's pprof path does not (§2.5).
    prefix = "" if args[1] in ("merge", "profile") else "failed to query: "
    try:
        start = parse_time(flags.get("--from", ["now-1h"])[-1], source.now())
        end = parse_time(flags.get("--to", ["now"])[-1], source.now())
    except ProfileInsightsError as error:
        fail(f"failed to parse from/to: {error.message}")
    if start > end:
        fail("from cannot be after")
    try:
        if args[1] == "series":
            rows = [
                dict(sorted(s.labels.items())) for s in source.series(selector, names, start, end)
            ]
            print_series(rows, flags.get("--output", ["table"])[-1], start, end)
        elif args[1] == "top":
            check_range(start, end, MAX_QUERY_LENGTH)
            query = (selector, profile_type, start, end)
            top_n = int(flags.get("--top-n", ["10"])[-1])
            print_top(source, query, names or ["service_name"], top_n)
        else:
            output = flags.get("--output", ["console"])[-1]
            if not output.startswith("pprof="):
                fail(f"unknown output {output}")
            path = Path(output.removeprefix("pprof="))
            if path.exists() and "--force" not in flags:
                fail(f"failed to create pprof file: open {path}: file exists")
            merged = source.merge_profile(selector, profile_type, start, end)
            data = merged.data
            path.write_bytes(data if data[:2] == b"\x1f\x8b" else gzip.compress(data))
    except ProfileInsightsError as error:
        fail(f"{prefix}invalid_argument: {error.message}")


def print_series(rows: list[dict[str, str]], output: str, start: datetime, end: datetime) -> None:
    if output == "json":
        document = {"from": start.isoformat(), "to": end.isoformat(), "series": rows}
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
    else:
        for row in rows:
            sys.stdout.write(json.dumps(row, separators=(",", ":")) + "\n")


def print_top(
    source: RecordedSource,
    query: tuple[str, str, datetime, datetime],
    names: list[str],
    top_n: int,
) -> None:
    # cmd/profilecli/query-top.go: SelectSeries with step = the window, its points added up.
    selector, profile_type, start, end = query
    found = source.select_series(
        selector, profile_type, start, end, group_by=names, step=end - start
    )
    totals = sorted(
        (({n: s.labels.get(n) or "<unknown>" for n in names}, s.total) for s in found),
        key=lambda item: -item[1],
    )
    document = {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "profile_type": profile_type,
        "series": [{"labels": labels, "total": total} for labels, total in totals[:top_n]],
    }
    sys.stdout.write(json.dumps(document, indent=2) + "\n")


if __name__ == "__main__":
    main()
