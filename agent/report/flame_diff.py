"""The baseline's values on the current flame tree: what a differential flame graph colours.

A comparison's HTML report draws the current profile's tree (widths are the current values)
and colours each frame by how its total moved against the baseline: the baseline's total of
the same call path (the same function names from the root down), scaled by the comparison's
load factor, against the current total, as points of the current profile's total. That is the
measure of the "What changed" table (``delta_pct``), so the colours and the table agree.

The walk mirrors :func:`flamegraph.build_flame_tree`: it follows the drawn tree, and for each
drawn frame selects the baseline samples whose stack passes through the same path, so the cost
is a few vectorised operations per drawn frame, whatever the number of baseline samples. A
frame merged into "other" gets the baseline's remainder of its siblings; call paths that exist
only in the baseline are not drawn (their cost is in the parent's baseline total).
"""

from __future__ import annotations

import numpy as np

from profile_insights.agent.profiles.frames import PreparedProfile
from profile_insights.agent.report.flamegraph import FlameNode, IntArray, flatten_stacks


def annotate_baseline(root: FlameNode, baseline: PreparedProfile, sample_index: int) -> float:
    """Set ``base`` on every frame of ``root`` to the baseline's total of the same call path.

    Args:
        root: The current profile's tree from :func:`flamegraph.build_flame_tree`.
        baseline: The baseline profile's prepared stacks (names rewritten as for the table).
        sample_index: Index of the baseline's sample type that matches the current one.

    Returns:
        The baseline's total (sum of |value|), the root's ``base``.
    """
    stacks = flatten_stacks(baseline, sample_index)
    key_of = {name: key for key, name in enumerate(stacks.names)}
    root.base = float(stacks.value.sum())
    work: list[tuple[FlameNode, IntArray]] = [(root, np.flatnonzero(stacks.value))]
    while work:
        node, samples = work.pop()
        alive = samples[stacks.length[samples] > node.depth]
        keys = stacks.frames[stacks.root[alive] - node.depth] if alive.size else alive
        named = 0.0
        others: list[FlameNode] = []
        for child in node.children:
            if child.is_other:
                others.append(child)
                continue
            key = key_of.get(child.name)
            members = alive[keys == key] if key is not None else alive[:0]
            child.base = float(stacks.value[members].sum())
            named += child.base
            if child.children and members.size:
                work.append((child, members))
            elif child.children:
                _zero(child)
        rest = max(float(stacks.value[alive].sum()) - named, 0.0)
        for other in others:
            other.base = rest / len(others)
    return root.base


def _zero(node: FlameNode) -> None:
    """Mark a subtree the baseline never reached: every frame in it is new."""
    stack = list(node.children)
    while stack:
        child = stack.pop()
        child.base = 0.0
        stack.extend(child.children)
