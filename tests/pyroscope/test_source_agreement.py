"""Every source answers a recording of several windows and label sets alike.

The same recording is read directly (``RecordedSource``), over the Pyroscope API from the replay
server (``HttpSource``) and through the profilecli stand-in pointed at it (``ProfilecliSource``):
label names, the label values of a deploy (two ``service_git_ref`` values), totals per label
over time with ``group_by`` and ``limit``, and a week-long trend the server refuses in one query.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.pyroscope.http_source import HttpSource
from profile_insights.agent.pyroscope.profilecli_source import ProfilecliSource
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.pyroscope.recording import RecordingStore
from profile_insights.agent.pyroscope.replay_server import ReplayServer
from profile_insights.agent.pyroscope.settings import ConnectionSettings
from profile_insights.agent.pyroscope.source import ProfileSource, SeriesTotals

from ..conftest import install_profilecli_standin
from .conftest import AFTER, BEFORE, CPU_TYPE, GO_CPU, RUST_CPU

SIX = datetime(2026, 11, 25, 6, tzinfo=UTC)
NINE = datetime(2026, 11, 25, 9, tzinfo=UTC)
NOON = datetime(2026, 11, 25, 12, tzinfo=UTC)
HOUR = timedelta(hours=1)
CHECKOUT = '{service_name="checkout"}'
KINDS = ["recording", "http", "profilecli"]


def _source(
    kind: str, directory: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, profile: Path
) -> Iterator[ProfileSource]:
    if kind == "recording":
        yield RecordedSource(directory)
    elif kind == "http":
        with ReplayServer(directory) as server, HttpSource(ConnectionSettings(url=server.url)) as s:
            yield s
    else:
        install_profilecli_standin(tmp_path, monkeypatch, profile, recording=directory)
        yield ProfilecliSource(ConnectionSettings(url="http://127.0.0.1:4040"))


@pytest.fixture(params=KINDS)
def deploy_source(
    request: pytest.FixtureRequest,
    deploy_recording: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shared_dir: Path,
) -> Iterator[ProfileSource]:
    """Return each kind of source over the deploy recording."""
    profile = shared_dir / "profiles" / GO_CPU
    yield from _source(request.param, deploy_recording, tmp_path, monkeypatch, profile)


def _points(found: list[SeriesTotals]) -> dict[tuple[tuple[str, str], ...], list[object]]:
    return {
        tuple(sorted(s.labels.items())): [(p.timestamp, pytest.approx(p.value)) for p in s.points]
        for s in found
    }


def _cpu_total(source: ProfileSource, selector: str, start: datetime, end: datetime) -> int:
    merged = source.merge_profile(selector, CPU_TYPE, start, end)
    return sum(s.value[0] for s in decode_profile(merged.data, name="merged").sample)


def test_every_source_answers_the_deploy_recording_alike(
    deploy_source: ProfileSource, deploy_recording: Path
) -> None:
    reference = RecordedSource(deploy_recording)
    names = deploy_source.label_names(CHECKOUT, SIX, NOON)
    assert {"pod", "service_git_ref", "service_name", "__profile_type__"} <= set(names)
    assert names == reference.label_names(CHECKOUT, SIX, NOON)

    def refs(start: datetime, end: datetime) -> set[str]:
        found = deploy_source.series(CHECKOUT, ["service_git_ref"], start, end)
        return {s.labels["service_git_ref"] for s in found}

    assert refs(SIX, NOON) == {BEFORE, AFTER}
    assert refs(SIX, NINE - HOUR) == {BEFORE}  # before the deploy, one ref only

    by_ref = deploy_source.select_series(
        CHECKOUT, CPU_TYPE, SIX, NOON, group_by=["service_git_ref"], step=HOUR
    )
    expected = reference.select_series(
        CHECKOUT, CPU_TYPE, SIX, NOON, group_by=["service_git_ref"], step=HOUR
    )
    assert _points(by_ref) == _points(expected)
    times = {s.labels["service_git_ref"]: [p.timestamp for p in s.points] for s in by_ref}
    assert times == {
        BEFORE: [SIX + HOUR, SIX + 2 * HOUR, NINE],
        AFTER: [NINE + HOUR, NINE + 2 * HOUR, NOON],
    }
    # Each ref's points add up to the merged profile of its own window.
    for series in by_ref:
        ref = series.labels["service_git_ref"]
        window = (SIX, NINE) if ref == BEFORE else (NINE, NOON)
        selector = f'{{service_name="checkout",service_git_ref="{ref}"}}'
        assert series.total == pytest.approx(_cpu_total(deploy_source, selector, *window))

    six_hours = NOON - SIX
    (heaviest,) = deploy_source.select_series(
        CHECKOUT, CPU_TYPE, SIX, NOON, group_by=["pod"], step=six_hours, limit=1
    )
    assert heaviest.labels == {"pod": "checkout-b"}  # Rust, Go and Rust against Go twice
    (whole,) = deploy_source.select_series(
        CHECKOUT, CPU_TYPE, SIX, NOON, group_by=[], step=six_hours
    )
    assert whole.labels == {}
    assert whole.total == pytest.approx(_cpu_total(deploy_source, CHECKOUT, SIX, NOON))


def test_label_values_list_each_ref_of_the_window_asked(deploy_recording: Path) -> None:
    with ReplayServer(deploy_recording) as server:

        def values(name: str, start: datetime, end: datetime) -> list[str]:
            answer = httpx.post(
                f"{server.url}/querier.v1.QuerierService/LabelValues",
                json={
                    "name": name,
                    "matchers": [CHECKOUT],
                    "start": int(start.timestamp() * 1000),
                    "end": int(end.timestamp() * 1000),
                },
            )
            return list(answer.json().get("names", []))

        assert values("service_git_ref", SIX, NOON) == [BEFORE, AFTER]
        assert values("service_git_ref", NINE + HOUR, NOON) == [AFTER]
        assert values("pod", SIX, NOON) == ["checkout-a", "checkout-b"]


WEEK_START = datetime(2026, 11, 19, tzinfo=UTC)
DAY = timedelta(days=1)


@pytest.fixture
def week_recording(tmp_path: Path, shared_dir: Path) -> Path:
    """Build a recording of one CPU window (09:00-11:00) a day for a week, growing each day.

    Day k (0-6) has the Go CPU profile k + 1 times, so its total is k + 1 times the profile's.
    """
    store = RecordingStore(tmp_path / "week")
    data = (shared_dir / "profiles" / GO_CPU).read_bytes()
    labels = {"service_name": "warehouse"}
    for day in range(7):
        nine = WEEK_START + day * DAY + 9 * HOUR
        for _ in range(day + 1):
            store.add_profile(labels, CPU_TYPE, data, nine, nine + 2 * HOUR, "cpu", NOON)
    return store.directory


@pytest.fixture(params=KINDS)
def week_source(
    request: pytest.FixtureRequest,
    week_recording: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shared_dir: Path,
) -> Iterator[ProfileSource]:
    """Return each kind of source over the week recording."""
    profile = shared_dir / "profiles" / RUST_CPU
    yield from _source(request.param, week_recording, tmp_path, monkeypatch, profile)


def test_a_week_trend_is_answered_in_parts_the_server_accepts(week_source: ProfileSource) -> None:
    week_end = WEEK_START + 7 * DAY
    daily = week_source.select_series(
        "{}", CPU_TYPE, WEEK_START, week_end, group_by=["service_name"], step=DAY
    )
    (series,) = daily
    one_day = series.points[0].value
    assert [p.timestamp for p in series.points] == [WEEK_START + k * DAY for k in range(1, 8)]
    assert [p.value for p in series.points] == pytest.approx([k * one_day for k in range(1, 8)])


# Through profilecli a step over the limit costs a run per day: test_profilecli_source has it.
@pytest.mark.parametrize("week_source", ["recording", "http"], indirect=True)
def test_a_weekly_total_adds_up_the_days_the_server_accepts(week_source: ProfileSource) -> None:
    week_end = WEEK_START + 7 * DAY
    (daily,) = week_source.select_series(
        "{}", CPU_TYPE, WEEK_START, week_end, group_by=[], step=DAY
    )
    (weekly,) = week_source.select_series(
        "{}", CPU_TYPE, WEEK_START, week_end, group_by=[], step=7 * DAY
    )
    assert [p.timestamp for p in weekly.points] == [week_end]  # one point: the week's total
    assert weekly.total == pytest.approx(daily.total)
    assert weekly.total == pytest.approx(28 * daily.points[0].value)


def test_http_splits_a_week_into_days_after_the_server_refuses_it(week_recording: Path) -> None:
    with ReplayServer(week_recording) as server:
        with HttpSource(ConnectionSettings(url=server.url)) as source:
            week_end = WEEK_START + 7 * DAY
            source.select_series(
                "{}", CPU_TYPE, WEEK_START, week_end, group_by=["service_name"], step=HOUR
            )
            assert server.hits["/querier.v1.QuerierService/SelectSeries"] == 1 + 7
            refused = httpx.post(
                f"{server.url}/querier.v1.QuerierService/SelectSeries",
                json={
                    "profileTypeID": CPU_TYPE,
                    "labelSelector": "{}",
                    "start": int(WEEK_START.timestamp() * 1000),
                    "end": int(week_end.timestamp() * 1000),
                    "step": 86400,
                },
            )
    assert refused.status_code == 400
    assert "the query time range exceeds the limit" in json.loads(refused.content)["message"]
