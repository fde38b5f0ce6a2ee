"""Every node's and function's cost over the whole profile: what profiles are compared on.

The top table keeps pprof's rows (it drops the light ones, as pprof does); a comparison needs
every function and line of both profiles, including those that only one of them has. Values are
computed from the same prepared frames as the table (pprof's name rewriting and pruning), so a
function has the same name and the same cum here as in the table; each sample counts once per
node (recursion does not count twice). A breakdown ranks each label value's functions with
:func:`function_costs` and measures a merged profile with :func:`sample_total`.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, Field

from profile_insights.agent.profiles.frames import NodeInfo, PreparedProfile
from profile_insights.agent.profiles.pprof_graph import cum_once_per_sample
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
    cum = cum_once_per_sample(frames.node, frames.sample, weights, count)
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


class FunctionCost(BaseModel):
    """One function of a profile: the cost on whose stack it is, and its costliest line."""

    function: str
    file: str
    cum: float
    line: int = Field(description="The function's line with the largest cum (where its time goes).")


def sample_total(prepared: PreparedProfile, *, sample_index: str | int | None = None) -> float:
    """Return the profile's total of one sample type (absolute values, as pprof sums them)."""
    index = resolve_sample_index(prepared.profile, sample_index)
    return float(np.abs(np.asarray(prepared.values[:, index], dtype=np.float64)).sum())


def function_costs(
    prepared: PreparedProfile, *, sample_index: str | int | None = None
) -> list[FunctionCost]:
    """Return every function's cum (each sample once per function) and its costliest line.

    Computed from the ``-lines`` frames so that each function keeps its file (pprof's
    ``-functions`` granularity drops it), heaviest first.
    """
    frames = prepared.frames(True)
    index = resolve_sample_index(prepared.profile, sample_index)
    weights = np.abs(np.asarray(prepared.values[:, index], dtype=np.float64))
    count = len(frames.infos)
    if count == 0 or weights.sum() == 0:
        return []
    keys: dict[tuple[str, str], int] = {}
    function_of = np.fromiter(
        (keys.setdefault((info[0], info[1]), len(keys)) for info in frames.infos),
        dtype=np.int64,
        count=count,
    )
    width = len(keys)
    # Each sample counts once per function and once per line, however often it recurses.
    pairs = np.unique(frames.sample.astype(np.int64) * width + function_of[frames.node])
    cum = np.bincount(pairs % width, weights[pairs // width], minlength=width)
    line_pairs = np.unique(frames.sample.astype(np.int64) * count + frames.node)
    line_cum = np.bincount(line_pairs % count, weights[line_pairs // count], minlength=count)
    costliest = np.full(width, -1, dtype=np.int64)
    for node in np.argsort(line_cum, kind="stable").tolist():
        costliest[function_of[node]] = node  # ascending: the costliest line is written last
    found = [
        FunctionCost(
            function=function,
            file=file,
            cum=float(cum[key]),
            line=frames.infos[int(costliest[key])][3],
        )
        for (function, file), key in keys.items()
        if cum[key] > 0
    ]
    return sorted(found, key=lambda item: -item.cum)
