"""Every node's flat and cum value over the whole profile: what two profiles are compared on.

The top table keeps pprof's rows (it drops the light ones, as pprof does); a comparison needs
every function and line of both profiles, including those that only one of them has. Values are
computed from the same prepared frames as the table (pprof's name rewriting and pruning), so a
function has the same name and the same cum here as in the table; each sample counts once per
node (recursion does not count twice).
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, Field

from profile_insights.agent.profiles.frames import NodeInfo, PreparedProfile
from profile_insights.agent.profiles.top import resolve_sample_index


class NodeValue(BaseModel):
    """One node (a function, or a line of it): where it lives and what it costs."""

    function: str
    file: str
    line: int = Field(description="0 at function granularity.")
    flat: float
    cum: float


class NodeValues(BaseModel):
    """The nodes of one profile at one granularity, and the profile's total and sample count."""

    total: float
    samples: int
    nodes: list[NodeValue]

    def by_key(self) -> dict[tuple[str, str, int], NodeValue]:
        """Return the nodes by (function, file, line)."""
        return {(node.function, node.file, node.line): node for node in self.nodes}


def once_per_sample(sample: np.ndarray, node: np.ndarray, count: int) -> np.ndarray:
    """Return the distinct (sample, node) pairs of the frames, as ``sample * count + node``.

    Deduplicated by a sort, not ``np.unique``: numpy 2.4's hash-based unique took 32 s for the
    6 M frames of a 200k-sample profile (superlinear; 1.2 s sorted), which made ``ask`` on a
    1M-sample profile take minutes.
    """
    keys = np.sort(sample.astype(np.int64) * count + node)
    distinct = np.ones(keys.size, dtype=bool)
    np.not_equal(keys[1:], keys[:-1], out=distinct[1:])
    return keys[distinct]


def _key(info: NodeInfo) -> tuple[str, str, int]:
    return info[0], info[1], info[3]


def node_values(
    prepared: PreparedProfile, *, lines: bool, sample_index: str | int | None = None
) -> NodeValues:
    """Return the flat and cum of every node with a non-zero cum.

    Args:
        prepared: The prepared profile.
        lines: Nodes per line (``-lines``) rather than per function.
        sample_index: The sample type to weigh samples by.
    """
    frames = prepared.frames(lines)
    index = resolve_sample_index(prepared.profile, sample_index)
    weights = np.abs(np.asarray(prepared.values[:, index], dtype=np.float64))
    total = float(weights.sum())
    count = len(frames.infos)
    if count == 0 or total == 0:
        return NodeValues(total=total, samples=int(np.count_nonzero(weights)), nodes=[])
    pairs = once_per_sample(frames.sample, frames.node, count)
    cum = np.bincount(pairs % count, weights[pairs // count], minlength=count)
    leaves = frames.leaf_node >= 0
    flat = np.bincount(frames.leaf_node[leaves], weights[leaves], minlength=count)
    nodes = [
        NodeValue(
            function=info[0],
            file=info[1],
            line=_key(info)[2] if lines else 0,
            flat=float(flat[node]),
            cum=float(cum[node]),
        )
        for node, info in enumerate(frames.infos)
        if cum[node] > 0
    ]
    return NodeValues(total=total, samples=int(np.count_nonzero(weights)), nodes=nodes)
