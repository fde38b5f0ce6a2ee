"""``Diff``: Pyroscope's diff flame graph of two merges, served or refused by the replay server."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.pyroscope.flame_diff import flame_graph_diff, fold_small
from profile_insights.agent.pyroscope.flame_levels import StackNode, stack_tree
from profile_insights.agent.pyroscope.http_source import HttpSource
from profile_insights.agent.pyroscope.replay_server import ReplayServer
from profile_insights.agent.pyroscope.settings import ConnectionSettings
from profile_insights.agent.pyroscope.source import FlameGraphDiff, ProfileQuery

from .conftest import AFTER, BEFORE, CPU_TYPE, RUST_CPU

SIX = datetime(2026, 11, 25, 6, tzinfo=UTC)
NINE = datetime(2026, 11, 25, 9, tzinfo=UTC)
NOON = datetime(2026, 11, 25, 12, tzinfo=UTC)
DIFF_PATH = "/querier.v1.QuerierService/Diff"


def _tree(stacks: list[tuple[list[str], int]]) -> StackNode:
    """Return the call tree of stacks given leaf first, as pprof samples list them."""
    profile = profile_pb2.Profile(string_table=["", "cpu", "nanoseconds"])
    profile.sample_type.add(type=1, unit=2)
    ids: dict[str, int] = {}
    for stack, value in stacks:
        for name in stack:
            if name not in ids:
                ids[name] = len(ids) + 1
                profile.string_table.append(name)
                profile.function.add(id=ids[name], name=len(profile.string_table) - 1)
                profile.location.add(id=ids[name]).line.add(function_id=ids[name])
        profile.sample.add(location_id=[ids[n] for n in stack], value=[value])
    return stack_tree(profile)


Node = tuple[str, int, int, int, int, int, int]  # name, left x/total/self, right x/total/self


def _nodes(names: list[str], levels: list[list[int]]) -> list[list[Node]]:
    """Decode levels as Grafana's reader does (deltaDiffWrapper, format 'double')."""
    decoded = []
    for values in levels:
        nodes: list[Node] = []
        left_end = right_end = 0
        for i in range(0, len(values), 7):
            left_x, right_x = left_end + values[i], right_end + values[i + 3]
            left_total, left_self, _, right_total, right_self, name = values[i + 1 : i + 7]
            nodes.append(
                (names[name], left_x, left_total, left_self, right_x, right_total, right_self)
            )
            left_end, right_end = left_x + left_total, right_x + right_total
        decoded.append(nodes)
    return decoded


def test_diff_encoding_matches_pyroscopes_own_examples() -> None:
    # The trees and expected answers of pkg/model/flamegraph_diff_test.go (stacks leaf first).
    left = _tree([(["b", "a"], 1), (["c", "a"], 2)])
    right = _tree([(["b", "a"], 4), (["c", "a"], 8)])
    graph = flame_graph_diff(left, right, 1024)
    assert list(graph.names) == ["total", "a", "c", "b"]
    assert (graph.max_self, graph.total, graph.leftTicks, graph.rightTicks) == (8, 15, 3, 12)
    assert [list(level.values) for level in graph.levels] == [
        [0, 3, 0, 0, 12, 0, 0],
        [0, 3, 0, 0, 12, 0, 1],
        [0, 1, 1, 0, 4, 4, 3, 0, 2, 2, 0, 8, 8, 2],
    ]
    different = flame_graph_diff(
        _tree([(["b", "a"], 1), (["c", "a"], 2), (["e", "a"], 3)]),
        _tree([(["b", "a"], 4), (["d", "a"], 8), (["e", "a"], 12)]),
        1024,
    )
    assert list(different.names) == ["total", "a", "e", "d", "c", "b"]
    assert list(different.levels[2].values) == [
        *(0, 1, 1, 0, 4, 4, 5),  # b: both sides
        *(0, 2, 2, 0, 0, 0, 4),  # c: left only
        *(0, 0, 0, 0, 8, 8, 3),  # d: right only
        *(0, 3, 3, 0, 12, 12, 2),  # e
    ]
    pruned = flame_graph_diff(left, right, 2)
    assert list(pruned.names) == ["total", "a", "other"]
    assert pruned.max_self == 12 and pruned.total == 15


def test_a_real_profile_diffed_with_itself_doubled_keeps_every_node_at_twice(
    shared_dir: Path,
) -> None:
    data = (shared_dir / "profiles" / RUST_CPU).read_bytes()
    raw = decode_profile(data, name="rust")
    doubled = profile_pb2.Profile()
    doubled.CopyFrom(raw)
    for sample in doubled.sample:
        sample.value[0] *= 2
    graph = flame_graph_diff(stack_tree(raw), stack_tree(doubled))
    levels = _nodes(list(graph.names), [list(level.values) for level in graph.levels])
    nodes = [node for level in levels for node in level]
    assert graph.rightTicks == 2 * graph.leftTicks == 2 * sum(s.value[0] for s in raw.sample)
    for _, left_x, left_total, left_self, right_x, right_total, right_self in nodes:
        assert (right_x, right_total, right_self) == (2 * left_x, 2 * left_total, 2 * left_self)
    assert sum(node[3] for node in nodes) == graph.leftTicks  # every self value is drawn once


def test_fold_small_keeps_the_largest_nodes_and_the_total() -> None:
    tree = _tree([(["b", "a"], 1), (["c", "a"], 2), (["d"], 5)])
    folded = fold_small(tree, 2)
    assert set(folded.children) == {"a", "d"}  # a (3) and d (5); b and c become "other"
    assert folded.children["a"].children["other"].total == 3
    assert folded.total == tree.total == 8
    assert fold_small(tree, 100) is tree


def test_negative_values_are_refused_like_pyroscope() -> None:
    with pytest.raises(ValueError, match="right tree"):
        flame_graph_diff(_tree([(["a"], 1)]), _tree([(["a"], -1)]))


def _deploy_sides() -> tuple[ProfileQuery, ProfileQuery]:
    def side(ref: str, start: datetime, end: datetime) -> ProfileQuery:
        selector = f'{{service_name="checkout",service_git_ref="{ref}"}}'
        return ProfileQuery(selector=selector, profile_type=CPU_TYPE, start=start, end=end)

    return side(BEFORE, SIX, NINE), side(AFTER, NINE, NOON)


def test_http_diff_answers_the_servers_diff_of_the_two_merges(deploy_recording: Path) -> None:
    before, after = _deploy_sides()
    with ReplayServer(deploy_recording) as server:
        with HttpSource(ConnectionSettings(url=server.url)) as source:
            graph = source.diff(before, after)
            merges = [
                source.merge_profile(q.selector, q.profile_type, q.start, q.end)
                for q in (before, after)
            ]
            totals = [
                sum(s.value[0] for s in decode_profile(m.data, name="merge").sample) for m in merges
            ]
        assert server.hits[DIFF_PATH] == 1
    assert isinstance(graph, FlameGraphDiff)
    assert [graph.left_ticks, graph.right_ticks] == totals
    assert graph.total == sum(totals) and graph.names[0] == "total"
    (root,) = _nodes(graph.names, graph.levels)[0]
    assert root == ("total", 0, totals[0], 0, 0, totals[1], 0)


def test_http_diff_is_none_when_the_server_does_not_serve_it(deploy_recording: Path) -> None:
    with ReplayServer(deploy_recording, diff=False) as server:
        with HttpSource(ConnectionSettings(url=server.url)) as source:
            assert source.diff(*_deploy_sides()) is None
            # The caller compares two merges instead, and those are still served.
            assert not source.merge_profile('{service_name="checkout"}', CPU_TYPE, SIX, NOON).empty
        assert server.hits[DIFF_PATH] == 1  # asked once, answered unimplemented
