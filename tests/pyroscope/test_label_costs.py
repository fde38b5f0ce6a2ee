"""What each value of a label costs: SelectSeries grouped by it, else one merge per value."""

from __future__ import annotations

import gzip
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from profile_insights.agent.pyroscope import label_costs
from profile_insights.agent.pyroscope.http_source import HttpSource
from profile_insights.agent.pyroscope.label_costs import (
    grouped_costs,
    label_values,
    merged_costs,
)
from profile_insights.agent.pyroscope.profilecli_source import ProfilecliSource
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.pyroscope.recording import RecordingStore
from profile_insights.agent.pyroscope.replay_server import ReplayServer
from profile_insights.agent.pyroscope.settings import ConnectionSettings
from profile_insights.agent.pyroscope.source import ProfileSource, SeriesTotals
from tests.conftest import install_profilecli_standin
from tests.profiles.stack_profiles import stack_profile

from .conftest import ALLOC_TYPE, CPU_TYPE

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
WINDOW = (NOW - timedelta(hours=1), NOW)
SEARCH = ("catalog.Search", "internal/catalog/catalog.go", 37)
GC = ("runtime.gcBgMarkWorker", "runtime/mgc.go", 1400)


def _profile(nanoseconds: int) -> bytes:
    return gzip.compress(stack_profile([([SEARCH], nanoseconds)]).SerializeToString())


def _recording(directory: Path, series: list[tuple[dict[str, str], int]]) -> Path:
    """Write one CPU profile per label set (checkout's, 11:05-11:55)."""
    store = RecordingStore(directory)
    for labels, nanoseconds in series:
        store.add_profile(
            {"service_name": "checkout", **labels},
            CPU_TYPE,
            _profile(nanoseconds),
            NOW - timedelta(minutes=55),
            NOW - timedelta(minutes=5),
            recorded_at=NOW,
        )
    return directory


PODS = [
    ({"pod": "pod-a"}, 6_000),
    ({"pod": "pod-b"}, 2_000),
    ({"pod": "pod-c"}, 1_000),
    ({}, 1_000),  # outside any pod's label: the series without it
]


class IgnoresGroupBy(RecordedSource):
    """A backend that answers SelectSeries as one series for everything, whatever group_by."""

    def select_series(
        self,
        selector: str,
        profile_type: str,
        start: datetime,
        end: datetime,
        *,
        group_by: Sequence[str],
        step: timedelta,
        limit: int | None = None,
        average: bool = False,
    ) -> list[SeriesTotals]:
        return super().select_series(
            selector, profile_type, start, end, group_by=[], step=step, limit=limit
        )


def test_grouped_totals_list_every_value_and_the_series_without_the_label(
    tmp_path: Path,
) -> None:
    source = RecordedSource(_recording(tmp_path, PODS))
    costs = grouped_costs(source, ["checkout"], {}, CPU_TYPE, "pod", WINDOW, limit=10)
    assert costs is not None
    assert (costs.method, costs.total, costs.distinct) == ("group_by", 10_000, 3)
    assert [(v.value, v.total) for v in costs.values] == [
        ("pod-a", 6_000),
        ("pod-b", 2_000),
        ("pod-c", 1_000),
        (None, 1_000),
    ]


def test_a_limit_keeps_the_heaviest_values_and_the_whole_windows_total(tmp_path: Path) -> None:
    source = RecordedSource(_recording(tmp_path, PODS))
    costs = grouped_costs(source, ["checkout"], {}, CPU_TYPE, "pod", WINDOW, limit=2)
    assert costs is not None
    assert [v.value for v in costs.values] == ["pod-a", "pod-b"]
    assert (costs.total, costs.distinct) == (10_000, 3)


def test_an_answer_not_grouped_by_the_label_is_no_breakdown(tmp_path: Path) -> None:
    source = IgnoresGroupBy(_recording(tmp_path, PODS))
    assert grouped_costs(source, ["checkout"], {}, CPU_TYPE, "pod", WINDOW, limit=10) is None


def test_per_value_merges_give_the_same_shares_and_the_rest_is_without_the_label(
    tmp_path: Path,
) -> None:
    source = IgnoresGroupBy(_recording(tmp_path, PODS))
    costs, merged = merged_costs(source, ["checkout"], {}, CPU_TYPE, "pod", WINDOW, total=10_000.0)
    assert costs.method == "per_value_merges"
    assert [(v.value, v.total) for v in costs.values] == [
        ("pod-a", 6_000),
        ("pod-b", 2_000),
        ("pod-c", 1_000),
        (None, 1_000),
    ]
    assert sorted(merged) == ["pod-a", "pod-b", "pod-c"]
    assert not merged["pod-a"].empty


def test_with_more_values_than_merges_allowed_the_rest_is_not_guessed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(label_costs, "MAX_MERGED_VALUES", 2)
    source = IgnoresGroupBy(_recording(tmp_path, PODS))
    costs, _ = merged_costs(source, ["checkout"], {}, CPU_TYPE, "pod", WINDOW, total=10_000.0)
    assert [v.value for v in costs.values] == ["pod-a", "pod-b"]
    assert costs.note.startswith("Only 2 of the 3 values of pod were merged")


def test_values_are_those_of_the_profile_types_series(tmp_path: Path) -> None:
    directory = _recording(tmp_path, PODS)
    # A pod that only sent another profile type has no CPU to break down.
    RecordingStore(directory).add_profile(
        {"service_name": "checkout", "pod": "pod-heap-only"},
        ALLOC_TYPE,
        _profile(64),
        NOW - timedelta(minutes=55),
        NOW - timedelta(minutes=5),
        sample_type="cpu",
        recorded_at=NOW,
    )
    source = RecordedSource(directory)
    assert label_values(source, ["checkout"], {}, CPU_TYPE, "pod", WINDOW) == [
        "pod-a",
        "pod-b",
        "pod-c",
    ]
    assert "pod-heap-only" in label_values(source, ["checkout"], {}, ALLOC_TYPE, "pod", WINDOW)


@pytest.fixture(params=["recording", "http", "profilecli"])
def pods_source(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ProfileSource]:
    """Return each kind of source over the pods recording (HTTP: the replay server)."""
    directory = _recording(tmp_path / "rec", PODS)
    if request.param == "recording":
        yield RecordedSource(directory)
    elif request.param == "http":
        with ReplayServer(directory) as server, HttpSource(ConnectionSettings(url=server.url)) as s:
            yield s
    else:
        fallback = next((directory / "profiles").iterdir())
        install_profilecli_standin(tmp_path, monkeypatch, fallback, recording=directory)
        yield ProfilecliSource(ConnectionSettings(url="http://127.0.0.1:4040"))


def test_every_source_gives_the_same_totals_by_pod_grouped_and_merged(
    pods_source: ProfileSource,
) -> None:
    grouped = grouped_costs(pods_source, ["checkout"], {}, CPU_TYPE, "pod", WINDOW, limit=10)
    assert grouped is not None
    expected = [("pod-a", 6_000), ("pod-b", 2_000), ("pod-c", 1_000), (None, 1_000)]
    assert [(v.value, v.total) for v in grouped.values] == expected
    merged, _ = merged_costs(
        pods_source, ["checkout"], {}, CPU_TYPE, "pod", WINDOW, total=grouped.total
    )
    assert [(v.value, v.total) for v in merged.values] == expected
