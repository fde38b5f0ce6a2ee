"""The replay server's ingest side: Connect Push (proto and JSON), legacy /ingest, concurrency."""

from __future__ import annotations

import base64
import gzip
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from profile_insights.agent.profiles.combine import sample_types
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.pyroscope import pyroscope_api_pb2 as api
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.pyroscope.recording import load_recording
from profile_insights.agent.pyroscope.replay_server import ReplayServer

from .conftest import GO_HEAP, RUST_CPU

PUSH = "/push.v1.PusherService/Push"
INUSE = "memory:inuse_space:bytes:space:bytes"


def _push_request(labels: dict[str, str], raw: bytes) -> api.PushRequest:
    return api.PushRequest(
        series=[
            api.RawProfileSeries(
                labels=[api.LabelPair(name=k, value=v) for k, v in labels.items()],
                samples=[api.RawSample(raw_profile=raw, ID="5f1c7f0e-0000-4000-8000-000000000001")],
            )
        ]
    )


def test_push_records_every_sample_type_with_the_service_version(
    tmp_path: Path, shared_dir: Path
) -> None:
    raw = (shared_dir / "profiles" / GO_HEAP).read_bytes()
    labels = {
        "__name__": "memory",
        "service_name": "loki",
        "service_repository": "https://github.com/grafana/loki",
        "service_git_ref": "abc1234",
    }
    body = gzip.compress(_push_request(labels, raw).SerializeToString())
    with ReplayServer(tmp_path / "rec") as server:
        answer = httpx.post(
            server.url + PUSH,
            content=body,
            headers={"Content-Type": "application/proto", "Content-Encoding": "gzip"},
        )
        assert answer.status_code == 200 and answer.content == b""
        assert httpx.get(server.url + "/ready").status_code == 200
    recording = load_recording(tmp_path / "rec")
    (series,) = recording.series
    assert series.labels == {k: v for k, v in labels.items() if k != "__name__"}
    assert {p.profile_type for p in series.profiles} == {
        "memory:alloc_objects:count:space:bytes",
        "memory:alloc_space:bytes:space:bytes",
        "memory:inuse_objects:count:space:bytes",
        INUSE,
    }
    assert len({p.file for p in series.profiles}) == 1  # one file, four entries
    source = RecordedSource(tmp_path / "rec", live_clock=True)
    profile = series.profiles[0]
    merged = source.merge_profile(
        '{service_name="loki"}', INUSE, profile.start - timedelta(minutes=1), profile.end
    )
    decoded = decode_profile(merged.data, name="profile")
    assert sample_types(decoded) == [("inuse_space", "bytes")]
    build_id = json.loads(decoded.string_table[decoded.mapping[0].build_id])
    assert build_id["repository"] == "https://github.com/grafana/loki"
    assert build_id["git_ref"] == "abc1234"
    assert list(build_id)[:2] == ["repository", "git_ref"]  # ServiceVersion key order


def test_json_push_and_bad_push(tmp_path: Path, shared_dir: Path) -> None:
    raw = (shared_dir / "profiles" / RUST_CPU).read_bytes()
    document = {
        "series": [
            {
                "labels": [
                    {"name": "__name__", "value": "process_cpu"},
                    {"name": "service_name", "value": "ride-sharing-app"},
                ],
                "samples": [{"rawProfile": base64.b64encode(raw).decode()}],
            }
        ]
    }
    with ReplayServer(tmp_path / "rec") as server:
        assert httpx.post(server.url + PUSH, json=document).json() == {}
        del document["series"][0]["labels"][0]
        refused = httpx.post(server.url + PUSH, json=document)
    assert refused.status_code == 400
    assert refused.json() == {
        "code": "invalid_argument",
        "message": "a pushed series needs __name__ and service_name",
    }
    entries = load_recording(tmp_path / "rec").series[0].profiles
    assert [e.profile_type for e in entries] == ["process_cpu:cpu:nanoseconds:cpu:nanoseconds"]


def test_legacy_ingest_takes_name_tags_and_times(tmp_path: Path, shared_dir: Path) -> None:
    raw = (shared_dir / "profiles" / "pyroscope_cpu_python_pyspy_labels.pb").read_bytes()
    with ReplayServer(tmp_path / "rec") as server:
        answer = httpx.post(
            server.url + "/ingest",
            params={
                "name": "legacy-app.cpu{env=dev,region=eu}",
                "from": "1795600000",
                "until": "1795600010",
                "format": "pprof",
                "spyName": "pyspy",
            },
            content=raw,
            headers={"Content-Type": "binary/octet-stream"},
        )
    assert answer.status_code == 200, answer.text
    (series,) = load_recording(tmp_path / "rec").series
    assert series.labels == {
        "service_name": "legacy-app",
        "env": "dev",
        "region": "eu",
        "pyroscope_spy": "pyspy",
    }
    (entry,) = series.profiles
    assert entry.profile_type == "process_cpu:samples:count::milliseconds"
    assert entry.start == datetime.fromtimestamp(1795600000, UTC)
    assert entry.end - entry.start == timedelta(seconds=10)


def test_concurrent_pushes_are_all_recorded(tmp_path: Path, shared_dir: Path) -> None:
    raw = (shared_dir / "profiles" / RUST_CPU).read_bytes()

    def push(index: int) -> int:
        labels = {"__name__": "process_cpu", "service_name": f"svc-{index % 3}"}
        return httpx.post(
            server.url + PUSH,
            content=_push_request(labels, raw).SerializeToString(),
            headers={"Content-Type": "application/proto"},
        ).status_code

    with ReplayServer(tmp_path / "rec") as server, ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(push, range(12)))
    assert statuses == [200] * 12
    recording = load_recording(tmp_path / "rec")
    assert sorted(s.labels["service_name"] for s in recording.series) == ["svc-0", "svc-1", "svc-2"]
    assert sum(len(s.profiles) for s in recording.series) == 12
    files = {p.file for s in recording.series for p in s.profiles}
    assert len(files) == 12 and not list((tmp_path / "rec").rglob(".*.tmp"))


def test_unknown_codec_is_415_and_unknown_method_501(tmp_path: Path) -> None:
    with ReplayServer(tmp_path / "rec") as server:
        wrong_codec = httpx.post(
            server.url + "/querier.v1.QuerierService/Series",
            content=b"{}",
            headers={"Content-Type": "text/plain"},
        )
        unknown = httpx.post(server.url + "/querier.v1.QuerierService/SelectHeatmap", json={})
        tree = httpx.post(
            server.url + "/querier.v1.QuerierService/SelectMergeStacktraces",
            json={
                "profileTypeID": INUSE,
                "labelSelector": "{}",
                "start": 1,
                "end": 2,
                "format": "PROFILE_FORMAT_TREE",
            },
        )
    assert wrong_codec.status_code == 415
    assert "application/proto" in wrong_codec.headers["Accept-Post"]
    assert unknown.status_code == 501 and unknown.json()["code"] == "unimplemented"
    assert tree.status_code == 501  # PPROF and flame graphs are served, trees are not
