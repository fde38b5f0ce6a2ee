"""Decoding refuses what pprof refuses, with pprof's reason, and reads every encoding."""

from __future__ import annotations

import gzip
import random
import subprocess
from pathlib import Path

import numpy as np
import pytest

from profile_insights.agent.errors import ProfileFormatError
from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.columns import columns_from_raw, parse_raw, sample_columns
from profile_insights.agent.profiles.decode import (
    decode_profile,
    decode_profile_with_columns,
    gunzip_capped,
    read_profile_file,
)
from profile_insights.agent.profiles.frames import prepare
from profile_insights.agent.profiles.top import format_top_table, top_table


def _profile() -> profile_pb2.Profile:
    """Return a small valid CPU profile: main -> work, one inlined frame."""
    p = profile_pb2.Profile()
    p.string_table.extend(
        ["", "samples", "count", "cpu", "nanoseconds", "main", "work", "m.go", "/bin/app"]
    )
    p.sample_type.add(type=1, unit=2)
    p.sample_type.add(type=3, unit=4)
    p.mapping.add(id=1, filename=8, has_functions=True)
    p.function.add(id=1, name=5, system_name=5, filename=7)
    p.function.add(id=2, name=6, system_name=6, filename=7)
    p.location.add(id=1, mapping_id=1).line.add(function_id=1, line=3)
    loc = p.location.add(id=2, mapping_id=1)
    loc.line.add(function_id=2, line=9)
    loc.line.add(function_id=1, line=4)
    p.sample.add(location_id=[2, 1], value=[3, 30_000_000])
    p.sample.add(location_id=[1], value=[1, 10_000_000])
    p.time_nanos = 1_767_225_600_000_000_000
    return p


def _refusal(data: bytes, name: str = "prof.pb") -> str:
    with pytest.raises(ProfileFormatError) as raised:
        decode_profile(data, name=name)
    return raised.value.message


def test_decodes_raw_and_gzipped_bytes_alike() -> None:
    raw = _profile().SerializeToString()
    assert decode_profile(raw, name="a") == decode_profile(gzip.compress(raw), name="a")


def test_empty_input_is_refused_like_pprof() -> None:
    assert _refusal(b"") == "prof.pb: parsing profile: empty input file"


def test_bytes_that_are_not_a_profile_are_unrecognized() -> None:
    assert _refusal(b"this is not a profile\n") == (
        "prof.pb: parsing profile: unrecognized profile format"
    )


def test_a_field_declaring_two_gigabytes_is_refused_without_reading_them() -> None:
    # string_table (field 6, length-delimited) claiming 2**31 bytes, followed by three.
    declared = b"\x32\x80\x80\x80\x80\x08abc"
    expected = "prof.pb: parsing profile: unrecognized profile format"  # go tool pprof's words
    assert _refusal(declared) == expected
    assert _refusal(gzip.compress(declared)) == expected


def test_string_index_out_of_range_is_unrecognized_like_pprof() -> None:
    p = _profile()
    p.function[0].name = 99
    assert _refusal(p.SerializeToString()).endswith("unrecognized profile format")


def test_strings_that_are_not_utf8_are_read_with_replacements() -> None:
    data = _profile().SerializeToString().replace(b"\x04work", b"\x04w\xffrk")
    for full in (True, False):
        profile, columns = decode_profile_with_columns(data, name="x", full=full)
        table = top_table(profile, prepared=prepare(profile, columns))
        assert [row.name for row in table.rows] == ["w\ufffdrk", "main"]
        assert profile.time_nanos == 1_767_225_600_000_000_000


def test_first_string_must_be_empty() -> None:
    p = _profile()
    p.string_table[0] = "x"
    assert _refusal(p.SerializeToString()).endswith("unrecognized profile format")


def test_concatenated_profiles_are_refused() -> None:
    data = _profile().SerializeToString() + _profile().SerializeToString()
    assert _refusal(data) == "prof.pb: parsing profile: concatenated profiles detected"


def test_truncated_gzip_is_refused() -> None:
    data = gzip.compress(_profile().SerializeToString())
    message = _refusal(data[: len(data) // 2], name="cut.pb.gz")
    assert message.startswith("cut.pb.gz: decompressing profile:")


def test_gzip_over_the_size_cap_is_refused_without_inflating_it() -> None:
    bomb = gzip.compress(b"\0" * (8 * 1024 * 1024))
    with pytest.raises(ProfileFormatError, match="more than 1048576 bytes"):
        gunzip_capped(bomb, name="bomb.pb.gz", max_bytes=1024 * 1024)


def test_multi_member_gzip_is_read_whole_like_go() -> None:
    raw = _profile().SerializeToString()
    data = gzip.compress(raw[:10]) + gzip.compress(raw[10:])
    assert gunzip_capped(data, name="x") == raw


def test_function_id_zero_is_malformed() -> None:
    p = _profile()
    p.function[1].id = 0
    assert _refusal(p.SerializeToString()) == (
        "prof.pb: malformed profile: found function with reserved ID=0"
    )


def test_line_without_function_is_malformed() -> None:
    p = _profile()
    p.location[0].line[0].function_id = 7
    assert _refusal(p.SerializeToString()) == (
        "prof.pb: malformed profile: location id: 1 has a line with nil function"
    )


def test_sample_value_count_must_match_sample_types() -> None:
    p = _profile()
    p.sample[1].value.append(5)
    assert _refusal(p.SerializeToString()) == (
        "prof.pb: malformed profile: mismatch: sample has 3 values vs. 2 types"
    )


def test_sample_with_unknown_location_is_malformed() -> None:
    p = _profile()
    p.sample[0].location_id.append(42)
    assert _refusal(p.SerializeToString()).endswith("sample has nil location")


def test_duplicate_location_ids_are_malformed() -> None:
    p = _profile()
    p.location.add(id=2, mapping_id=1).line.add(function_id=2, line=1)
    assert _refusal(p.SerializeToString()).endswith("multiple locations with same id: 2")


def test_profile_without_sample_types_has_no_samples() -> None:
    p = profile_pb2.Profile()
    p.string_table.append("")
    p.time_nanos = 5
    assert _refusal(p.SerializeToString()) == "prof.pb: profile has no samples"


def test_unreadable_file_is_a_profile_format_error(tmp_path: Path) -> None:
    with pytest.raises(ProfileFormatError, match="cannot read the file"):
        read_profile_file(tmp_path / "missing.pb.gz")


def _varint(value: int) -> bytes:
    value &= (1 << 64) - 1
    out = bytearray()
    while True:
        low = value & 0x7F
        value >>= 7
        if value:
            out.append(low | 0x80)
        else:
            out.append(low)
            return bytes(out)


def _unpacked(profile: profile_pb2.Profile) -> bytes:
    """Serialise with every sample's location_id and value unpacked (pprof's short lists)."""
    body = bytearray()
    for sample in profile.sample:
        fields = bytearray()
        for location in sample.location_id:
            fields += b"\x08" + _varint(location)
        for value in sample.value:
            fields += b"\x10" + _varint(value)
        body += b"\x12" + _varint(len(fields)) + fields
    rest = profile_pb2.Profile()
    rest.CopyFrom(profile)
    del rest.sample[:]
    return bytes(body) + rest.SerializeToString()


def test_unpacked_repeated_fields_decode_like_packed_ones() -> None:
    p = _profile()
    p.sample.add(location_id=[2, 1], value=[-2, -20_000_000])
    fast = columns_from_raw(parse_raw(_unpacked(p)), 2)
    canonical = sample_columns(p)
    assert np.array_equal(fast.stack_locations, canonical.stack_locations)
    assert np.array_equal(fast.values, canonical.values)
    assert fast.values[2].tolist() == [-2, -20_000_000]


def test_go_written_profile_reads_the_same_as_the_original(
    go_binary: str, shared_dir: Path, tmp_path: Path
) -> None:
    # pprof's own encoder writes lists of one or two entries unpacked.
    source = shared_dir / "profiles" / "pyroscope_mutex_go.pb.gz"
    target = tmp_path / "rewritten.pb.gz"
    subprocess.run(
        [go_binary, "tool", "pprof", "-proto", "-output", str(target), str(source)],
        check=True,
        capture_output=True,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "PPROF_BINARY_PATH": str(tmp_path)},
        timeout=120,
    )
    tables = []
    for path in (source, target):
        profile, columns = decode_profile_with_columns(path.read_bytes(), name=path.name)
        tables.append(format_top_table(top_table(profile, lines=True, cum=True)))
    assert tables[0].splitlines()[1:] == tables[1].splitlines()[1:]


def test_corrupted_profiles_fail_cleanly_and_alike_in_both_modes(shared_dir: Path) -> None:
    seeds = [
        gzip.decompress((shared_dir / "pprof-conformance" / f"{name}.pb.gz").read_bytes())
        for name in ("basic_cpu", "inline_frames", "drop_frames", "labels_ignored")
    ]
    rng = random.Random(1)
    for _ in range(300):
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 3)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        outcomes = []
        for full in (True, False):
            try:
                profile, columns = decode_profile_with_columns(bytes(data), name="x", full=full)
            except ProfileFormatError as error:
                outcomes.append(error.message)
                continue
            table = top_table(profile, lines=True, cum=True, prepared=prepare(profile, columns))
            outcomes.append(format_top_table(table))
        assert outcomes[0] == outcomes[1]
