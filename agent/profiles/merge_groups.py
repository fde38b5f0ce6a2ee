"""pprof's merge of equal samples, on the decoded columns: which samples add up into one.

Stacks and labels are compared through 64-bit hashes of their parts (numpy, no Python loop per
sample), exact unless two collide.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from profile_insights.agent.profiles.columns import SampleColumns, dense_index
from profile_insights.agent.profiles.wire import IntArray


def mix_hashes(*parts: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """Return a 64-bit hash of equally long uint64 columns, element by element."""
    with np.errstate(over="ignore"):
        acc = np.full(parts[0].size, 0x243F6A8885A308D3, dtype=np.uint64)
        for index, part in enumerate(parts):
            acc = (acc ^ part) * np.uint64(0x9E3779B97F4A7C15 + 2 * index)
            acc ^= acc >> np.uint64(31)
        return acc


def depth_multipliers(count: int) -> npt.NDArray[np.uint64]:
    """Return ``count`` fixed odd pseudo-random 64-bit multipliers, one per stack depth.

    splitmix64 of 0, 1, 2, ...: as well spread as a seeded generator's numbers, without
    importing numpy.random (a tenth of a second of every question's start-up).
    """
    with np.errstate(over="ignore"):
        z = np.arange(1, count + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return (z ^ (z >> np.uint64(31))) | np.uint64(1)


def group_ids(keys: npt.NDArray[np.uint64]) -> tuple[IntArray, int]:
    """Number equal keys 0..n-1 (in sorted key order); return the numbers and n."""
    if keys.size == 0:
        return np.zeros(0, dtype=np.int64), 0
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    change = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    ids = np.empty(keys.size, dtype=np.int64)
    ids[order] = np.cumsum(change) - 1
    return ids, int(change.sum())


def merge_groups(
    strings: list[str], mappings: Any, columns: SampleColumns, line_function: IntArray
) -> tuple[IntArray, int]:
    """Return each sample's merge group (-1 for all-zero samples) and the merged sample count.

    pprof's merge (before pruning) drops samples whose values are all zero and adds up
    samples with the same stack and labels, where locations count as the same when their
    mapping, address and lines (function name, system name, file, start line; line number)
    agree. Stacks and labels are compared through 64-bit hashes, exact unless two collide.
    """
    values = columns.values
    sample_count = columns.offsets.size - 1
    if sample_count == 0 or values.shape[1] == 0:
        return np.full(sample_count, -1, dtype=np.int64), 0
    function_keys: dict[tuple[str, str, str, int], int] = {}
    function_canon = np.array(
        [
            function_keys.setdefault(
                (strings[name], strings[system], strings[file], start), len(function_keys)
            )
            for name, system, file, start in zip(
                columns.function_name.tolist(),
                columns.function_system_name.tolist(),
                columns.function_filename.tolist(),
                columns.function_start_line.tolist(),
                strict=True,
            )
        ]
        + [len(function_keys) + 1],
        dtype=np.uint64,
    )
    location_count = columns.location_id.size
    entry_location = columns.line_location
    per_location = np.bincount(entry_location, minlength=location_count)
    first_entry = np.cumsum(per_location) - per_location
    position = np.arange(entry_location.size, dtype=np.int64) - first_entry[entry_location]
    entry_hash = mix_hashes(
        function_canon[line_function],
        columns.line_number.view(np.uint64),
        position.astype(np.uint64),
    )
    lines_hash = np.zeros(location_count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        np.add.at(lines_hash, entry_location, entry_hash)
    # pprof merges mappings with the same build ID (or file), size and offset, and compares
    # a location's address relative to the start of its mapping.
    mapping_keys: dict[tuple[int, int, str], int] = {}
    mapping_canon = [0]
    mapping_start = [0]
    for mapping in mappings:
        size = mapping.memory_limit - mapping.memory_start
        size = (size + 0xFFF) // 0x1000 * 0x1000
        name = strings[mapping.build_id] or strings[mapping.filename]
        mapping_key = (size & (2**64 - 1), mapping.file_offset, name)
        mapping_canon.append(mapping_keys.setdefault(mapping_key, len(mapping_keys) + 1))
        mapping_start.append(mapping.memory_start)
    mapping_ids = np.array([m.id for m in mappings], dtype=np.uint64)
    # Position 0 stands for "no mapping": dense_index gives -1 for unknown IDs.
    location_mapping = dense_index(mapping_ids, columns.location_mapping).astype(np.int64) + 1
    with np.errstate(over="ignore"):
        relative_address = (
            columns.location_address - np.array(mapping_start, dtype=np.uint64)[location_mapping]
        )
    location_canon, _ = group_ids(
        mix_hashes(
            np.array(mapping_canon, dtype=np.uint64)[location_mapping],
            relative_address,
            columns.location_folded,
            per_location.astype(np.uint64),
            lines_hash,
        )
    )
    stack = columns.stack_locations
    offsets = columns.offsets
    lengths = np.diff(offsets)
    # Position of each frame within its sample, to weight it by a per-depth multiplier.
    depth = np.arange(stack.size, dtype=np.int32)
    depth -= np.repeat(offsets[:-1].astype(np.int32), lengths)
    multipliers = depth_multipliers(int(lengths.max(initial=0)) + 1)
    with np.errstate(over="ignore"):
        terms = multipliers[depth]
        del depth
        terms *= location_canon.astype(np.uint64)[stack] + np.uint64(1)
        stack_hash = np.zeros(sample_count, dtype=np.uint64)
        nonempty = lengths > 0
        if terms.size:
            stack_hash[nonempty] = np.add.reduceat(terms, offsets[:-1][nonempty])
        del terms
    key = mix_hashes(stack_hash, columns.label_hash, lengths.astype(np.uint64))
    nonzero = (values != 0).any(axis=1)
    groups = np.full(sample_count, -1, dtype=np.int64)
    groups[nonzero], count = group_ids(key[nonzero])
    # pprof merges once more to drop samples whose values add up to zero.
    sums = np.zeros((count, values.shape[1]), dtype=np.int64)
    np.add.at(sums, groups[nonzero], values[nonzero])
    return groups, int((sums != 0).any(axis=1).sum())


def group_rows(columns: tuple[IntArray, ...]) -> tuple[IntArray, IntArray]:
    """Number the distinct rows of integer columns; return each row's group and one member."""
    size = columns[0].size
    if size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.lexsort(columns[::-1])
    change = np.zeros(size, dtype=np.bool_)
    change[0] = True
    for column in columns:
        ordered = column[order]
        change[1:] |= ordered[1:] != ordered[:-1]
    group_sorted = np.cumsum(change) - 1
    group = np.empty(size, dtype=np.int64)
    group[order] = group_sorted
    return group, order[change]
