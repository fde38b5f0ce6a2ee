"""Reading pprof's text output back into a :class:`TopTable`: units, header lines and rows.

``go tool pprof -top`` prints values in display units (ms, MB) and names with their file and line in
one column; :func:`parse_top_text` turns that text into the same table the native reader builds,
so the pprof-tool path and the reader meet in one model.
"""

from __future__ import annotations

import calendar
import re

from profile_insights.agent.errors import (
    ProfileFormatError,
)
from profile_insights.agent.profiles.table import InlineLabel, TopRow, TopTable
from profile_insights.agent.profiles.text_values import (
    duration_ns,
    guess_sample_unit,
    percent,
    split_value,
    value_in_sample_unit,
)

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
                flat_pct=percent(raw["flat_pct"]),
                sum_pct=percent(raw["sum_pct"]),
                cum=to_unit(raw["cum"]),
                cum_pct=percent(raw["cum_pct"]),
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
        duration_nanos=duration_ns(duration.group(1)) if duration else None,
        total=to_unit(showing.group(3)),
        shown=to_unit(showing.group(1)),
        shown_pct=percent(showing.group(2)),
        duration_pct=percent(duration.group(3)) if duration and duration.group(3) else None,
        dropped_nodes=int(dropped.group(1)) if dropped else 0,
        dropped_cutoff=to_unit(dropped.group(2)) if dropped else 0.0,
        node_limit_shown=int(top_n.group(1)) if top_n else None,
        node_limit_total=int(top_n.group(2)) if top_n else None,
        lines=lines,
        cum_sort=cum_sort,
        rows=rows,
    )
