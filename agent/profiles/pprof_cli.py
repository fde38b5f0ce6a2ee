"""Run the ``pprof`` tool and read its ``-top`` text back into a :class:`TopTable`.

The native reader is the default way to build the top table; this module is the second
opinion (and the seed's original path): it finds ``pprof`` or ``go tool pprof``, runs it as an
argument list with a timeout and a neutral environment, and parses the text. The parser follows
google/pprof's ``internal/report`` formatting (see ``docs/pprof-semantics.md`` in the shared
reference material): header lines, then rows ``%10s %s %s %10s %s  %s%s``.
"""

from __future__ import annotations

import calendar
import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from profile_insights.agent.errors import (
    ProfileFormatError,
    ToolFailedError,
    ToolNotFoundError,
)
from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.profiles.demangle import rewrite_function_name
from profile_insights.agent.profiles.table import InlineLabel, TopRow, TopTable

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 120.0

INSTALL_HINT = (
    "Install Go (Debian/Ubuntu: `apt-get install golang-go`) to get `go tool pprof`, or "
    "`go install github.com/google/pprof@latest` and put it on PATH. The built-in reader "
    "(the default) needs neither."
)


class PprofTimeoutError(ToolFailedError):
    """pprof did not finish within the allowed time."""

    default_hint = (
        "Use the built-in reader (the default), raise the timeout, or query a shorter range."
    )


# --------------------------------------------------------------------------------------------
# Locating and running pprof


@dataclass(frozen=True)
class PprofCommand:
    """How to start pprof: the argument prefix before pprof's own flags."""

    argv: tuple[str, ...]

    @property
    def description(self) -> str:
        """Return the command as a user would type it."""
        return " ".join(self.argv)


def locate_pprof(path_env: str | None = None) -> PprofCommand:
    """Return the pprof command: ``pprof`` on PATH, else ``go tool pprof``.

    The seed's order is followed: a standalone pprof first, the one bundled with Go second.

    Args:
        path_env: A PATH value to search instead of the process's PATH.

    Raises:
        ToolNotFoundError: Neither ``pprof`` nor ``go`` is on PATH.
    """
    pprof = shutil.which("pprof", path=path_env)
    if pprof:
        return PprofCommand((pprof,))
    go = shutil.which("go", path=path_env)
    if go:
        return PprofCommand((go, "tool", "pprof"))
    raise ToolNotFoundError("Neither `pprof` nor `go` was found on PATH.", INSTALL_HINT)


def pprof_args(
    *,
    lines: bool = True,
    cum: bool = True,
    sample_index: str | int | None = None,
    nodecount: int | None = None,
    symbolize: bool = True,
) -> list[str]:
    """Return pprof's flags for a top report with the given options.

    ``symbolize=False`` adds ``-symbolize=none``: it silences local-symbolization attempts
    for mappings that name binaries absent here, but it also skips pprof's demangling and
    C++-style name rewriting, so names such as ``(anonymous namespace)::helper(int)`` stay
    unshortened (pprof-semantics §1 step 4). Use it only when that cannot change the text.
    """
    args: list[str] = []
    if sample_index is not None:
        args.append(f"-sample_index={sample_index}")
    if nodecount is not None:
        args.append(f"-nodecount={nodecount}")
    if not symbolize:
        args.append("-symbolize=none")
    if lines:
        args.append("-lines")
    args.append("-top")
    if cum:
        args.append("-cum")
    return args


def _pprof_env(home: Path) -> dict[str, str]:
    """Return an environment that makes pprof's output reproducible.

    ``Time:`` is printed in the local zone, so TZ is UTC. pprof looks for local copies of
    profiled binaries in ``$PPROF_BINARY_PATH`` (default ``$HOME/pprof/binaries``) and would
    symbolize with them, so both point at an empty directory.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("PPROF_")}
    env["TZ"] = "UTC"
    env["HOME"] = str(home)
    env["PPROF_BINARY_PATH"] = str(home)
    # `go tool` wants a cache location when HOME has none; keep the user's if set.
    env.setdefault("GOCACHE", str(home / "go-cache"))
    return env


def _error_reason(stderr: str, shown_name: str) -> str:
    """Return pprof's own failure reason, without the noise lines around it."""
    noise = (
        "failed to fetch any source profiles",
        "Local symbolization failed",
        "Main binary filename not available",
        "Some binary filenames not available",
    )
    reasons = [
        line.strip()
        for line in stderr.splitlines()
        if line.strip() and not line.strip().startswith(noise)
    ]
    text = "; ".join(reasons) if reasons else stderr.strip()
    return text.replace(f"{shown_name}: ", "", 1) if shown_name else text


def run_pprof(
    profile: Path | bytes,
    args: Sequence[str],
    *,
    command: PprofCommand | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
) -> str:
    """Run pprof on a profile file or bytes and return its stdout.

    Args:
        profile: Path of a pprof file, or the profile bytes (written to a temporary file).
        args: pprof flags, e.g. from :func:`pprof_args`.
        command: The pprof command; located with :func:`locate_pprof` when omitted.
        timeout: Seconds before pprof is killed.

    Raises:
        ToolNotFoundError: pprof is not installed.
        ProfileFormatError: pprof rejected the profile or an option (its reason is kept).
        PprofTimeoutError: pprof ran longer than ``timeout``.
        ToolFailedError: pprof failed in another way.
    """
    cmd = command or locate_pprof()
    with tempfile.TemporaryDirectory(prefix="profile-insights-pprof-") as tmp:
        home = Path(tmp)
        if isinstance(profile, bytes):
            target = home / "profile.pb.gz"
            target.write_bytes(profile)
            shown = "profile"
        else:
            # pprof runs in the temporary directory, so relative paths are made absolute.
            target = Path(profile).resolve()
            if not target.is_file():
                raise ProfileFormatError(f"Profile file not found: {target}")
            shown = target.name
        argv = [*cmd.argv, *args, str(target)]
        logger.debug("running %s", argv)
        try:
            done = subprocess.run(  # noqa: S603 - argv list, never a shell
                argv,
                cwd=tmp,
                env=_pprof_env(home),
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise PprofTimeoutError(
                f"`{cmd.description} {' '.join(args)}` did not finish in {timeout:g} s."
            ) from exc
        except OSError as exc:
            raise ToolNotFoundError(
                f"Could not start {cmd.description}: {exc}", INSTALL_HINT
            ) from exc
    if done.returncode != 0:
        reason = _error_reason(done.stderr.replace(str(target), shown), shown)
        if done.returncode == 1 and reason:
            raise ProfileFormatError(f"pprof could not read {shown}: {reason}")
        raise ToolFailedError(
            f"{cmd.description} exited with status {done.returncode}: {reason or 'no message'}",
            "Run the same command by hand to see the full output.",
        )
    return done.stdout


def symbolize_none_is_safe(profile: profile_pb2.Profile) -> bool:
    """Return True when ``-symbolize=none`` cannot change pprof's text for this profile.

    ``-symbolize=none`` skips the symbolizer and with it pprof's demangling and C++-style name
    rewriting (pprof-semantics §1 step 4, §7). Locations are only symbolized from local
    binaries, which the runner hides (empty HOME and PPROF_BINARY_PATH), so the flag is safe
    exactly when no function name would be rewritten.
    """
    strings = profile.string_table
    for function in profile.function:
        name, system_name = strings[function.name], strings[function.system_name]
        if rewrite_function_name(name, system_name) != name:
            return False
    return True


def pprof_top_table(
    profile: Path | bytes,
    *,
    lines: bool = True,
    cum: bool = True,
    sample_index: str | int | None = None,
    nodecount: int | None = None,
    symbolize: bool | Literal["auto"] = True,
    sample_unit: str | None = None,
    command: PprofCommand | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
) -> TopTable:
    """Run ``pprof [-lines] -top [-cum]`` on a profile and return the parsed table.

    Args:
        profile: Path of a pprof file, or the profile bytes.
        lines: Add ``-lines`` (rows are function + file + line).
        cum: Add ``-cum`` (rows sorted by cumulative value).
        sample_index: pprof's ``-sample_index`` (name or 0-based index).
        nodecount: pprof's ``-nodecount``.
        symbolize: False adds ``-symbolize=none`` (see :func:`pprof_args`); ``"auto"`` adds it
            only when :func:`symbolize_none_is_safe` (this decodes the profile natively).
        sample_unit: The selected sample type's unit (e.g. ``nanoseconds``); the text does not
            show it, see :func:`parse_top_text`.
        command: The pprof command; located when omitted.
        timeout: Seconds before pprof is killed.
    """
    if symbolize == "auto":
        data = profile if isinstance(profile, bytes) else Path(profile).read_bytes()
        name = "profile" if isinstance(profile, bytes) else Path(profile).name
        symbolize = not symbolize_none_is_safe(decode_profile(data, name=name))
    args = pprof_args(
        lines=lines, cum=cum, sample_index=sample_index, nodecount=nodecount, symbolize=symbolize
    )
    cmd = command or locate_pprof()
    text = run_pprof(profile, args, command=cmd, timeout=timeout)
    try:
        return parse_top_text(text, lines=lines, cum_sort=cum, sample_unit=sample_unit)
    except ProfileFormatError as error:
        first = next((line for line in text.splitlines() if line.strip()), "nothing")
        raise ToolFailedError(
            f"`{cmd.description}` printed no top table (it printed: {first[:200]})",
            "Check that this command is pprof and works, or leave out --pprof to use the "
            "built-in reader.",
        ) from error


# --------------------------------------------------------------------------------------------
# Units (google/pprof internal/measurement)

_TIME_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9, "hrs": 3600e9}
_BYTES = {"B": 1.0, "kB": 1024.0, "MB": 1024.0**2, "GB": 1024.0**3, "TB": 1024.0**4}
_BYTES["PB"] = 1024.0**5
_COUNT_UNITS = {"", "count", "sample", "samples", "unit", "units"}
_SAMPLE_UNIT_NS = {
    "nanosecond": 1.0,
    "ns": 1.0,
    "microsecond": 1e3,
    "us": 1e3,
    "μs": 1e3,
    "millisecond": 1e6,
    "ms": 1e6,
    "second": 1e9,
    "sec": 1e9,
    "s": 1e9,
    "hour": 3600e9,
    "hr": 3600e9,
}
_SAMPLE_UNIT_BYTES = {
    "b": 1.0,
    "byte": 1.0,
    "kb": 1024.0,
    "kbyte": 1024.0,
    "kilobyte": 1024.0,
    "mb": 1024.0**2,
    "mbyte": 1024.0**2,
    "megabyte": 1024.0**2,
    "gb": 1024.0**3,
    "gbyte": 1024.0**3,
    "gigabyte": 1024.0**3,
}
_VALUE_RE = re.compile(r"^(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)(.*)$")


def _unit_key(unit: str) -> str:
    """Return a unit name in pprof's matching form: lower case, plural ``s`` dropped."""
    key = unit.lower()
    # measurement.go ignores a trailing "s" on unit names longer than two characters.
    if len(key) > 2 and key.endswith("s"):
        key = key[:-1]
    return key


def guess_sample_unit(display_unit: str) -> str:
    """Return the most likely sample unit for a display unit the text printed.

    Go CPU, mutex and block profiles count nanoseconds and heap profiles bytes; plain numbers
    are counts. Profiles in other time units (Node.js wall time is in microseconds) need the
    caller to say so, because the text does not show the sample unit.
    """
    if display_unit in _TIME_NS:
        return "nanoseconds"
    if display_unit in _BYTES:
        return "bytes"
    if display_unit == "":
        return "count"
    return display_unit


def _display_factor(display_unit: str, sample_unit: str) -> float:
    """Return the multiplier from a printed value to the sample unit."""
    if display_unit in _TIME_NS:
        per = _SAMPLE_UNIT_NS.get(_unit_key(sample_unit))
        return _TIME_NS[display_unit] / per if per else 1.0
    if display_unit in _BYTES:
        per = _SAMPLE_UNIT_BYTES.get(_unit_key(sample_unit))
        return _BYTES[display_unit] / per if per else 1.0
    return 1.0


def split_value(text: str) -> tuple[float, str]:
    """Return the number and unit of a printed value such as ``7.34s``, ``4kB`` or ``13666``."""
    match = _VALUE_RE.match(text.strip())
    if not match:
        raise ProfileFormatError(f"Not a pprof value: {text!r}")
    return float(match.group(1)), match.group(2)


def value_in_sample_unit(text: str, sample_unit: str) -> float:
    """Return a printed value converted back to the sample unit (``1.5s`` -> 1.5e9 ns)."""
    number, unit = split_value(text)
    return number * _display_factor(unit, sample_unit)


def _duration_ns(text: str) -> int:
    """Return a printed duration (always auto-scaled as time) in nanoseconds.

    Auto-scaling picks the largest unit in which the value is at least 1, so a duration
    printed as ``3600s`` was below one hour: the result is kept under the next unit.
    """
    number, unit = split_value(text)
    nanos = round(number * _TIME_NS.get(unit, 1e9 if unit == "" else 1.0))
    factors = sorted(_TIME_NS.values())
    if unit in _TIME_NS and factors.index(_TIME_NS[unit]) + 1 < len(factors):
        nanos = min(nanos, int(factors[factors.index(_TIME_NS[unit]) + 1]) - 1)
    return nanos


def _percent(text: str) -> float:
    """Return a printed percentage as a float (``  100%``, `` 6.13%``, ``2.3e-07%``).

    Ratios of 1% and more print with two decimals, smaller ones with two significant digits
    (``%5.2g``), so a bare ``1%`` is a ratio just under 1 rounded up.
    """
    body = text.strip().rstrip("%")
    value = float(body)
    if value == 1 and body == "1":
        return 0.9999
    return value


# --------------------------------------------------------------------------------------------
# Header and rows

_COLUMN_HEADER = re.compile(r"^\s+flat\s+flat%\s+sum%\s+cum\s+cum%\s*$")
_ROW_RE = re.compile(
    r"^\s*(?P<flat>\S+)\s+(?P<flat_pct>\S+)%\s+(?P<sum_pct>\S+)%\s+"
    r"(?P<cum>\S+)\s+(?P<cum_pct>\S+)%  (?P<rest>.*)$"
)
_SHOWING_RE = re.compile(r"^Showing nodes accounting for (\S+), (\S+)% of (\S+) total$")
_DROPPED_RE = re.compile(r"^Dropped (\d+) nodes? \(cum <= (\S+)\)$")
_TOPN_RE = re.compile(r"^Showing top (\d+) nodes out of (\d+)$")
_DURATION_RE = re.compile(r"^Duration: (\S+), Total samples = (\S+)(?: \((.*)%\))?\s*$")
_TIME_GO_RE = re.compile(
    r"^(?P<mon>[A-Z][a-z]{2}) (?P<day>\d{1,2}), (?P<year>\d{4}) at "
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?P<ampm>am|pm) \((?P<zone>[^)]*)\)$"
)
_TIME_ISO_RE = re.compile(
    r"^(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2}) "
    r"(?P<hour>\d{2}):(?P<minute>\d{2}):(?P<second>\d{2}) (?P<zone>\S+)$"
)
_MONTHS = {name: i for i, name in enumerate(calendar.month_abbr) if name}
_UTC_NAMES = {"UTC", "GMT", "Z", "+0000"}
_FILE_LINE_RE = re.compile(r"^(?P<file>.*):(?P<line>-?\d+)$")
_PSEUDO_NAME_RE = re.compile(r"^(\[[^\s\[\]]*\]|\[\[[^\s\]]*\]\]|<unknown>)$")
_SCRIPT_HEAD_RE = re.compile(r"^(?P<file>\S+):-?\d+ - ")
_ASSEMBLY_RE = re.compile(r"^[A-Za-z_][\w.]*$")
# Extensions of source files seen in profiles; used only to recognise a file printed without a
# line number (pprof prints FILE alone when the line is 0).
_SOURCE_EXTENSIONS = frozenset(
    "go s c cc cpp cxx h hpp py pyx rb js mjs cjs ts tsx jsx java kt scala rs cs fs vb php "
    "swift m mm erl ex exs clj y".split()
)


def _time_nanos(text: str) -> int | None:
    """Return the Unix time of a ``Time:`` header, or None when its zone is not UTC.

    pprof prints the time in the local zone with minute precision; the runner forces TZ=UTC.
    """
    go = _TIME_GO_RE.match(text)
    if go:
        if go["zone"] not in _UTC_NAMES:
            return None
        hour = int(go["hour"]) % 12 + (12 if go["ampm"] == "pm" else 0)
        stamp = calendar.timegm(
            (int(go["year"]), _MONTHS[go["mon"]], int(go["day"]), hour, int(go["minute"]), 0)
        )
        return stamp * 1_000_000_000
    iso = _TIME_ISO_RE.match(text)
    if iso and iso["zone"] in _UTC_NAMES:
        fields = (iso["year"], iso["mon"], iso["day"], iso["hour"], iso["minute"], iso["second"])
        year, mon, day, hour, minute, second = (int(f) for f in fields)
        return calendar.timegm((year, mon, day, hour, minute, second)) * 1_000_000_000
    return None


def _looks_like_lone_file(token: str, head: str) -> bool:
    """Return True when ``token`` is a file printed without a line (line 0).

    pprof prints ``NAME FILE`` for line 0, which text alone cannot tell apart from a name that
    contains spaces. A token is taken as a file when it is a path, has a source-file extension,
    is ``?`` (unknown file from native symbolizers), or follows a .NET ``Assembly!Method`` name
    (Pyroscope's .NET profiles put the assembly name in the file field).
    """
    if not head:
        return False
    if token == "?" or "/" in token or "\\" in token:
        return True
    suffix = token.rsplit(".", 1)[-1] if "." in token else ""
    if suffix in _SOURCE_EXTENSIONS:
        return True
    script = _SCRIPT_HEAD_RE.match(head)
    if script and script["file"] == token:
        # Pyroscope's "FILE:-1 - func" names repeat their file: rbspy's "(unknown)".
        return True
    return "!" in head and "!" not in token and bool(_ASSEMBLY_RE.match(token))


def split_name_column(column: str, lines: bool) -> tuple[str, str | None, int | None]:
    """Return (function, file, line) from a printed name column.

    Without ``-lines`` the column is the function name. With it, pprof appends ``FILE:LINE``,
    ``FILE`` (line 0) or ``:LINE`` (no file) after a space, or prints ``FILE:LINE`` alone for
    a nameless function. Names may contain spaces (C++ ``ns::Widget::draw const``, Rust
    ``conn.rs:986 - ::poll``), so only the last token is considered, and only when it looks
    like a position. ``[MAPPING]`` and ``<unknown>`` stand for frames without a function name
    (pprof's ``PrintableName``), so their function is empty. ``FILE:0`` is never a position
    (line 0 prints as ``FILE``), which keeps Node.js names such as ``:(idle):0`` whole.
    """
    if _PSEUDO_NAME_RE.match(column):
        # pprof prints [MAPPING] or <unknown> for a location without function and file.
        return "", None, None
    if not lines:
        return column, None, None
    head, _, last = column.rpartition(" ")
    position = _FILE_LINE_RE.match(last)
    if position and int(position["line"]) != 0:
        file = position["file"] or None
        return head, file, int(position["line"])
    if head and _looks_like_lone_file(last, head):
        return head, last, None
    if not head and "." in last and last.rsplit(".", 1)[-1] in _SOURCE_EXTENSIONS:
        # A function without a name and line 0: pprof prints the file alone.
        return "", last, None
    return column, None, None


def _has_position(column: str) -> bool:
    """Return True when a name column ends in `` FILE:LINE`` with a non-zero line."""
    head, _, last = column.rpartition(" ")
    position = _FILE_LINE_RE.match(last)
    return bool(head and position and int(position["line"]) != 0)


def _split_label(rest: str) -> tuple[str, InlineLabel]:
    """Return the name column and the inline label of a row's text after the cum% column."""
    if rest.endswith(" (partial-inline)"):
        return rest[: -len(" (partial-inline)")], "partial-inline"
    if rest.endswith(" (inline)"):
        return rest[: -len(" (inline)")], "inline"
    return rest, ""


def parse_top_text(
    text: str,
    *,
    lines: bool | None = None,
    cum_sort: bool | None = None,
    sample_unit: str | None = None,
) -> TopTable:
    """Parse pprof's ``-top`` text (with or without ``-lines``/``-cum``) into a TopTable.

    Args:
        text: pprof's stdout.
        lines: Whether ``-lines`` was given; when None it is inferred (a row ending in
            ``FILE:LINE``).
        cum_sort: Whether ``-cum`` was given; when None it is inferred from the row order.
        sample_unit: Unit of the selected sample type. The text only shows the display unit,
            so when omitted it is guessed (:func:`guess_sample_unit`): time as nanoseconds,
            memory as bytes, plain numbers as counts.

    Raises:
        ProfileFormatError: The text is not a pprof top report.
    """
    all_lines = text.splitlines()
    try:
        column_at = next(i for i, line in enumerate(all_lines) if _COLUMN_HEADER.match(line))
    except StopIteration:
        raise ProfileFormatError(
            "The text is not a pprof -top report (no 'flat flat% sum% cum cum%' header).",
            "Pass the stdout of `pprof -top` (optionally with -lines and -cum).",
        ) from None
    header = all_lines[:column_at]
    row_texts = [line for line in all_lines[column_at + 1 :] if line.strip()]

    raw_rows: list[dict[str, str]] = []
    for row_text in row_texts:
        match = _ROW_RE.match(row_text)
        if not match:
            raise ProfileFormatError(f"Unexpected line in a pprof -top report: {row_text!r}")
        raw_rows.append(match.groupdict())

    facts: dict[str, str] = {}
    comments: list[str] = []
    statistics: list[str] = []
    for line in header:
        key, sep, value = line.partition(": ")
        if sep and key in {"File", "Build ID", "Type", "Time", "Doc"} and key not in facts:
            facts[key] = value
        elif line.startswith(("Duration: ", "Showing ", "Dropped ")):
            statistics.append(line)
        elif "Type" not in facts:
            # Comments sit between Build ID and Type (report.go ProfileLabels).
            comments.append(line)
    if "Type" not in facts:
        raise ProfileFormatError("The pprof -top report has no 'Type:' line.")

    display_unit = ""
    for raw in raw_rows:
        for key in ("flat", "cum"):
            unit = split_value(raw[key])[1]
            if unit:
                display_unit = unit
                break
        if display_unit:
            break

    def find(pattern: re.Pattern[str]) -> re.Match[str] | None:
        return next((m for m in map(pattern.match, statistics) if m), None)

    showing = find(_SHOWING_RE)
    if not showing:
        raise ProfileFormatError("The pprof -top report has no 'Showing nodes' line.")
    if not display_unit:
        display_unit = split_value(showing.group(3))[1] or split_value(showing.group(1))[1]
    unit = sample_unit or guess_sample_unit(display_unit)
    if not display_unit and raw_rows:
        # Plain numbers: pprof printed the values in the sample unit itself (counts).
        display_unit = unit

    def to_unit(text_value: str) -> float:
        return value_in_sample_unit(text_value, unit)

    if lines is None:
        # -lines appends " FILE:LINE" after the name; a name alone never has that shape after
        # a space (Node.js names such as ./index.ts:handler:31 have no space).
        lines = any(_has_position(_split_label(r["rest"])[0]) for r in raw_rows)
    rows: list[TopRow] = []
    for rank, raw in enumerate(raw_rows, start=1):
        name, inline = _split_label(raw["rest"])
        function, file, line_no = split_name_column(name, lines)
        rows.append(
            TopRow(
                rank=rank,
                name=name,
                function=function,
                file=file,
                line=line_no,
                flat=to_unit(raw["flat"]),
                flat_pct=_percent(raw["flat_pct"]),
                sum_pct=_percent(raw["sum_pct"]),
                cum=to_unit(raw["cum"]),
                cum_pct=_percent(raw["cum_pct"]),
                inline=inline,
            )
        )
    if cum_sort is None:
        cums = [abs(r.cum) for r in rows]
        cum_sort = len(rows) > 1 and all(a >= b for a, b in zip(cums, cums[1:], strict=False))

    duration = find(_DURATION_RE)
    dropped = find(_DROPPED_RE)
    top_n = find(_TOPN_RE)
    build_id = facts.get("Build ID")
    return TopTable(
        file_name=facts.get("File"),
        build_id=build_id,
        build_ids=[build_id] if build_id else [],
        comments=comments,
        sample_type=facts["Type"],
        sample_unit=unit,
        sample_types=[facts["Type"]],
        display_unit=display_unit,
        time_nanos=_time_nanos(facts["Time"]) if "Time" in facts else None,
        duration_nanos=_duration_ns(duration.group(1)) if duration else None,
        total=to_unit(showing.group(3)),
        shown=to_unit(showing.group(1)),
        shown_pct=_percent(showing.group(2)),
        duration_pct=_percent(duration.group(3)) if duration and duration.group(3) else None,
        dropped_nodes=int(dropped.group(1)) if dropped else 0,
        dropped_cutoff=to_unit(dropped.group(2)) if dropped else 0.0,
        node_limit_shown=int(top_n.group(1)) if top_n else None,
        node_limit_total=int(top_n.group(2)) if top_n else None,
        lines=lines,
        cum_sort=cum_sort,
        rows=rows,
    )
