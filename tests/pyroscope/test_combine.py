"""Merging pprof profiles and selecting one sample type (agent/profiles/combine.py).

Kept with the Pyroscope tests because the merge is the byte side of answering a query.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from profile_insights.agent.errors import ProfileFormatError
from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.combine import (
    encode_pprof,
    has_samples,
    merge_profiles,
    sample_types,
    select_sample_type,
)
from profile_insights.agent.profiles.decode import decode_profile

from .conftest import GO_CPU, GO_HEAP, RUST_CPU


def _load(shared_dir: Path, name: str) -> profile_pb2.Profile:
    return decode_profile((shared_dir / "profiles" / name).read_bytes(), name=name)


def _total(profile: profile_pb2.Profile, index: int = 0) -> int:
    return sum(sample.value[index] for sample in profile.sample)


def test_merging_a_profile_with_itself_doubles_every_sample(shared_dir: Path) -> None:
    original = _load(shared_dir, GO_CPU)
    once = merge_profiles([original])
    twice = merge_profiles([original, original])
    assert len(twice.sample) == len(once.sample)
    assert len(twice.function) == len(once.function)
    assert len(twice.location) == len(once.location)
    assert len(twice.mapping) == len(once.mapping) == 1
    assert [list(s.value) for s in twice.sample] == [[2 * v for v in s.value] for s in once.sample]
    assert twice.duration_nanos == 2 * original.duration_nanos
    assert twice.time_nanos == original.time_nanos
    assert twice.period == original.period
    assert sample_types(twice) == [("samples", "count"), ("cpu", "nanoseconds")]


def test_merge_deduplicates_functions_across_different_profiles(shared_dir: Path) -> None:
    go = select_sample_type(_load(shared_dir, GO_CPU), "cpu")
    rust = _load(shared_dir, RUST_CPU)
    merged = merge_profiles([go, rust])
    names = {merged.string_table[f.name] for f in merged.function}
    go_names = {go.string_table[f.name] for f in go.function}
    rust_names = {rust.string_table[f.name] for f in rust.function}
    assert names == go_names | rust_names
    assert len(merged.function) == len(names)
    assert _total(merged) == _total(go) + _total(rust)
    assert (
        merged.string_table[merged.mapping[0].filename] == go.string_table[go.mapping[0].filename]
    )


def test_select_sample_type_keeps_only_that_column(shared_dir: Path) -> None:
    heap = _load(shared_dir, GO_HEAP)
    alloc = select_sample_type(heap, "alloc_space", "bytes")
    assert sample_types(alloc) == [("alloc_space", "bytes")]
    column = [t for t, _ in sample_types(heap)].index("alloc_space")
    assert _total(alloc) == sum(s.value[column] for s in heap.sample)
    assert all(len(s.value) == 1 and s.value[0] != 0 for s in alloc.sample)
    with pytest.raises(ProfileFormatError, match="inuse_space/bytes"):
        select_sample_type(heap, "cpu")


def test_different_sample_types_cannot_be_merged(shared_dir: Path) -> None:
    with pytest.raises(ProfileFormatError, match="different sample types"):
        merge_profiles([_load(shared_dir, GO_CPU), _load(shared_dir, RUST_CPU)])


def test_empty_inputs_give_an_empty_profile() -> None:
    assert encode_pprof(merge_profiles([])) == b""
    assert encode_pprof(merge_profiles([profile_pb2.Profile()])) == b""
    assert not has_samples(profile_pb2.Profile())


def test_garbage_is_a_profile_format_error() -> None:
    with pytest.raises(ProfileFormatError):
        decode_profile(b"\x1f\x8bnot gzip at all", name="profile")
    with pytest.raises(ProfileFormatError):
        decode_profile(b"\xff\xff\xff\xff", name="profile")


@pytest.mark.integration
def test_go_tool_pprof_reads_the_merged_profile_with_doubled_total(
    shared_dir: Path, go_binary: str, tmp_path: Path
) -> None:
    original = _load(shared_dir, GO_CPU)
    merged_path = tmp_path / "merged.pb.gz"
    merged_path.write_bytes(encode_pprof(merge_profiles([original, original]), compress=True))

    def total_line(path: Path) -> str:
        result = subprocess.run(
            [
                go_binary,
                "tool",
                "pprof",
                "-symbolize=none",
                "-sample_index=cpu",
                "-top",
                "-nodecount=1",
                str(path),
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        return next(line for line in result.stdout.splitlines() if "total" in line)

    single = total_line(shared_dir / "profiles" / GO_CPU)
    doubled = total_line(merged_path)
    assert single.split(" of ")[1] != doubled.split(" of ")[1]
    # e.g. "... of 1.28s total" for the original becomes "... of 2.56s total"
    single_total = float(single.split(" of ")[1].split("s total")[0])
    doubled_total = float(doubled.split(" of ")[1].split("s total")[0])
    assert doubled_total == pytest.approx(2 * single_total, rel=0.01)
