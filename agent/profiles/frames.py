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
from typing import Any

import numpy as np
import numpy.typing as npt

from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.columns import SampleColumns, dense_index, sample_columns
from profile_insights.agent.profiles.demangle import rewrite_function_name
from profile_insights.agent.profiles.filenames import report_file_name
from profile_insights.agent.profiles.merge_groups import (
    group_rows,
    merge_groups,
)
from profile_insights.agent.profiles.wire import IntArray

BoolArray = npt.NDArray[np.bool_]

#: pprof's NodeInfo without the address (always blanked at function and line granularity):
#: (name, file, start_line, line, objfile).
NodeInfo = tuple[str, str, int, int, str]


@dataclass
class PreparedProfile:
    """A decoded profile after pprof's name rewriting and pruning, ready to graph."""

    profile: profile_pb2.Profile
    strings: list[str]
    columns: SampleColumns
    line_location: IntArray
    """Location index of every Line entry after pruning, in (location, wire) order."""
    line_function: IntArray
    """Function index (position in the function list) of every Line entry."""
    line_number: IntArray
    function_names: list[str]
    """Rewritten name of every function."""
    function_files: list[str]
    """Trimmed and cleaned file name of every function."""
    mapping_files: list[str]
    """File of each mapping, plus a final "" for locations without a known mapping."""
    location_mapping: IntArray
    """Index into ``mapping_files`` of each location."""
    stack_locations: IntArray
    """Location index of every frame of every sample, leaf first, concatenated."""
    stack_offsets: IntArray
    values: npt.NDArray[np.int64]
    merge_group: IntArray
    """Each sample's group after pprof's merge (same stack and labels); -1 if all zero."""
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
    rewritten: dict[tuple[int, int], str] = {}
    function_names: list[str] = []
    for name, system_name in zip(
        columns.function_name.tolist(), columns.function_system_name.tolist(), strict=True
    ):
        key = (name, system_name)
        text = rewritten.get(key)
        if text is None:
            text = rewrite_function_name(strings[name], strings[system_name])
            rewritten[key] = text
        function_names.append(text)
    cleaned: dict[int, str] = {}
    function_files: list[str] = []
    for index in columns.function_filename.tolist():
        text = cleaned.get(index)
        if text is None:
            text = report_file_name(strings[index])
            cleaned[index] = text
        function_files.append(text)
    # Mapping file of each location ("" without a known mapping); mappings are few.
    mapping_ids = np.array([m.id for m in profile.mapping], dtype=np.uint64)
    mapping_files = [strings[m.filename] for m in profile.mapping] + [""]
    location_mapping = dense_index(mapping_ids, columns.location_mapping)
    location_mapping[location_mapping < 0] = len(mapping_files) - 1
    line_function = dense_index(columns.function_id, columns.line_function)
    merge_group, merged_sample_count = merge_groups(
        strings, profile.mapping, columns, line_function
    )
    line_location = columns.line_location
    line_number = columns.line_number
    stack_locations = columns.stack_locations
    offsets = columns.offsets
    drop = strings[profile.drop_frames]
    if drop:
        keep = strings[profile.keep_frames]
        kept_lines, stack_locations, offsets = _prune(
            drop,
            keep,
            function_names,
            line_location,
            line_function,
            stack_locations,
            offsets,
        )
        line_location = line_location[kept_lines]
        line_function = line_function[kept_lines]
        line_number = line_number[kept_lines]
    return PreparedProfile(
        profile=profile,
        strings=strings,
        columns=columns,
        line_location=line_location,
        line_function=line_function,
        line_number=line_number,
        function_names=function_names,
        function_files=function_files,
        mapping_files=mapping_files,
        location_mapping=location_mapping,
        stack_locations=stack_locations,
        stack_offsets=offsets,
        values=columns.values,
        merge_group=merge_group,
        merged_sample_count=merged_sample_count,
    )


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
    function_names: list[str],
    line_location: IntArray,
    line_function: IntArray,
    stack: IntArray,
    offsets: IntArray,
) -> tuple[BoolArray, IntArray, IntArray]:
    """Apply pprof's Prune: cut frames matching drop_frames (and not keep_frames).

    Returns the mask of Line entries kept and the pruned stacks.
    """
    kept_lines = np.ones(line_location.size, dtype=np.bool_)
    try:
        drop_rx = re.compile(f"(?:{drop})")
        keep_rx = re.compile(f"(?:{keep})") if keep else None
    except re.error:
        return kept_lines, stack, offsets
    entries: dict[int, list[int]] = {}
    for entry, location in enumerate(line_location.tolist()):
        entries.setdefault(location, []).append(entry)
    prune_whole: set[int] = set()
    prune_beneath: set[int] = set()
    for location, members in entries.items():
        for position in range(len(members) - 1, -1, -1):
            name = function_names[int(line_function[members[position]])]
            if not name:
                continue
            simple = _simplify_for_prune(name)
            if drop_rx.fullmatch(simple) and (keep_rx is None or not keep_rx.fullmatch(simple)):
                prune_beneath.add(location)
                if position == len(members) - 1:
                    prune_whole.add(location)
                else:
                    kept_lines[members[: position + 1]] = False
                break
    if not prune_beneath:
        return kept_lines, stack, offsets
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
    return kept_lines, merged.astype(np.int64), new_offsets


def _build_frames(prepared: PreparedProfile, lines: bool) -> FrameTable:
    """Expand every frame into its nodes (one per Line) at the requested granularity."""
    columns = prepared.columns
    location_count = columns.location_id.size
    # Intern every string that identifies a node; node identity is then integer columns.
    interned: dict[str, int] = {"": 0}
    texts: list[str] = [""]

    def intern(values: list[str]) -> IntArray:
        ids = []
        for text in values:
            found = interned.get(text)
            if found is None:
                found = len(texts)
                interned[text] = found
                texts.append(text)
            ids.append(found)
        return np.array(ids, dtype=np.int64)

    # One extra, empty function row stands for "no function" (index -1).
    function_name = np.append(intern(prepared.function_names), 0)
    function_file = np.append(intern(prepared.function_files), 0) if lines else None
    objfile = intern(prepared.mapping_files)[prepared.location_mapping]
    start_line = np.append(columns.function_start_line, 0)

    line_location = prepared.line_location
    line_function = prepared.line_function
    per_location = np.bincount(line_location, minlength=location_count)
    lineless = np.flatnonzero(per_location == 0)
    entry_location = np.concatenate((line_location, lineless))
    # A location without Line entries is one node named after its mapping (empty Line).
    entry_function = np.concatenate((line_function, np.full(lineless.size, -1)))
    entry_line = np.concatenate((prepared.line_number, np.zeros(lineless.size, np.int64)))
    order = np.argsort(entry_location, kind="stable")
    entry_location = entry_location[order]
    entry_function = entry_function[order]
    entry_line = entry_line[order]
    has_function = entry_function >= 0
    name = function_name[entry_function]
    named = name != 0
    key_file = np.zeros(entry_location.size, dtype=np.int64)
    key_line = np.zeros(entry_location.size, dtype=np.int64)
    if lines and function_file is not None:
        key_file = function_file[entry_function]
        key_line = np.where(has_function, entry_line, 0)
    # pprof keeps the mapping file and start line in the node only for nameless functions.
    key_start = np.where(named, 0, start_line[entry_function])
    key_objfile = np.where(named, 0, objfile[entry_location])
    node_of_entry, representatives = group_rows((name, key_file, key_start, key_line, key_objfile))
    infos: list[NodeInfo] = [
        (texts[n], texts[f], s, ln, texts[o])
        for n, f, s, ln, o in zip(
            name[representatives].tolist(),
            key_file[representatives].tolist(),
            key_start[representatives].tolist(),
            key_line[representatives].tolist(),
            key_objfile[representatives].tolist(),
            strict=True,
        )
    ]
    counts = np.bincount(entry_location, minlength=location_count)
    starts = np.cumsum(counts) - counts
    position = np.arange(entry_location.size, dtype=np.int64) - starts[entry_location]
    entry_inline = position != counts[entry_location] - 1

    stack = prepared.stack_locations
    offsets = prepared.stack_offsets
    sample_count = offsets.size - 1
    frame_sample = np.repeat(np.arange(sample_count, dtype=np.int32), np.diff(offsets))
    # int32 positions halve the memory of the per-frame arrays on large profiles.
    small = counts.sum() < 2**31 - 1
    kind: type[np.signedinteger[Any]] = np.int32 if small else np.int64
    expand = counts.astype(kind)[stack]
    total = int(expand.sum(dtype=np.int64))
    expanded_offsets = np.cumsum(expand, dtype=kind)
    expanded_offsets -= expand
    if total == stack.size:
        # No location has more than one node: the expansion is the identity.
        pointer = starts.astype(kind)[stack]
        sample = frame_sample
    else:
        shift = starts.astype(kind)[stack]
        shift -= expanded_offsets
        pointer = np.repeat(shift, expand)
        del shift
        pointer += np.arange(total, dtype=kind)
        sample = np.repeat(frame_sample, expand)
    del frame_sample, expand
    node = node_of_entry.astype(np.int32)[pointer]
    inline = entry_inline[pointer]
    del pointer
    leaf_node = np.full(sample_count, -1, dtype=np.int64)
    nonempty = np.diff(offsets) > 0
    # The leaf is Line[0] of location_id[0]: the first expanded frame of the sample.
    leaf_node[nonempty] = node[expanded_offsets[offsets[:-1][nonempty]]]
    return FrameTable(infos=infos, node=node, inline=inline, sample=sample, leaf_node=leaf_node)
