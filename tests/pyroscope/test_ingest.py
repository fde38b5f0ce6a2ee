"""What the replay server does to pushed profiles, pinned to Pyroscope's own expectations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from profile_insights.agent.errors import InvalidQueryError
from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.pyroscope.ingest import (
    inject_service_version,
    legacy_ingest_labels,
    legacy_metric_name,
    pushed_profile_types,
    pushed_time_range,
)


def _profile(build_id: str = "", with_mapping: bool = True) -> profile_pb2.Profile:
    profile = profile_pb2.Profile(string_table=["", "cpu", "nanoseconds", "main", build_id])
    profile.sample_type.add(type=1, unit=2)
    profile.period_type.type, profile.period_type.unit = 1, 2
    if with_mapping:
        profile.mapping.add(id=1, build_id=4 if build_id else 0)
    profile.function.add(id=1, name=3)
    profile.location.add(id=1, mapping_id=1 if with_mapping else 0).line.add(function_id=1)
    profile.sample.add(location_id=[1], value=[10])
    return profile


def test_service_version_json_matches_the_distributor() -> None:
    # Expected strings of pkg/distributor/distributor_test.go (injectMappingVersions).
    labels = {
        "service_repository": "grafana/pyroscope",
        "service_git_ref": "foobar",
        "service_root_path": "some-path",
    }
    injected = inject_service_version(_profile(build_id="foo"), labels)
    assert injected.string_table[injected.mapping[0].build_id] == (
        '{"repository":"grafana/pyroscope","git_ref":"foobar","build_id":"foo",'
        '"root_path":"some-path"}'
    )
    plain = inject_service_version(_profile(), labels)
    assert plain.string_table[plain.mapping[0].build_id] == (
        '{"repository":"grafana/pyroscope","git_ref":"foobar","root_path":"some-path"}'
    )


def test_profiles_without_mappings_get_a_stub_mapping_first() -> None:
    injected = inject_service_version(_profile(with_mapping=False), {"service_git_ref": "abc"})
    assert [m.id for m in injected.mapping] == [1]
    assert injected.location[0].mapping_id == 1
    assert injected.string_table[injected.mapping[0].build_id] == '{"git_ref":"abc"}'


def test_no_source_labels_leave_the_profile_alone() -> None:
    profile = _profile(build_id="deadbeef")
    assert inject_service_version(profile, {"service_name": "x"}) is profile


def test_profile_types_and_times_of_a_push() -> None:
    profile = _profile()
    assert pushed_profile_types(profile, "process_cpu") == [
        ("process_cpu:cpu:nanoseconds:cpu:nanoseconds", "cpu")
    ]
    received = datetime(2026, 11, 25, 12, tzinfo=UTC)
    profile.time_nanos = int((received - timedelta(seconds=15)).timestamp() * 1e9)
    profile.duration_nanos = 10 * 10**9
    assert pushed_time_range(profile, received) == (
        received - timedelta(seconds=15),
        received - timedelta(seconds=5),
    )
    profile.time_nanos = 1_000_000  # an SDK clock bug (microseconds): re-dated on receipt
    assert pushed_time_range(profile, received) == (received - timedelta(seconds=10), received)


def test_legacy_names_carry_service_and_tags() -> None:
    profile = _profile()
    assert legacy_ingest_labels("app.cpu{env=prod, region = eu}", profile) == {
        "env": "prod",
        "region": "eu",
        "service_name": "app",
        "__name__": "process_cpu",
    }
    with pytest.raises(InvalidQueryError):
        legacy_ingest_labels("app{novalue}", profile)


@pytest.mark.parametrize(
    ("types", "name"),
    [
        # @pyroscope/nodejs 0.6 wall profile (collectCpuTime on), as it pushed it when run
        # against the replay server: one upload, three sample types, all under "wall".
        (["samples", "wall", "cpu"], "wall"),
        (["samples", "wall"], "wall"),
        # @pyroscope/nodejs heap, after the SDK's own renaming to Go's names.
        (["inuse_objects", "inuse_space"], "memory"),
        (["samples"], "process_cpu"),  # old pyspy / rbspy
        (["cpu"], "process_cpu"),
        (["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"], "memory"),
        (["goroutines"], "goroutines"),
    ],
)
def test_legacy_uploads_are_named_like_pyroscopes_metric_name(types: list[str], name: str) -> None:
    assert legacy_metric_name(types) == name


def test_a_real_nodejs_wall_upload_is_a_wall_profile(shared_dir: Path) -> None:
    data = (shared_dir / "profiles" / "pyroscope_wall_nodejs_rideshare.pb.gz").read_bytes()
    profile = decode_profile(data, name="nodejs-wall")
    labels = legacy_ingest_labels("rideshare", profile)
    assert labels["__name__"] == "wall"
    assert [type_id for type_id, _ in pushed_profile_types(profile, labels["__name__"])] == [
        "wall:wall:microseconds:wall:microseconds"
    ]
