"""Fixtures: a small recording built from the shared reference profiles."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from profile_insights.agent.pyroscope.recording import RecordingStore

CPU_TYPE = "process_cpu:cpu:nanoseconds:cpu:nanoseconds"
SAMPLES_TYPE = "process_cpu:samples:count:cpu:nanoseconds"
INUSE_TYPE = "memory:inuse_space:bytes:space:bytes"
ALLOC_TYPE = "memory:alloc_space:bytes:space:bytes"
GO_CPU = "pyroscope_cpu_go_labels.pb.gz"  # samples/count + cpu/nanoseconds
GO_HEAP = "pyroscope_heap_go_4types.pb.gz"  # 4 heap sample types
RUST_CPU = "pyroscope_cpu_rust_rideshare.pb.gz"  # cpu/nanoseconds


@pytest.fixture
def recording_dir(tmp_path: Path, shared_dir: Path) -> Path:
    """Build a recording (recorded_at 12:00) whose checkout CPU data is 3-4 hours old.

    checkout: CPU 08:00-09:00 and 08:30-09:30 (both files the same Go profile, two types),
    heap 11:05-11:55 (4 types). payments: Rust CPU 11:05-11:55.
    """
    directory = tmp_path / "rec"
    (directory / "profiles").mkdir(parents=True)
    for name in (GO_CPU, GO_HEAP, RUST_CPU):
        shutil.copy(shared_dir / "profiles" / name, directory / "profiles" / name)
    checkout = {
        "service_name": "checkout",
        "service_repository": "https://github.com/acme/checkout",
        "service_git_ref": "3f2c1ab",
        "env": "prod-eu",
    }
    recording = {
        "format": "profile-insights-recording",
        "version": 1,
        "recorded_at": "2026-11-25T12:00:00Z",
        "series": [
            {
                "labels": checkout,
                "profiles": [
                    _entry(CPU_TYPE, GO_CPU, "08:00", "09:00", "cpu"),
                    _entry(CPU_TYPE, GO_CPU, "08:30", "09:30"),
                    _entry(SAMPLES_TYPE, GO_CPU, "08:00", "09:00", "samples"),
                    _entry(INUSE_TYPE, GO_HEAP, "11:05", "11:55"),
                    _entry(ALLOC_TYPE, GO_HEAP, "11:05", "11:55", "alloc_space"),
                ],
            },
            {
                "labels": {"service_name": "payments", "env": "dev"},
                "profiles": [_entry(CPU_TYPE, RUST_CPU, "11:05", "11:55")],
            },
        ],
    }
    (directory / "recording.json").write_text(json.dumps(recording, indent=2))
    return directory


def _entry(
    profile_type: str, name: str, start: str, end: str, sample_type: str | None = None
) -> dict[str, str]:
    entry = {
        "profile_type": profile_type,
        "file": f"profiles/{name}",
        "start": f"2026-11-25T{start}:00Z",
        "end": f"2026-11-25T{end}:00Z",
    }
    if sample_type:
        entry["sample_type"] = sample_type
    return entry


#: The deploy recording's two refs: 1111111 runs 06:00-09:00, 2222222 from 09:00 to 12:00.
BEFORE, AFTER = "1111111", "2222222"


@pytest.fixture
def deploy_recording(tmp_path: Path, shared_dir: Path) -> Path:
    """Build a recording (recorded_at 12:00) of a deploy at 09:00, two pods on each side.

    checkout pod a: the Go CPU profile 06:00-09:00 (ref BEFORE) and 09:00-12:00 (ref AFTER);
    pod b: the Rust CPU profile 06:00-09:00 (BEFORE), then Go 09:00-10:30 and Rust 10:30-12:00
    (AFTER). payments (no pod, no ref): Rust 11:00-12:00. Written with the recording store, as
    ``profile-insights recording add`` writes it.
    """
    store = RecordingStore(tmp_path / "deploy")
    go = (shared_dir / "profiles" / GO_CPU).read_bytes()
    rust = (shared_dir / "profiles" / RUST_CPU).read_bytes()
    checkout = {"service_name": "checkout", "service_repository": "https://github.com/acme/co"}
    windows = [
        ({"pod": "checkout-a", "service_git_ref": BEFORE}, go, "06:00", "09:00"),
        ({"pod": "checkout-a", "service_git_ref": AFTER}, go, "09:00", "12:00"),
        ({"pod": "checkout-b", "service_git_ref": BEFORE}, rust, "06:00", "09:00"),
        ({"pod": "checkout-b", "service_git_ref": AFTER}, go, "09:00", "10:30"),
        ({"pod": "checkout-b", "service_git_ref": AFTER}, rust, "10:30", "12:00"),
    ]
    for labels, data, start, end in windows:
        store.add_profile({**checkout, **labels}, CPU_TYPE, data, *_at(start, end), "cpu", _NOON)
    store.add_profile({"service_name": "payments"}, CPU_TYPE, rust, *_at("11:00", "12:00"))
    return store.directory


_NOON = datetime(2026, 11, 25, 12, tzinfo=UTC)


def _at(start: str, end: str) -> tuple[datetime, datetime]:
    day = "2026-11-25T{}:00Z"
    return datetime.fromisoformat(day.format(start)), datetime.fromisoformat(day.format(end))
