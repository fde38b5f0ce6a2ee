"""What Grafana's Pyroscope data source asks for: flame graph levels and SelectSeries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from profile_insights.agent.profiles.combine import select_sample_type
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.pyroscope import pyroscope_api_pb2 as api
from profile_insights.agent.pyroscope.flame_levels import flame_graph
from profile_insights.agent.pyroscope.replay_server import ReplayServer

from .conftest import CPU_TYPE, GO_CPU

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
START = NOW - timedelta(hours=6)
PROTO = {"Content-Type": "application/proto"}


def _nodes(graph: api.FlameGraph) -> list[list[tuple[int, int, int, str]]]:
    """Delta-decode the levels into absolute (x, total, self, name) nodes."""
    levels = []
    for level in graph.levels:
        values = list(level.values)
        nodes, previous_end = [], 0
        for i in range(0, len(values), 4):
            x = previous_end + values[i]
            nodes.append((x, values[i + 1], values[i + 2], graph.names[values[i + 3]]))
            previous_end = x + values[i + 1]
        levels.append(nodes)
    return levels


def _go_cpu(shared_dir: Path):
    raw = decode_profile((shared_dir / "profiles" / GO_CPU).read_bytes(), name="profile")
    return select_sample_type(raw, "cpu")


def test_flame_graph_levels_nest_and_add_up(shared_dir: Path) -> None:
    profile = _go_cpu(shared_dir)
    graph = flame_graph(profile)
    total = sum(s.value[0] for s in profile.sample)
    levels = _nodes(graph)
    assert graph.names[0] == "total" and graph.total == total
    assert levels[0] == [(0, total, 0, "total")]
    for depth in range(1, len(levels)):
        parents = levels[depth - 1]
        for x, node_total, self_value, _ in levels[depth]:
            assert 0 <= self_value <= node_total
            parent = next(p for p in parents if p[0] <= x < p[0] + p[1])
            assert x + node_total <= parent[0] + parent[1]
            assert x >= parent[0] + parent[2]  # children start after the parent's self
    # Every sample's value is somebody's self value.
    assert sum(node[2] for level in levels for node in level) == total
    assert graph.max_self == max(node[2] for level in levels for node in level)


def test_small_max_nodes_folds_the_rest_into_other(shared_dir: Path) -> None:
    graph = flame_graph(_go_cpu(shared_dir), max_nodes=4)
    levels = _nodes(graph)
    assert "other" in graph.names
    assert sum(node[2] for level in levels for node in level) == graph.total
    assert sum(len(level) for level in levels) < sum(
        len(level) for level in _nodes(flame_graph(_go_cpu(shared_dir)))
    )


def test_replay_server_answers_grafana_flame_graph_and_series(recording_dir: Path) -> None:
    start_ms, end_ms = int(START.timestamp() * 1000), int(NOW.timestamp() * 1000)
    with ReplayServer(recording_dir) as server:
        flame = httpx.post(
            f"{server.url}/querier.v1.QuerierService/SelectMergeStacktraces",
            content=api.SelectMergeStacktracesRequest(
                profile_typeID=CPU_TYPE,
                label_selector='{service_name="checkout"}',
                start=start_ms,
                end=end_ms,
                max_nodes=16384,
            ).SerializeToString(),
            headers=PROTO,
        )
        series = httpx.post(
            f"{server.url}/querier.v1.QuerierService/SelectSeries",
            json={
                "profileTypeID": CPU_TYPE,
                "labelSelector": "{}",
                "start": start_ms,
                "end": end_ms,
                "groupBy": ["service_name"],
                "step": 3600,
            },
        )
    answer = api.SelectMergeStacktracesResponse.FromString(flame.content)
    assert answer.HasField("flamegraph") and not answer.HasField("pprof")
    assert answer.flamegraph.names[0] == "total" and answer.flamegraph.total > 0
    document = series.json()
    by_service = {
        s["labels"][0]["value"]: [(int(p["timestamp"]), p["value"]) for p in s["points"]]
        for s in document["series"]
    }
    assert set(by_service) == {"checkout", "payments"}
    # Points close their step, (t - 1h, t], and a recorded profile is shared among the steps it
    # covers: 08:00-09:00 all at 09:00, 08:30-09:30 half at 09:00 and half at 10:00 (both the
    # same profile); together they are what the flame graph merged.
    hour = 3600 * 1000
    nine = int(datetime(2026, 11, 25, 9, tzinfo=UTC).timestamp() * 1000)
    assert [t for t, _ in by_service["checkout"]] == [nine, nine + hour]
    at_nine, at_ten = (v for _, v in by_service["checkout"])
    assert at_nine == pytest.approx(3 * at_ten)
    assert at_nine + at_ten == pytest.approx(answer.flamegraph.total)
    ((payments_ts, _),) = by_service["payments"]
    assert payments_ts == int(datetime(2026, 11, 25, 12, tzinfo=UTC).timestamp() * 1000)


def _profile_from_stacks(stacks: list[tuple[list[str], int]]):
    from profile_insights.agent.profiles import profile_pb2

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
    return profile


def test_flame_graph_encoding_matches_pyroscopes_own_example() -> None:
    # The tree and expected levels of Pyroscope's Test_ExportToFlamebearer
    # (pkg/model/flamegraph_test.go): stacks leaf first.
    profile = _profile_from_stacks([(["e", "b", "a"], 1), (["c", "a"], 2), (["d", "c", "a"], 1)])
    graph = flame_graph(profile)
    assert list(graph.names) == ["total", "a", "c", "d", "b", "e"]
    assert [list(level.values) for level in graph.levels] == [
        [0, 4, 0, 0],
        [0, 4, 0, 1],
        [0, 1, 0, 4, 0, 3, 2, 2],
        [0, 1, 1, 5, 2, 1, 1, 3],
    ]
    assert graph.total == 4 and graph.max_self == 2
