"""The byte-level answer of one stored profile equals the protobuf path's, table for table."""

from __future__ import annotations

from pathlib import Path

import pytest

from profile_insights.agent.profiles.combine import (
    encode_pprof,
    merge_profiles,
    sample_types,
    select_sample_type,
)
from profile_insights.agent.profiles.decode import decode_profile, decompressed
from profile_insights.agent.profiles.decoded import decoded_profile
from profile_insights.agent.profiles.frames import prepare
from profile_insights.agent.profiles.sample_type_bytes import keep_sample_type
from profile_insights.agent.profiles.top import format_top_table, top_table

PROFILES = [
    "pyroscope_cpu_go_labels.pb.gz",  # samples/count + cpu/nanoseconds, labels
    "pyroscope_heap_go_4types.pb.gz",  # four heap types
    "pyroscope_cpu_rust_rideshare.pb.gz",  # one type
]
TIME = 1_795_600_000_000_000_000
DURATION = 3_600_000_000_000


def _protobuf_answer(data: bytes, sample_type: str) -> bytes:
    selected = select_sample_type(decode_profile(data, name="p"), sample_type)
    merged = merge_profiles([selected])
    merged.duration_nanos = DURATION
    merged.time_nanos = TIME
    return encode_pprof(merged)


@pytest.mark.parametrize("name", PROFILES)
def test_keeping_a_sample_type_by_bytes_gives_the_protobuf_paths_table(
    name: str, shared_dir: Path
) -> None:
    data = (shared_dir / "profiles" / name).read_bytes()
    decoded = decoded_profile(data, name=name)
    for index, (sample_type, _) in enumerate(sample_types(decoded.header)):
        assert decoded.source is not None
        answer = keep_sample_type(
            decoded.source,
            decoded.header,
            decoded.columns,
            index,
            time_nanos=TIME,
            duration_nanos=DURATION,
        )
        assert answer is not None
        data_out, header, columns = answer
        fast = decode_profile(data_out, name=name)  # the bytes are a valid profile on their own
        assert sample_types(fast) == [sample_types(decoded.header)[index]]
        assert (fast.time_nanos, fast.duration_nanos, fast.default_sample_type) == (
            TIME,
            DURATION,
            0,
        )
        # The columns handed on are those of the bytes: the table from either is the same.
        from_columns = top_table(header, lines=True, cum=True, prepared=prepare(header, columns))
        from_bytes = top_table(fast, lines=True, cum=True)
        slow = decode_profile(_protobuf_answer(data, sample_type), name=name)
        from_protobuf = top_table(slow, lines=True, cum=True)
        assert format_top_table(from_columns) == format_top_table(from_bytes)
        assert format_top_table(from_bytes) == format_top_table(from_protobuf)


def test_the_answer_drops_samples_left_at_zero(shared_dir: Path) -> None:
    data = (shared_dir / "profiles" / "pyroscope_heap_go_4types.pb.gz").read_bytes()
    decoded = decoded_profile(data, name="heap")
    inuse = decoded.sample_type_names.index("inuse_space")
    assert decoded.source is not None
    answer = keep_sample_type(
        decoded.source, decoded.header, decoded.columns, inuse, time_nanos=1, duration_nanos=1
    )
    assert answer is not None
    profile = decode_profile(answer[0], name="heap")
    kept = int((decoded.columns.values[:, inuse] != 0).sum())
    assert (
        len(profile.sample)
        == kept
        < len(decode_profile(decompressed(data, name="h"), name="h").sample)
    )
    assert all(sample.value[0] != 0 for sample in profile.sample)
