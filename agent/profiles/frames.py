"""The profile as pprof sees it before graphing: rewritten names, pruned stacks, node frames.

This module performs the profile-level steps of ``pprof-semantics.md`` section 1 that change
``-top`` output: function names are rewritten (section 7), ``drop_frames``/``keep_frames`` prune
stacks (section 8), file names are trimmed and cleaned (section 6), and each location expands
into one graph node per ``Line`` at the chosen granularity (section 2). pprof's merge step
(dropping all-zero samples, summing identical ones) does not change flat or cum values, so it
only shows in :attr:`PreparedProfile.merged_sample_count`.

Stacks are kept as flat numpy arrays (one entry per frame, leaf first) so that the graph code
never loops over frames in Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.columns import SampleColumns, sample_columns
from profile_insights.agent.profiles.demangle import rewrite_function_name
from profile_insights.agent.profiles.paths import report_file_name

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: pprof's NodeInfo without the address (always blanked at function and line granularity):
#: (name, file, start_line, line, objfile).
NodeInfo = tuple[str, str, int, int, str]


@dataclass(frozen=True)
class _Function:
    name: str
    file: str
    start_line: int


@dataclass
class PreparedProfile:
    """A decoded profile after pprof's name rewriting and pruning, ready to graph."""

    profile: profile_pb2.Profile
    strings: list[str]
    location_lines: list[list[tuple[int, int]]]
    """Per dense location index: (function_id, line) entries after pruning; [] = no lines."""
    location_objfile: list[str]
    functions: dict[int, _Function]
    stack_locations: IntArray
    """Dense location index of every frame of every sample, leaf first, concatenated."""
    stack_offsets: IntArray
    values: npt.NDArray[np.int64]
    merged_sample_count: int
    _frames: dict[bool, FrameTable] = field(default_factory=dict)

    def frames(self, lines: bool) -> FrameTable:
        """Return the node frames at functions (``lines=False``) or line granularity."""
        if lines not in self._frames:
            self._frames[lines] = _build_frames(self, lines)
        return self._frames[lines]


@dataclass(frozen=True)
class FrameTable:
    """Graph nodes of every frame, leaf first within each sample, after inline expansion."""

    infos: list[NodeInfo]
    node: IntArray
    """Node index of each expanded frame."""
    inline: BoolArray
    """Whether the frame is an inlined call (not the last Line of its location)."""
    sample: IntArray
    """Sample index of each expanded frame (non-decreasing)."""
    leaf_node: IntArray
    """Node of each sample's leaf frame, -1 for a sample without locations."""


def prepare(profile: profile_pb2.Profile, columns: SampleColumns | None = None) -> PreparedProfile:
    """Rewrite names, prune stacks and index locations of a validated profile."""
    if columns is None:
        columns = sample_columns(profile)
    strings = list(profile.string_table)
    functions: dict[int, _Function] = {}
    for function in profile.function:
        name = rewrite_function_name(strings[function.name], strings[function.system_name])
        functions[function.id] = _Function(
            name=name,
            file=report_file_name(strings[function.filename]),
            start_line=function.start_line,
        )
    mapping_files = {m.id: strings[m.filename] for m in profile.mapping}
    location_ids = np.fromiter(
        (loc.id for loc in profile.location), dtype=np.uint64, count=len(profile.location)
    )
    location_lines = [[(ln.function_id, ln.line) for ln in loc.line] for loc in profile.location]
    location_objfile = [mapping_files.get(loc.mapping_id, "") for loc in profile.location]

    stack_locations = _dense_location_index(location_ids, columns.location_ids)
    offsets = columns.offsets
    drop = strings[profile.drop_frames]
    if drop:
        keep = strings[profile.keep_frames]
        stack_locations, offsets = _prune(
            drop, keep, functions, location_lines, stack_locations, offsets
        )
    return PreparedProfile(
        profile=profile,
        strings=strings,
        location_lines=location_lines,
        location_objfile=location_objfile,
        functions=functions,
        stack_locations=stack_locations,
        stack_offsets=offsets,
        values=columns.values,
        merged_sample_count=_merged_sample_count(columns, stack_locations, offsets),
    )


def _dense_location_index(
    location_ids: npt.NDArray[np.uint64], stack: npt.NDArray[np.uint64]
) -> IntArray:
    """Map location IDs in stacks to positions in the location list (IDs are validated)."""
    if stack.size == 0:
        return np.zeros(0, dtype=np.int64)
    largest = int(location_ids.max()) if location_ids.size else 0
    if largest <= 4 * location_ids.size + 1_000_000:
        # IDs are usually dense (1..N): a lookup table is a plain gather.
        table = np.full(largest + 1, -1, dtype=np.int64)
        table[location_ids.astype(np.int64)] = np.arange(location_ids.size, dtype=np.int64)
        return table[stack.astype(np.int64)]
    order = np.argsort(location_ids, kind="stable")
    positions = np.searchsorted(location_ids, stack, sorter=order)
    return np.asarray(order[positions], dtype=np.int64)


def _simplify_for_prune(name: str) -> str:
    """Return the name pprof matches drop_frames against (no leading '.', no argument list)."""
    name = name.removeprefix(".")
    for match in re.finditer(r"\(anonymous namespace\)|operator\(\)|\(", name):
        if match.group() == "(":
            return name[: match.start()]
    return name


def _prune(
    drop: str,
    keep: str,
    functions: dict[int, _Function],
    location_lines: list[list[tuple[int, int]]],
    stack: IntArray,
    offsets: IntArray,
) -> tuple[IntArray, IntArray]:
    """Apply pprof's Prune: cut frames matching drop_frames (and not keep_frames)."""
    try:
        drop_rx = re.compile(f"(?:{drop})")
        keep_rx = re.compile(f"(?:{keep})") if keep else None
    except re.error:
        return stack, offsets
    prune_whole: set[int] = set()
    prune_beneath: set[int] = set()
    for index, lines in enumerate(location_lines):
        for position in range(len(lines) - 1, -1, -1):
            function = functions.get(lines[position][0])
            if function is None or not function.name:
                continue
            simple = _simplify_for_prune(function.name)
            if drop_rx.fullmatch(simple) and (keep_rx is None or not keep_rx.fullmatch(simple)):
                prune_beneath.add(index)
                if position == len(lines) - 1:
                    prune_whole.add(index)
                else:
                    location_lines[index] = lines[position + 1 :]
                break
    if not prune_beneath:
        return stack, offsets
    pieces: list[IntArray] = []
    new_offsets = np.zeros_like(offsets)
    total = 0
    for sample in range(offsets.size - 1):
        frames = stack[offsets[sample] : offsets[sample + 1]]
        start = 0
        found_user = False
        for position in range(frames.size - 1, -1, -1):
            loc = int(frames[position])
            if loc not in prune_whole and loc not in prune_beneath:
                found_user = True
                continue
            if not found_user:
                continue
            start = position + 1 if loc in prune_whole else position
            break
        kept = frames[start:]
        pieces.append(kept)
        total += kept.size
        new_offsets[sample + 1] = total
    merged = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int64)
    return merged.astype(np.int64), new_offsets


def _merged_sample_count(columns: SampleColumns, stack: IntArray, offsets: IntArray) -> int:
    """Count samples after pprof's merge: all-zero ones dropped, same stack and labels summed."""
    nonzero = (columns.values != 0).any(axis=1) if columns.values.size else np.zeros(0, bool)
    if not nonzero.any():
        return 0
    seen: set[tuple[bytes, bytes]] = set()
    stack_bytes = stack.astype(np.int64)
    for sample in np.flatnonzero(nonzero):
        key = (
            stack_bytes[offsets[sample] : offsets[sample + 1]].tobytes(),
            columns.label_blobs[sample],
        )
        seen.add(key)
    return len(seen)


def _build_frames(prepared: PreparedProfile, lines: bool) -> FrameTable:
    infos: list[NodeInfo] = []
    index_of: dict[NodeInfo, int] = {}
    loc_start: list[int] = []
    loc_count: list[int] = []
    flat_nodes: list[int] = []
    flat_inline: list[bool] = []
    functions = prepared.functions
    for loc_index, entries in enumerate(prepared.location_lines):
        objfile = prepared.location_objfile[loc_index]
        loc_start.append(len(flat_nodes))
        if not entries:
            keys: list[NodeInfo] = [("", "", 0, 0, objfile)]
        else:
            keys = []
            for function_id, line in entries:
                function = functions[function_id]
                name = function.name
                info: NodeInfo = (
                    name,
                    function.file if lines else "",
                    0 if name else function.start_line,
                    line if lines else 0,
                    "" if name else objfile,
                )
                keys.append(info)
        last = len(keys) - 1
        for position, key in enumerate(keys):
            node = index_of.get(key)
            if node is None:
                node = len(infos)
                index_of[key] = node
                infos.append(key)
            flat_nodes.append(node)
            flat_inline.append(position != last)
        loc_count.append(len(keys))

    starts = np.array(loc_start, dtype=np.int64)
    counts = np.array(loc_count, dtype=np.int64)
    nodes_flat = np.array(flat_nodes, dtype=np.int64)
    inline_flat = np.array(flat_inline, dtype=np.bool_)
    stack = prepared.stack_locations
    offsets = prepared.stack_offsets
    sample_count = offsets.size - 1
    frame_sample = np.repeat(np.arange(sample_count, dtype=np.int64), np.diff(offsets))
    expand = counts[stack]
    total = int(expand.sum())
    first = np.repeat(starts[stack], expand)
    expanded_offsets = np.cumsum(expand) - expand
    within = np.arange(total, dtype=np.int64) - np.repeat(expanded_offsets, expand)
    pointer = first + within
    sample = np.repeat(frame_sample, expand)
    node = nodes_flat[pointer]
    leaf_node = np.full(sample_count, -1, dtype=np.int64)
    nonempty = np.diff(offsets) > 0
    # The leaf is Line[0] of location_id[0]: the first expanded frame of the sample.
    leaf_frames = expanded_offsets[offsets[:-1][nonempty]]
    leaf_node[nonempty] = node[leaf_frames]
    return FrameTable(
        infos=infos,
        node=node,
        inline=inline_flat[pointer],
        sample=sample,
        leaf_node=leaf_node,
    )
