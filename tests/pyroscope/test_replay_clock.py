"""A replay that means now: a shifted recording answers the clients' now-1h with its last hour.

``serve`` shifts by default (``clock="now"``): the recording's ``recorded_at`` becomes the moment
the server starts, for every query (series, merges, SelectSeries points) and for pushes, which
are stored back in the recording's own time.
"""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from profile_insights.agent.pyroscope import pyroscope_api_pb2 as api
from profile_insights.agent.pyroscope.http_source import HttpSource
from profile_insights.agent.pyroscope.recorded_source import RecordedSource, clock_shift
from profile_insights.agent.pyroscope.recording import load_recording
from profile_insights.agent.pyroscope.replay_server import ReplayServer
from profile_insights.agent.pyroscope.settings import ConnectionSettings
from profile_insights.agent.pyroscope.timeparse import to_millis

from .conftest import CPU_TYPE, INUSE_TYPE, RUST_CPU

RECORDED_AT = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_a_shifted_source_shows_every_recorded_time_later(recording_dir: Path) -> None:
    week = timedelta(days=7)
    plain, shifted = RecordedSource(recording_dir), RecordedSource(recording_dir, shift=week)
    assert shifted.now() == plain.now() + week == RECORDED_AT + week
    before = plain.merge_profile("{}", INUSE_TYPE, RECORDED_AT - timedelta(hours=1), RECORDED_AT)
    after = shifted.merge_profile(
        "{}", INUSE_TYPE, shifted.now() - timedelta(hours=1), shifted.now()
    )
    assert not before.empty and not after.empty
    assert shifted.merge_profile(
        "{}", INUSE_TYPE, plain.now() - timedelta(hours=1), plain.now()
    ).empty
    step = timedelta(minutes=30)
    (series, *_) = plain.select_series(
        "{}", CPU_TYPE, RECORDED_AT - timedelta(hours=6), RECORDED_AT, group_by=[], step=step
    )
    (moved, *_) = shifted.select_series(
        "{}",
        CPU_TYPE,
        RECORDED_AT + week - timedelta(hours=6),
        RECORDED_AT + week,
        group_by=[],
        step=step,
    )
    assert series.points and [(p.timestamp + week, p.value) for p in series.points] == [
        (p.timestamp, p.value) for p in moved.points
    ]


def test_clock_shift_is_zero_when_recorded_and_whole_seconds_when_now() -> None:
    now = RECORDED_AT + timedelta(days=6, hours=11, seconds=14.6)
    assert clock_shift(RECORDED_AT, "recorded", now) == timedelta(0)
    assert clock_shift(RECORDED_AT, "now", now) == timedelta(days=6, hours=11, seconds=15)


def _select_series(url: str, start: datetime, end: datetime) -> list[int]:
    request = {
        "labelSelector": '{service_name="payments"}',
        "profileTypeID": CPU_TYPE,
        "start": str(to_millis(start)),
        "end": str(to_millis(end)),
        "step": 600,
    }
    answer = httpx.post(f"{url}/querier.v1.QuerierService/SelectSeries", json=request)
    assert answer.status_code == 200, answer.text
    return [
        int(point["timestamp"]) for s in answer.json().get("series", []) for point in s["points"]
    ]


@pytest.mark.parametrize("clock", ["now", "recorded"])
def test_the_server_answers_the_live_last_hours_only_with_clock_now(
    recording_dir: Path, clock: str
) -> None:
    with ReplayServer(recording_dir, clock="now" if clock == "now" else "recorded") as server:
        source = HttpSource(ConnectionSettings(url=server.url))
        now = datetime.now(UTC)
        recent = source.series("{}", ["service_name"], now - timedelta(hours=6), now)
        merged = source.merge_profile(
            '{service_name="payments"}', CPU_TYPE, now - timedelta(hours=1), now
        )
        points = _select_series(server.url, now - timedelta(hours=2), now)
    if clock == "recorded":
        assert server.shift == timedelta(0)
        assert not recent and merged.empty and not points
        return
    assert abs(server.shift - (now - RECORDED_AT)) < timedelta(minutes=1)
    assert {s.labels["service_name"] for s in recent} == {"checkout", "payments"}
    assert not merged.empty
    # payments' profile ran 11:05-11:55 recorded time: its point is 55-5 minutes before now.
    assert points and all(
        to_millis(now - timedelta(minutes=60)) <= moment <= to_millis(now) for moment in points
    )


def test_a_push_to_a_shifted_server_is_stored_in_the_recordings_time(
    recording_dir: Path, shared_dir: Path
) -> None:
    raw = (shared_dir / "profiles" / RUST_CPU).read_bytes()
    push = api.PushRequest(
        series=[
            api.RawProfileSeries(
                labels=[
                    api.LabelPair(name="__name__", value="process_cpu"),
                    api.LabelPair(name="service_name", value="billing"),
                ],
                samples=[api.RawSample(raw_profile=raw, ID="5f1c7f0e-0000-4000-8000-00000000000b")],
            )
        ]
    )
    with ReplayServer(recording_dir, clock="now") as server:
        sent = datetime.now(UTC)
        answer = httpx.post(
            server.url + "/push.v1.PusherService/Push",
            content=gzip.compress(push.SerializeToString()),
            headers={"Content-Type": "application/proto", "Content-Encoding": "gzip"},
        )
        assert answer.status_code == 200
        source = HttpSource(ConnectionSettings(url=server.url))
        served = source.series('{service_name="billing"}', [], sent - timedelta(minutes=5), sent)
        shift = server.shift
    assert served  # the push is seen at the time it was sent
    recording = load_recording(recording_dir)
    billing = next(s for s in recording.series if s.labels["service_name"] == "billing")
    stored_end = billing.profiles[0].end
    assert abs(stored_end - (sent - shift)) < timedelta(minutes=1)
    assert abs(recording.recorded_at - (sent - shift)) < timedelta(minutes=1)
