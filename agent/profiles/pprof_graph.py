"""pprof's call graph reduced to what ``-top`` prints: flat, cum and inline labels per node.

Rules (``pprof-semantics.md`` sections 2 and 3, pprof ``internal/graph`` and
``internal/report``): samples with value 0 are skipped; cum adds a sample's value once to every
distinct node on its stack (recursion counted once); flat adds it to the leaf node; nodes
whose cum is below the node-fraction cutoff are dropped and the graph is rebuilt from the
samples with the kept nodes only, which leaves flat and cum of kept nodes unchanged but joins
edges across dropped nodes (without a rebuild, edges from nodes whose values cancel to zero
stay); edges lighter than the edge cutoff are removed; a node is labelled ``(inline)`` when all
its remaining incoming edges are inline calls, ``(partial-inline)`` when some are.

Everything is computed with numpy over the flat frame arrays of :class:`FrameTable`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from profile_insights.agent.profiles.frames import FrameTable
from profile_insights.agent.profiles.wire import IntArray

BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class NodeValues:
    """Flat and cum of every node (index as in ``FrameTable.infos``) for one sample value."""

    flat: IntArray
    cum: IntArray
    active_frames: BoolArray
    """Frames of samples whose selected value is non-zero."""
    weights: IntArray
    """The selected value of every sample."""


def node_values(frames: FrameTable, weights: IntArray) -> NodeValues:
    """Return flat and cum per node, counting each node once per sample."""
    node_count = len(frames.infos)
    active_samples = weights != 0
    active = active_samples[frames.sample]
    if bool(active.all()):
        node, sample = frames.node, frames.sample
    else:
        node, sample = frames.node[active], frames.sample[active]
    cum = cum_once_per_sample(node, sample, weights, node_count)
    flat = np.zeros(node_count, dtype=np.int64)
    leaves = (frames.leaf_node >= 0) & active_samples
    np.add.at(flat, frames.leaf_node[leaves], weights[leaves])
    return NodeValues(flat=flat, cum=cum, active_frames=active, weights=weights)


_CHUNK_FRAMES = 1 << 20


def cum_once_per_sample(
    node: IntArray, sample: IntArray, weights: npt.NDArray[Any], node_count: int
) -> npt.NDArray[Any]:
    """Return cum per node, adding each sample's weight once even if the node recurs.

    Frames are handled in chunks of whole samples (about a million frames each) to bound
    memory: within a chunk, sorting (node, sample) keys puts a recursive frame right after
    the first frame of the same node in the same sample. The keys fit 32 bits when a chunk
    spans few samples, so the sorts are short and fast (a single sort of every frame's 64-bit
    key took three times as long on a 1M-sample profile; numpy 2.4's hash-based ``unique``
    was superlinear there). The cum has the weights' dtype.
    """
    cum = np.zeros(node_count, dtype=weights.dtype)
    # Keys node * span + sample fit int32 (sorted faster) when chunks span few samples.
    samples_per_chunk = max(1, (2**31 - 1) // max(node_count, 1))
    begin = 0
    while begin < node.size:
        stop = min(begin + _CHUNK_FRAMES, node.size)
        first_sample = int(sample[begin])
        if int(sample[stop - 1]) - first_sample >= samples_per_chunk:
            # Needles of the array's own dtype: a mixed-type search would copy the array.
            limit = sample.dtype.type(first_sample + samples_per_chunk)
            stop = int(np.searchsorted(sample, limit, side="left"))
            stop = max(stop, begin + 1)
        if stop < node.size:
            # Extend the chunk to the end of the sample it cuts.
            stop = int(np.searchsorted(sample, sample[stop - 1 : stop], side="right")[0])
        chunk_sample = sample[begin:stop]
        span = int(chunk_sample[-1]) - first_sample + 1
        kind: type[np.signedinteger[Any]] = np.int32 if node_count * span < 2**31 else np.int64
        keys = node[begin:stop].astype(kind)
        keys *= span
        keys += (chunk_sample - first_sample).astype(kind)
        keys.sort()
        fresh = np.ones(keys.size, dtype=np.bool_)
        fresh[1:] = keys[1:] != keys[:-1]
        keys = keys[fresh]
        key_node = keys // span
        contribution = weights[keys % span + first_sample]
        starts = np.flatnonzero(np.concatenate(([True], key_node[1:] != key_node[:-1])))
        cum[key_node[starts]] += np.add.reduceat(contribution, starts)
        begin = stop
    return cum


def inline_labels(
    frames: FrameTable,
    values: NodeValues,
    kept: BoolArray,
    edge_cutoff: int,
) -> dict[int, str]:
    """Return ``inline``/``partial-inline`` for kept nodes whose incoming edges warrant it.

    Edges are taken from the graph rebuilt with only the ``kept`` nodes: each frame's caller
    is the next kept frame towards the root of the same sample.
    """
    mask = values.active_frames & kept[frames.node]
    node = frames.node[mask]
    if node.size < 2:
        return {}
    inline = frames.inline[mask]
    sample = frames.sample[mask]
    candidates = np.zeros(kept.size, dtype=np.bool_)
    candidates[node[inline]] = True
    if not candidates.any():
        return {}
    # Leaf first: frame j's caller is frame j + 1 when both belong to the same sample.
    child = node[:-1]
    parent = node[1:]
    pair_ok = (sample[:-1] == sample[1:]) & (child != parent) & candidates[child]
    index = np.flatnonzero(pair_ok)
    if index.size == 0:
        return {}
    child = child[index]
    parent = parent[index]
    pair_sample = sample[index]
    pair_inline = inline[index]
    pair_key = parent * np.int64(kept.size) + child
    # pprof counts an edge once per sample and takes the inline flag of its first occurrence
    # walking from the root, i.e. the last one in leaf-first order.
    order = np.lexsort((-index, pair_sample, pair_key))
    pair_key = pair_key[order]
    pair_sample = pair_sample[order]
    pair_inline = pair_inline[order]
    first = np.concatenate(
        ([True], (pair_key[1:] != pair_key[:-1]) | (pair_sample[1:] != pair_sample[:-1]))
    )
    pair_key = pair_key[first]
    pair_inline = pair_inline[first]
    pair_weight = values.weights[pair_sample[first]]
    starts = np.flatnonzero(np.concatenate(([True], pair_key[1:] != pair_key[:-1])))
    edge_key = pair_key[starts]
    edge_weight = np.add.reduceat(pair_weight, starts)
    edge_inline = np.logical_and.reduceat(pair_inline, starts)
    survive = np.abs(edge_weight) >= edge_cutoff
    edge_child = (edge_key % kept.size)[survive]
    edge_inline = edge_inline[survive]
    has_inline = np.zeros(kept.size, dtype=np.bool_)
    has_call = np.zeros(kept.size, dtype=np.bool_)
    has_inline[edge_child[edge_inline]] = True
    has_call[edge_child[~edge_inline]] = True
    labels: dict[int, str] = {}
    for node_index in np.flatnonzero(has_inline):
        labels[int(node_index)] = "partial-inline" if has_call[node_index] else "inline"
    return labels
