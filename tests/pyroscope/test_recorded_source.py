"""RecordedSource answers like a server: widening, selector operators, sample types, validation."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from profile_insights.agent.errors import InvalidQueryError, QueryRangeError, RecordingError
from profile_insights.agent.profiles.combine import sample_types
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.pyroscope.source import ProfileSource
from profile_insights.agent.pyroscope.timeparse import parse_time

from .conftest import AFTER, ALLOC_TYPE, BEFORE, CPU_TYPE, GO_CPU, INUSE_TYPE, SAMPLES_TYPE

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
CHECKOUT = '{service_name="checkout"}'


def test_now_is_the_recording_time_unless_live_clock(recording_dir: Path) -> None:
    source = RecordedSource(recording_dir)
    assert isinstance(source, ProfileSource)
    assert source.now() == NOW
    assert abs(RecordedSource(recording_dir, live_clock=True).now() - datetime.now(UTC)) < (
        timedelta(seconds=5)
    )
    assert "recorded 2026-11-25T12:00:00Z" in source.describe()


def test_last_hour_is_empty_and_six_hours_is_not(recording_dir: Path) -> None:
    source = RecordedSource(recording_dir)
    now = source.now()
    last_hour = source.merge_profile(CHECKOUT, CPU_TYPE, parse_time("now-1h", now), now)
    assert last_hour.empty and last_hour.data == b""
    six_hours = source.merge_profile(CHECKOUT, CPU_TYPE, parse_time("now-6h", now), now)
    assert not six_hours.empty
    profile = decode_profile(six_hours.data, name="profile")
    assert sample_types(profile) == [("cpu", "nanoseconds")]
    original = decode_profile((recording_dir / "profiles" / GO_CPU).read_bytes(), name="profile")
    cpu_index = [t for t, _ in sample_types(original)].index("cpu")
    # Both overlapping CPU entries (08:00-09:00 and 08:30-09:30) are merged.
    assert sum(s.value[0] for s in profile.sample) == 2 * sum(
        s.value[cpu_index] for s in original.sample
    )


def test_only_profiles_overlapping_the_range_are_merged(recording_dir: Path) -> None:
    source = RecordedSource(recording_dir)
    single = source.merge_profile(
        CHECKOUT,
        CPU_TYPE,
        datetime(2026, 11, 25, 7, tzinfo=UTC),
        datetime(2026, 11, 25, 8, 15, tzinfo=UTC),
    )
    both = source.merge_profile(
        CHECKOUT,
        CPU_TYPE,
        datetime(2026, 11, 25, 7, tzinfo=UTC),
        datetime(2026, 11, 25, 9, tzinfo=UTC),
    )
    one = sum(s.value[0] for s in decode_profile(single.data, name="profile").sample)
    two = sum(s.value[0] for s in decode_profile(both.data, name="profile").sample)
    assert two == 2 * one


def test_sample_type_of_the_profile_type_is_selected(recording_dir: Path) -> None:
    source = RecordedSource(recording_dir)
    start = parse_time("now-6h", NOW)
    for profile_type, expected in [
        (SAMPLES_TYPE, ("samples", "count")),
        (INUSE_TYPE, ("inuse_space", "bytes")),
        (ALLOC_TYPE, ("alloc_space", "bytes")),
    ]:
        merged = source.merge_profile(CHECKOUT, profile_type, start, NOW)
        assert sample_types(decode_profile(merged.data, name="profile")) == [expected]


def test_series_carry_internal_labels_and_every_recorded_label(recording_dir: Path) -> None:
    source = RecordedSource(recording_dir)
    start = parse_time("now-6h", NOW)
    everything = source.series("{}", [], start, NOW)
    checkout_cpu = next(
        s.labels
        for s in everything
        if s.labels["service_name"] == "checkout" and s.labels["__profile_type__"] == CPU_TYPE
    )
    assert checkout_cpu["__name__"] == "process_cpu"
    assert checkout_cpu["__type__"] == "cpu"
    assert checkout_cpu["service_git_ref"] == "3f2c1ab"
    assert checkout_cpu["service_repository"] == "https://github.com/acme/checkout"
    types = source.series("{}", ["__profile_type__"], start, NOW)
    assert {s.labels["__profile_type__"] for s in types} == {
        CPU_TYPE,
        SAMPLES_TYPE,
        INUSE_TYPE,
        ALLOC_TYPE,
    }
    assert len(types) == 4  # projected label sets are deduplicated
    last_hour = source.series("{}", ["service_name"], parse_time("now-1h", NOW), NOW)
    assert [s.labels for s in last_hour] == [
        {"service_name": "checkout"},
        {"service_name": "payments"},
    ]


@pytest.mark.parametrize(
    ("selector", "services"),
    [
        ('{service_name="checkout"}', {"checkout"}),
        ('{service_name!="checkout"}', {"payments"}),
        ('{env=~"prod-.*"}', {"checkout"}),
        ('{env=~"prod"}', set()),
        ('{env!~"prod-.*"}', {"payments"}),
        (f'{{__profile_type__="{INUSE_TYPE}"}}', {"checkout"}),
        ("{}", {"checkout", "payments"}),
    ],
)
def test_selector_operators_pick_series(
    recording_dir: Path, selector: str, services: set[str]
) -> None:
    source = RecordedSource(recording_dir)
    found = source.series(selector, ["service_name"], parse_time("now-6h", NOW), NOW)
    assert {s.labels["service_name"] for s in found} == services


def test_bad_selector_and_profile_type_are_rejected_like_a_server(recording_dir: Path) -> None:
    source = RecordedSource(recording_dir)
    start = parse_time("now-1h", NOW)
    with pytest.raises(InvalidQueryError, match="parse error"):
        source.merge_profile('{service_name="x"}; rm -rf /', CPU_TYPE, start, NOW)
    with pytest.raises(InvalidQueryError, match="got\\(2\\)"):
        source.merge_profile(CHECKOUT, "process_cpu:cpu", start, NOW)
    with pytest.raises(QueryRangeError, match="168h0m0s"):
        source.merge_profile(CHECKOUT, CPU_TYPE, parse_time("now-7d", NOW), NOW)
    with pytest.raises(QueryRangeError):
        source.series("{}", [], parse_time("now-2d", NOW), NOW)


def test_profile_types_lists_types_with_data_in_range(recording_dir: Path) -> None:
    source = RecordedSource(recording_dir)
    assert [t.id for t in source.profile_types(parse_time("now-1h", NOW), NOW)] == [
        ALLOC_TYPE,
        INUSE_TYPE,
        CPU_TYPE,
    ]
    assert len(source.profile_types(parse_time("now-6h", NOW), NOW)) == 4


def _rewrite(recording_dir: Path, change: dict[str, object]) -> None:
    path = recording_dir / "recording.json"
    data = json.loads(path.read_text())
    data.update(change)
    path.write_text(json.dumps(data))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"version": 2}, "Upgrade profile-insights"),
        ({"format": "something-else"}, "not a profile-insights recording"),
        ({"recorded_at": "not a time"}, "recorded_at"),
        (
            {
                "series": [
                    {
                        "labels": {"service_name": "x"},
                        "profiles": [
                            {
                                "profile_type": CPU_TYPE,
                                "file": "../../etc/passwd",
                                "start": "2026-11-25T11:00:00Z",
                                "end": "2026-11-25T11:10:00Z",
                            }
                        ],
                    }
                ]
            },
            "outside its directory",
        ),
        (
            {
                "series": [
                    {
                        "labels": {"service_name": "x"},
                        "profiles": [
                            {
                                "profile_type": CPU_TYPE,
                                "file": "profiles/none.pb.gz",
                                "start": "2026-11-25T11:00:00Z",
                                "end": "2026-11-25T11:10:00Z",
                            }
                        ],
                    }
                ]
            },
            "missing file",
        ),
        ({"series": [{"labels": {"env": "x"}, "profiles": []}]}, "service_name"),
    ],
)
def test_broken_recordings_give_clear_recording_errors(
    recording_dir: Path, change: dict[str, object], message: str
) -> None:
    _rewrite(recording_dir, change)
    with pytest.raises(RecordingError) as caught:
        RecordedSource(recording_dir)
    assert message in str(caught.value)


def test_missing_or_malformed_recording_json(tmp_path: Path) -> None:
    with pytest.raises(RecordingError, match="recording.json is missing"):
        RecordedSource(tmp_path)
    (tmp_path / "recording.json").write_text("{not json")
    with pytest.raises(RecordingError, match="not valid JSON") as caught:
        RecordedSource(tmp_path)
    assert "recording add" in caught.value.hint


def test_merged_answer_is_stamped_with_the_query_range(recording_dir: Path) -> None:
    source = RecordedSource(recording_dir)
    start = parse_time("now-6h", NOW)
    merged = decode_profile(
        source.merge_profile(CHECKOUT, CPU_TYPE, start, NOW).data, name="profile"
    )
    # As Pyroscope's querier does: DurationNanos = end - start, TimeNanos = end.
    assert merged.duration_nanos == 6 * 3600 * 10**9
    assert merged.time_nanos == int(NOW.timestamp()) * 10**9


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda data: b"", "empty input file"),  # a copy that failed half-way, a full disk
        (lambda data: data[:500], "unexpected EOF"),  # pprof's words for a cut-off gzip
    ],
)
def test_a_damaged_profile_file_is_a_recording_error_naming_the_file(
    recording_dir: Path, damage: Callable[[bytes], bytes], reason: str
) -> None:
    path = recording_dir / "profiles" / GO_CPU
    path.write_bytes(damage(path.read_bytes()))
    source = RecordedSource(recording_dir)
    now = source.now()

    with pytest.raises(RecordingError) as caught:
        source.merge_profile(CHECKOUT, CPU_TYPE, parse_time("now-6h", now), now)

    assert f"profiles/{GO_CPU}" in caught.value.message and reason in caught.value.message
    assert "recording.json" in caught.value.hint  # what to replace or remove


def _go_cpu_total(shared_dir: Path) -> float:
    raw = decode_profile((shared_dir / "profiles" / GO_CPU).read_bytes(), name="profile")
    index = [t for t, _ in sample_types(raw)].index("cpu")
    return float(sum(s.value[index] for s in raw.sample))


def test_a_profile_is_shared_among_the_steps_it_covers(
    deploy_recording: Path, shared_dir: Path
) -> None:
    source = RecordedSource(deploy_recording)
    nine = NOW - timedelta(hours=3)
    found = source.select_series(
        '{pod="checkout-b"}', CPU_TYPE, nine, NOW, group_by=["pod"], step=timedelta(hours=1)
    )
    (series,) = found
    go = _go_cpu_total(shared_dir)
    rust = series.total - go  # Go 09:00-10:30 and Rust 10:30-12:00 are both wholly inside
    # (t - 1h, t]: 10:00 holds 2/3 of Go, 11:00 1/3 of Go and 1/3 of Rust, 12:00 2/3 of Rust.
    assert [p.timestamp.hour for p in series.points] == [10, 11, 12]
    assert [p.value for p in series.points] == pytest.approx(
        [go * 2 / 3, go / 3 + rust / 3, rust * 2 / 3]
    )
    # Only the part of a profile inside the range counts.
    (half,) = source.select_series(
        '{pod="checkout-b"}',
        CPU_TYPE,
        nine,
        nine + timedelta(minutes=45),
        group_by=[],
        step=timedelta(minutes=45),
    )
    assert half.total == pytest.approx(go / 2)


def test_group_by_and_limit_pick_the_heaviest_label_sets(
    deploy_recording: Path, shared_dir: Path
) -> None:
    source = RecordedSource(deploy_recording)
    six, step = NOW - timedelta(hours=6), timedelta(hours=6)
    by_pod = source.select_series("{}", CPU_TYPE, six, NOW, group_by=["pod"], step=step)
    # payments has no pod: its series has no pod label, as Pyroscope groups it.
    assert [s.labels for s in by_pod] == [{}, {"pod": "checkout-a"}, {"pod": "checkout-b"}]
    totals = {s.labels.get("pod", ""): s.total for s in by_pod}
    assert totals["checkout-a"] == pytest.approx(2 * _go_cpu_total(shared_dir))
    (top,) = source.select_series("{}", CPU_TYPE, six, NOW, group_by=["pod"], step=step, limit=1)
    assert top.labels == {"pod": "checkout-b"} and top.total == max(totals.values())
    two = source.select_series(
        CHECKOUT, CPU_TYPE, six, NOW, group_by=["pod", "service_git_ref"], step=step, limit=2
    )
    # Pod b after the deploy (Go and Rust), then before it (Rust); pod a has Go on each side.
    assert [s.labels for s in two] == [
        {"pod": "checkout-b", "service_git_ref": AFTER},
        {"pod": "checkout-b", "service_git_ref": BEFORE},
    ]


def test_a_step_that_does_not_divide_the_range_loses_its_tail_like_a_server(
    deploy_recording: Path,
) -> None:
    source = RecordedSource(deploy_recording)
    six = NOW - timedelta(hours=6)
    found = source.select_series(CHECKOUT, CPU_TYPE, six, NOW, group_by=[], step=timedelta(hours=4))
    (series,) = found
    assert [p.timestamp for p in series.points] == [six + timedelta(hours=4)]  # no point at 14:00
