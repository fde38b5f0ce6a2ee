"""Pyroscope's ``FlameGraph`` message built from a pprof profile (what Grafana's panel draws).

The replay server answers ``SelectMergeStacktraces`` in the default (flame graph) format with
it, so Grafana's Pyroscope data source can show a recording. The encoding follows Pyroscope's
``pkg/model/flamegraph.go`` ``NewFlameGraph``: ``names[0]`` is ``total``; level ``d`` lists the
nodes at depth ``d`` left to right as groups of four numbers ``[x delta, total, self, name
index]`` where the x position is delta-encoded against the end of the previous node on the same
level; a node's children start after its own self value, siblings ordered by name; nodes smaller
than the ``max_nodes``-th largest total are folded into one ``other`` child.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.pyroscope import pyroscope_api_pb2 as api

DEFAULT_MAX_NODES = 8192  # -querier.max-flamegraph-nodes-default


@dataclass
class StackNode:
    """One node of a call tree: its function name, total, self value and children by name."""

    name: str
    total: int = 0
    self_value: int = 0
    children: dict[str, StackNode] = field(default_factory=dict)


def stack_tree(profile: profile_pb2.Profile, sample_index: int = 0) -> StackNode:
    """Return the call tree of the profile (root first), summing one sample value."""
    strings = profile.string_table
    functions = {f.id: strings[f.name] for f in profile.function}
    frames: dict[int, list[str]] = {}
    for location in profile.location:
        if location.line:
            # line[0] is the innermost (inlined) frame; the caller comes last.
            names = [functions.get(line.function_id, "") or "unknown" for line in location.line]
        else:
            names = [f"0x{location.address:x}"]
        frames[location.id] = names
    root = StackNode("total")
    for sample in profile.sample:
        value = sample.value[sample_index] if sample_index < len(sample.value) else 0
        if value == 0:
            continue
        stack = [name for lid in sample.location_id for name in frames.get(lid, ["unknown"])]
        node = root
        node.total += value
        for name in reversed(stack):
            child = node.children.get(name)
            if child is None:
                child = node.children[name] = StackNode(name)
            child.total += value
            node = child
        node.self_value += value
    return root


def flame_graph(profile: profile_pb2.Profile, max_nodes: int | None = None) -> api.FlameGraph:
    """Return the flame graph of a single-sample-type profile."""
    root = stack_tree(profile)
    threshold = min_node_total(root, max_nodes or DEFAULT_MAX_NODES)
    names: list[str] = []
    name_index: dict[str, int] = {}
    levels: list[list[tuple[int, int, int, int]]] = []
    max_self = 0
    pending: list[tuple[StackNode, int, int]] = [(root, 0, 0)]
    while pending:
        node, x, depth = pending.pop()
        max_self = max(max_self, node.self_value)
        index = name_index.get(node.name)
        if index is None:
            index = name_index[node.name] = len(names)
            names.append(node.name)
        if depth == len(levels):
            levels.append([])
        levels[depth].append((x, node.total, node.self_value, index))
        offset = x + node.self_value
        other = 0
        for name in sorted(node.children):
            child = node.children[name]
            if child.total >= threshold and name != "other":
                pending.append((child, offset, depth + 1))
                offset += child.total
            else:
                other += child.total
        if other:
            pending.append((StackNode("other", other, other), offset, depth + 1))
    graph = api.FlameGraph(names=names, total=root.total, max_self=max_self)
    for level in levels:
        values: list[int] = []
        previous_end = 0
        for x, total, self_value, index in sorted(level):
            values += [x - previous_end, total, self_value, index]
            previous_end = x + total
        graph.levels.add(values=values)
    return graph


def min_node_total(root: StackNode, max_nodes: int) -> int:
    """Return the ``max_nodes``-th largest node total (``Tree.minValue``); 0 when all fit.

    Nodes below it are folded into ``other`` (the root itself is not counted).
    """
    totals: list[int] = []
    pending = list(root.children.values())
    while pending:
        node = pending.pop()
        totals.append(node.total)
        pending.extend(node.children.values())
    if len(totals) <= max_nodes:
        return 0
    return heapq.nlargest(max_nodes, totals)[-1]
