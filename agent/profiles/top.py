"""The native ``pprof -top`` report: build a :class:`TopTable` from a profile and print it.

:func:`top_table` reproduces what ``go tool pprof -top`` (Go 1.19.8) computes: sample type
selection (``pprof-semantics.md`` section 4), the total over merged samples (section 1 steps 3
and 7), node fraction
trimming and node count (section 3), sort order with pprof's tie-breaks (section 6) and the
report unit (section 5.1). :func:`format_top_table` prints a table exactly as pprof does
(section 5 and 6), from the model alone, so a table parsed from pprof's text prints the same.
"""

from __future__ import annotations

import re

import numpy as np

from profile_insights.agent.errors import UserInputError
from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.columns import SampleColumns
from profile_insights.agent.profiles.filenames import go_base
from profile_insights.agent.profiles.frames import NodeInfo, PreparedProfile, prepare
from profile_insights.agent.profiles.pprof_graph import inline_labels, node_values
from profile_insights.agent.profiles.table import InlineLabel, TopRow, TopTable
from profile_insights.agent.profiles.units import (
    AUTO_UNITS,
    format_percent,
    format_time,
    ratio_percent,
    scale,
    scaled_label,
)

#: pprof's defaults for text reports (internal/driver/config.go).
NODE_FRACTION = 0.005
EDGE_FRACTION = 0.001


class SampleIndexError(UserInputError):
    """The requested sample index does not name one of the profile's sample types."""

    default_hint = "Pass one of the listed sample types (or its 0-based position)."


def sample_type_names(profile: profile_pb2.Profile) -> list[str]:
    """Return the profile's sample type names in order."""
    strings = profile.string_table
    return [strings[value_type.type] for value_type in profile.sample_type]


def resolve_sample_index(profile: profile_pb2.Profile, sample_index: str | int | None) -> int:
    """Return the 0-based sample type index pprof uses for ``-sample_index`` (or its default).

    Raises:
        SampleIndexError: with pprof's message when the index is out of range or unknown.
    """
    names = sample_type_names(profile)
    if sample_index is None or sample_index == "":
        default = profile.string_table[profile.default_sample_type]
        if default and default in names:
            return names.index(default)
        return len(names) - 1
    text = str(sample_index)
    if re.fullmatch(r"[+-]?\d+", text):
        number = int(text)
        if number < 0 or number >= len(names):
            raise SampleIndexError(
                f"sample_index {text} is outside the range [0..{len(names) - 1}]"
            )
        return number
    stripped = text.removeprefix("inuse_")
    for position, name in enumerate(names):
        if name in (text, stripped):
            return position
    raise SampleIndexError(f"sample_index {_go_quote(text)} must be one of: [{' '.join(names)}]")


def _go_quote(text: str) -> str:
    """Return Go's ``%q`` rendering of a string."""
    escapes = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
               "\v": "\\v", "\\": "\\\\", '"': '\\"'}  # fmt: skip
    out = []
    for char in text:
        if char in escapes:
            out.append(escapes[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def printable_name(info: NodeInfo) -> str:
    """Return pprof's ``NodeInfo.PrintableName`` (address is always blank here)."""
    name, file, _start_line, line, objfile = info
    parts = [name] if name else []
    if line != 0:
        parts.append(f"{file}:{line}")
    elif file:
        parts.append(file)
    elif name:
        pass
    elif objfile:
        parts.append("[" + go_base(objfile) + "]")
    else:
        parts.append("<unknown>")
    return " ".join(parts)


def _go_sprint(info: NodeInfo) -> str:
    """Return Go's ``fmt.Sprint`` of pprof's NodeInfo struct, its last sort tie-break."""
    name, file, start_line, line, objfile = info
    # Fields: Name OrigName Address File StartLine Lineno Objfile (OrigName empty, Address 0).
    return f"{{{name}  0 {file} {start_line} {line} {objfile}}}"


def top_table(
    profile: profile_pb2.Profile,
    *,
    sample_index: str | int | None = None,
    lines: bool = False,
    cum: bool = False,
    nodecount: int | None = None,
    file_name: str | None = None,
    prepared: PreparedProfile | None = None,
    columns: SampleColumns | None = None,
) -> TopTable:
    """Return pprof's top report of a decoded profile as a :class:`TopTable`.

    Args:
        profile: A profile from :func:`decode.decode_profile`.
        sample_index: ``-sample_index``: a sample type name or 0-based index; None = default.
        lines: ``-lines`` granularity (function, file and line) instead of functions.
        cum: ``-cum``: sort by cumulative value.
        nodecount: ``-nodecount``: keep at most this many rows (None or 0: no limit).
        file_name: Where the profile came from; only used in error messages.
        prepared: The result of :func:`frames.prepare` for this profile, to reuse between
            reports of the same profile.
        columns: The sample columns from decoding, to avoid reading the samples again.

    Raises:
        SampleIndexError: the sample index names no sample type of the profile.
    """
    if not profile.sample_type:
        source = f"{file_name}: " if file_name else ""
        raise SampleIndexError(f"{source}profile has no samples", hint="")
    index = resolve_sample_index(profile, sample_index)
    if prepared is None:
        prepared = prepare(profile, columns)
    strings = prepared.strings
    value_type = profile.sample_type[index]
    sample_type = strings[value_type.type]
    sample_unit = strings[value_type.unit]
    weights = np.ascontiguousarray(prepared.values[:, index])
    total = _total(weights, prepared.merge_group)

    frames = prepared.frames(lines)
    values = node_values(frames, weights)
    in_graph = (values.flat != 0) | (values.cum != 0)
    flat_total = int(values.flat[in_graph].sum())
    node_cutoff = abs(int(float(flat_total) * NODE_FRACTION))
    edge_cutoff = abs(int(float(flat_total) * EDGE_FRACTION))
    kept = in_graph.copy()
    dropped = 0
    if node_cutoff > 0:
        kept &= np.abs(values.cum) >= node_cutoff
        dropped = int(in_graph.sum() - kept.sum())
    kept_nodes = [int(n) for n in np.flatnonzero(kept)]
    infos = frames.infos
    names = {n: printable_name(infos[n]) for n in kept_nodes}
    flat = values.flat
    cumv = values.cum

    def sort_key(n: int) -> tuple[int, str, int, str]:
        primary, secondary = (
            (abs(int(cumv[n])), abs(int(flat[n])))
            if cum
            else (
                abs(int(flat[n])),
                abs(int(cumv[n])),
            )
        )
        return (-primary, names[n], -secondary, _go_sprint(infos[n]))

    kept_nodes.sort(key=sort_key)
    orig_count = len(kept_nodes)
    rebuilt = dropped > 0
    if nodecount is not None and nodecount > 0 and nodecount < len(kept_nodes):
        kept_nodes = kept_nodes[:nodecount]
        kept = np.zeros_like(kept)
        kept[kept_nodes] = True
        rebuilt = True

    # Without a rebuild pprof keeps the first graph's edges, including those from nodes it
    # dropped for having flat and cum 0 (values cancelling out); a rebuild joins edges over
    # the kept nodes only.
    edge_nodes = kept if rebuilt else np.ones_like(kept)
    labels = inline_labels(frames, values, edge_nodes, edge_cutoff)
    display_unit = _output_unit(kept_nodes, flat, cumv, total, sample_unit)

    rows: list[TopRow] = []
    running = 0
    for rank, n in enumerate(kept_nodes, start=1):
        name, file, _start, line, _objfile = infos[n]
        node_flat = int(flat[n])
        node_cum = int(cumv[n])
        running += node_flat
        label: InlineLabel = (
            "inline"
            if labels.get(n) == "inline"
            else ("partial-inline" if labels.get(n) == "partial-inline" else "")
        )
        rows.append(
            TopRow(
                rank=rank,
                name=names[n],
                function=name,
                file=file or None if lines else None,
                line=line or None if lines else None,
                flat=node_flat,
                flat_pct=ratio_percent(node_flat, total),
                sum_pct=ratio_percent(running, total),
                cum=node_cum,
                cum_pct=ratio_percent(node_cum, total),
                inline=label,
            )
        )

    mapping = profile.mapping[0] if profile.mapping else None
    main_file = strings[mapping.filename] if mapping is not None else ""
    main_build_id = strings[mapping.build_id] if mapping is not None else ""
    build_ids: list[str] = []
    for entry in profile.mapping:
        build_id = strings[entry.build_id]
        if build_id and build_id not in build_ids:
            build_ids.append(build_id)
    duration = profile.duration_nanos
    duration_pct: float | None = None
    total_nanos, total_unit = scale(total, sample_unit, "nanoseconds")
    if duration and total_unit == "ns" and total_nanos != 0:
        duration_pct = ratio_percent(int(total_nanos), duration)
    return TopTable(
        file_name=go_base(main_file) if main_file else None,
        build_id=main_build_id or None,
        build_ids=build_ids,
        comments=[strings[c] for c in profile.comment if not strings[c].startswith("#")],
        sample_type=sample_type,
        sample_unit=sample_unit,
        sample_types=sample_type_names(profile),
        display_unit="" if display_unit in AUTO_UNITS else display_unit,
        time_nanos=profile.time_nanos or None,
        duration_nanos=duration or None,
        total=total,
        sample_count=prepared.merged_sample_count,
        shown=running,
        shown_pct=ratio_percent(running, total),
        duration_pct=duration_pct,
        dropped_nodes=dropped,
        dropped_cutoff=abs(int(float(total) * NODE_FRACTION)),
        node_limit_shown=len(kept_nodes) if len(kept_nodes) < orig_count else None,
        node_limit_total=orig_count if len(kept_nodes) < orig_count else None,
        lines=lines,
        cum_sort=cum,
        rows=rows,
    )


def _total(weights: np.ndarray, groups: np.ndarray) -> int:
    """Return pprof's report total: the sum of |value| over the merged samples.

    pprof merges samples with the same stack and labels before reporting, so values of
    opposite signs on one stack cancel before the absolute value is taken.
    """
    if not (bool((weights < 0).any()) and bool((weights > 0).any())):
        return int(np.abs(weights).sum())
    sums = np.zeros(int(groups.max(initial=-1)) + 1, dtype=np.int64)
    kept = groups >= 0
    np.add.at(sums, groups[kept], weights[kept])
    return int(np.abs(sums).sum())


def _output_unit(
    nodes: list[int], flat: np.ndarray, cum: np.ndarray, total: int, sample_unit: str
) -> str:
    """Return the unit pprof prints the whole report in (``selectOutputUnit``)."""
    if not nodes:
        return "minimum"
    min_value = 0
    for n in nodes:
        value = abs(int(flat[n])) or abs(int(cum[n]))
        if value > 0 and (min_value == 0 or value < min_value):
            min_value = value
    max_value = total
    if min_value == 0:
        min_value = max_value
    _, min_unit = scale(min_value, sample_unit, "minimum")
    _, max_unit = scale(max_value, sample_unit, "minimum")
    unit = min_unit
    if min_unit != max_unit and min_value * 100 < max_value:
        _, unit = scale(100 * min_value, sample_unit, "minimum")
    return unit or sample_unit


def _value(table: TopTable, value: float) -> str:
    unit = table.display_unit or "minimum"
    return scaled_label(value, table.sample_unit, unit)


def header_lines(table: TopTable) -> list[str]:
    """Return the header lines pprof prints above the column titles."""
    lines: list[str] = []
    if table.file_name:
        lines.append(f"File: {table.file_name}")
    if table.build_id:
        lines.append(f"Build ID: {table.build_id}")
    lines.extend(table.comments)
    if table.sample_type:
        lines.append(f"Type: {table.sample_type}")
    if table.time_nanos:
        lines.append(f"Time: {format_time(table.time_nanos)}")
    if table.duration_nanos:
        duration = scaled_label(table.duration_nanos, "nanoseconds", "auto")
        ratio = f"({format_percent(table.duration_pct)})" if table.duration_pct is not None else ""
        lines.append(f"Duration: {duration}, Total samples = {_value(table, table.total)} {ratio}")
    lines.append(
        f"Showing nodes accounting for {_value(table, table.shown)}, "
        f"{format_percent(table.shown_pct).strip()} of {_value(table, table.total)} total"
    )
    if table.total != 0:
        if table.dropped_nodes > 0:
            noun = "node" if table.dropped_nodes == 1 else "nodes"
            lines.append(
                f"Dropped {table.dropped_nodes} {noun} "
                f"(cum <= {_value(table, table.dropped_cutoff)})"
            )
        if table.node_limit_shown and table.node_limit_total:
            lines.append(
                f"Showing top {table.node_limit_shown} nodes out of {table.node_limit_total}"
            )
    return lines


def format_top_table(table: TopTable) -> str:
    """Return the table as ``pprof -top`` prints it (ending with a newline)."""
    out = header_lines(table)
    out.append(f"{'flat':>10s} {'flat':>5s}% {'sum':>5s}% {'cum':>10s} {'cum':>5s}%")
    for row in table.rows:
        label = f" ({row.inline})" if row.inline else ""
        out.append(
            f"{_value(table, row.flat):>10s} {format_percent(row.flat_pct)} "
            f"{format_percent(row.sum_pct)} {_value(table, row.cum):>10s} "
            f"{format_percent(row.cum_pct)}  {row.name}{label}"
        )
    return "\n".join(out) + "\n"
