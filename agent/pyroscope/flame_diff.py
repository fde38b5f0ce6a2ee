"""Pyroscope's ``FlameGraphDiff``: two merged profiles as one flame graph (``Diff``'s answer).

The replay server answers ``QuerierService/Diff`` with it, so both of ``HttpSource.diff``'s paths
(the server's diff, and two merges where the server has none) are exercised. The encoding follows
Pyroscope's ``pkg/model/flamegraph_diff.go`` ``NewFlamegraphDiff`` and the frontend's reader
(``deltaDiffWrapper`` with ``format: 'double'``):

* the two call trees are aligned: each node's children are the union of both sides' children,
  ordered by name, a side without the node counting zero; a fake root named ``total`` holds each
  side's whole tree, so ``leftTicks``/``rightTicks`` are the two profiles' totals;
* nodes are visited depth first, a node's last child first, and ``names`` are numbered in that
  order (the root is index 0); each level lists its nodes left to right as 7 numbers: left x,
  left total, left self, right x, right total, right self, name index; a node's children start
  after its own self value on each side, and both x values are delta-encoded against the end of
  the previous node of the level;
* with ``max_nodes``, nodes whose totals on both sides are below the ``max_nodes``-th largest
  (``max(left, right)`` per node) are folded into one ``other`` child.

``pkg/frontend/frontend_diff.go`` first merges each side as a flame graph with the larger of the
two requests' ``max_nodes`` (default 8192), which :func:`fold_small` reproduces.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from profile_insights.agent.pyroscope import pyroscope_api_pb2 as api
from profile_insights.agent.pyroscope.flame_levels import StackNode, min_node_total

_EMPTY = StackNode("")


@dataclass(frozen=True)
class _Pending:
    key: str
    left: StackNode
    right: StackNode
    left_x: int
    right_x: int
    depth: int


def fold_small(root: StackNode, max_nodes: int) -> StackNode:
    """Return the tree with nodes under the ``max_nodes``-th largest total folded into ``other``.

    This is a side's flame graph merged back into a tree, as the frontend reads it before diffing.
    """
    threshold = min_node_total(root, max_nodes)
    if threshold == 0:
        return root
    folded = StackNode(root.name, root.total, root.self_value)
    pending = [(root, folded)]
    while pending:
        node, copy = pending.pop()
        other = 0
        for name, child in node.children.items():
            if child.total >= threshold and name != "other":
                copy.children[name] = StackNode(name, child.total, child.self_value)
                pending.append((child, copy.children[name]))
            else:
                other += child.total
        if other:
            copy.children["other"] = StackNode("other", other, other)
    return folded


def flame_graph_diff(left: StackNode, right: StackNode, max_nodes: int = 0) -> api.FlameGraphDiff:
    """Return the diff flame graph of two call trees (roots are the whole profiles).

    Raises:
        ValueError: when a tree has a negative self value (Pyroscope refuses those too).
    """
    for side, tree in (("left", left), ("right", right)):
        if _has_negative(tree):
            raise ValueError(f"the {side} tree must hold only positive values")
    threshold = _combined_min_total(left, right, max_nodes) if max_nodes > 0 else 0
    names: list[str] = []
    index_of: dict[str, int] = {}
    levels: list[list[list[int]]] = []
    max_self = 0
    # The root's key is "" (named "total"), so a function called "total" keeps its own name.
    stack = [_Pending("", left, right, 0, 0, 0)]
    while stack:
        item = stack.pop()
        if item.key not in index_of:
            index_of[item.key] = len(names)
            names.append(item.key or "total")
        if item.depth == len(levels):
            levels.append([])
        max_self = max(max_self, item.left.self_value, item.right.self_value)
        levels[item.depth].append(
            [
                item.left_x,
                item.left.total,
                item.left.self_value,
                item.right_x,
                item.right.total,
                item.right.self_value,
                index_of[item.key],
            ]
        )
        left_x = item.left_x + item.left.self_value
        right_x = item.right_x + item.right.self_value
        other_left = other_right = 0
        for name in sorted(item.left.children.keys() | item.right.children.keys()):
            child_left = item.left.children.get(name, _EMPTY)
            child_right = item.right.children.get(name, _EMPTY)
            if child_left.total >= threshold or child_right.total >= threshold:
                stack.append(
                    _Pending(name, child_left, child_right, left_x, right_x, item.depth + 1)
                )
                left_x += child_left.total
                right_x += child_right.total
            else:
                other_left += child_left.total
                other_right += child_right.total
        if other_left or other_right:
            stack.append(
                _Pending(
                    "other",
                    StackNode("other", other_left, other_left),
                    StackNode("other", other_right, other_right),
                    left_x,
                    right_x,
                    item.depth + 1,
                )
            )
    graph = api.FlameGraphDiff(
        names=names,
        total=left.total + right.total,
        max_self=max_self,
        leftTicks=left.total,
        rightTicks=right.total,
    )
    for level in levels:
        # Visited right to left; Pyroscope prepends each node, so a level reads left to right.
        values = [value for node in reversed(level) for value in node]
        _delta_encode(values, 0)
        _delta_encode(values, 3)
        graph.levels.add(values=values)
    return graph


def _delta_encode(values: list[int], start: int) -> None:
    end_of_previous = 0
    for i in range(start, len(values), 7):
        values[i] -= end_of_previous
        end_of_previous += values[i] + values[i + 1]


def _has_negative(root: StackNode) -> bool:
    pending = [root]
    while pending:
        node = pending.pop()
        if node.self_value < 0:
            return True
        pending.extend(node.children.values())
    return False


def _combined_min_total(left: StackNode, right: StackNode, max_nodes: int) -> int:
    # combineMinValues: over the aligned trees, the max_nodes-th largest max(left, right) total.
    totals: list[int] = []
    pending = [(left, right)]
    while pending:
        one, two = pending.pop()
        totals.append(max(one.total, two.total))
        for name in one.children.keys() | two.children.keys():
            pending.append((one.children.get(name, _EMPTY), two.children.get(name, _EMPTY)))
    if len(totals) <= max_nodes:
        return 0
    return heapq.nlargest(max_nodes, totals)[-1]
