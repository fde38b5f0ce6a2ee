"""The pieces of pprof's text report: units, percentages, names, sample types, node limits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from profile_insights.agent.cli.app import main
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.profiles.demangle import rewrite_function_name
from profile_insights.agent.profiles.filenames import go_base, go_clean
from profile_insights.agent.profiles.table import TopTable
from profile_insights.agent.profiles.top import (
    SampleIndexError,
    format_top_table,
    resolve_sample_index,
    top_table,
)
from profile_insights.agent.profiles.units import format_time, percentage, scaled_label


@pytest.mark.parametrize(
    ("value", "unit", "target", "text"),
    [
        (0, "nanoseconds", "ms", "0"),
        (10_000_000, "nanoseconds", "ms", "10ms"),
        (40_000_000, "nanoseconds", "s", "0.04s"),
        (69_730_000, "bytes", "MB", "66.50MB"),
        (4096, "bytes", "kB", "4kB"),
        (90_000_000_000, "nanoseconds", "minimum", "90s"),
        (3_600_000_000_000, "nanoseconds", "minimum", "1hrs"),
        (1234567, "widgets", "widgets", "1234567widgets"),
        (13666, "count", "count", "13666"),
        (-3 * 1024 * 1024, "bytes", "MB", "-3MB"),
    ],
)
def test_values_scale_like_pprof(value: int, unit: str, target: str, text: str) -> None:
    assert scaled_label(value, unit, target) == text


@pytest.mark.parametrize(
    ("value", "total", "text"),
    [
        (1, 1, "  100%"),
        (9996, 10000, "  100%"),
        (7275, 10000, "72.75%"),
        (613, 10000, " 6.13%"),
        (6, 1000, "  0.6%"),
        (19, 100000, "0.019%"),
        (0, 5, "    0%"),
        (5, 0, "    0%"),
        (-3, 8, "37.50%"),
    ],
)
def test_percentages_format_like_pprof(value: int, total: int, text: str) -> None:
    assert percentage(value, total) == text


def test_time_uses_gos_twelve_hour_layout_in_utc() -> None:
    assert format_time(1_767_225_600_000_000_000) == "Jan 1, 2026 at 12:00am (UTC)"
    assert format_time(1_795_112_100_000_000_000) == "Nov 19, 2026 at 6:15pm (UTC)"


@pytest.mark.parametrize(
    ("name", "rewritten"),
    [
        ("std::vector<int, std::allocator<int> >::push_back(int const&)", "std::vector::push_back"),
        ("ns::Widget::draw(Canvas&) const", "ns::Widget::draw const"),
        ("(anonymous namespace)::helper(int)", "::helper"),
        ("<module>", ""),
        ("app.py:<lambda>", "app.py:"),
        ("Java.lang.Thread.run()", "Java.lang.Thread.run()"),
        ("github.com/acme/x.(*Set[...]).Add", "github.com/acme/x.(*Set[...]).Add"),
        ("java/util/HashMap.<init>", "java/util/HashMap.<init>"),
        ("_ZN2ns6Widget4drawER6Canvas", "ns::Widget::draw"),
        ("_ZNSt6vectorIiSaIiEE9push_backERKi", "std::vector::push_back"),
        ("_Z3fooi", "foo"),
        ("_ZN4core3fmt5write17h0f1e2d3c4b5a6978E", "core::fmt::write"),
        ("_ZNKSt9basic_iosIcSt11char_traitsIcEEcvPvEv", "std::basic_ios::operator void*"),
        ("_ZNSdC1Ev", "std::basic_iostream::basic_iostream"),
        ("_ZNSt8ios_base7failureB5cxx11D1Ev", "std::ios_base::failure[abi:cxx11]::~failure"),
        ("_ZThn16_NSdD0Ev", "non-virtual thunk to std::basic_iostream::~basic_iostream()"),
        ("_ZTv0_n24_NSiD1Ev", "virtual thunk to std::basic_istream::~basic_istream()"),
        (
            "_ZZN4llvm3pdb18SymbolDenseMapInfo15getTombstoneKeyEvE9Tombstone",
            "llvm::pdb::SymbolDenseMapInfo::getTombstoneKey()::Tombstone",
        ),
        ("_ZGTtNKSt9exception4whatEv", "transaction clone for std::exception::what() const"),
        ("_ZTIDi", "typeinfo for char32_t"),
        (
            "conn.rs:986 - <hyper::server::conn::ProtoServer<T,B,S,E> as core::Future>::poll",
            "conn.rs:986 - ::poll",
        ),
    ],
)
def test_function_names_are_rewritten_like_pprof(name: str, rewritten: str) -> None:
    assert rewrite_function_name(name, name) == rewritten


def test_unparseable_mangled_names_are_kept_whatever_their_shape() -> None:
    deep = "_Z" + "P" * 20000 + "i"
    assert rewrite_function_name(deep, deep) == deep
    assert rewrite_function_name("_ZN3foo", "_ZN3foo") == "_ZN3foo"


def test_names_differing_from_system_names_are_kept() -> None:
    assert rewrite_function_name("a::b(int)", "_ZN1a1bEi") == "a::b(int)"


def test_paths_follow_go_filepath_rules() -> None:
    assert go_clean("/src//app/./pkg/../pkg/a.go") == "/src/app/pkg/a.go"
    assert go_clean("//x/../y") == "/y"
    assert go_clean("a/../..") == ".."
    assert go_base("/usr/lib/libc.so.6") == "libc.so.6"
    assert go_base("dir/") == "dir"


def _read(shared_dir: Path, name: str) -> bytes:
    return (shared_dir / "profiles" / name).read_bytes()


def test_sample_index_default_and_names(shared_dir: Path) -> None:
    heap = decode_profile(_read(shared_dir, "pyroscope_heap_go_4types.pb.gz"), name="heap")
    assert resolve_sample_index(heap, None) == 1  # default_sample_type alloc_space
    assert resolve_sample_index(heap, "inuse_space") == 3
    assert resolve_sample_index(heap, "0") == 0
    assert resolve_sample_index(heap, 2) == 2


def test_bad_sample_index_raises_pprofs_message(shared_dir: Path) -> None:
    heap = decode_profile(_read(shared_dir, "pyroscope_heap_go_4types.pb.gz"), name="heap")
    with pytest.raises(SampleIndexError) as raised:
        top_table(heap, sample_index="bogus")
    assert raised.value.message == (
        'sample_index "bogus" must be one of: [alloc_objects alloc_space inuse_objects inuse_space]'
    )
    with pytest.raises(SampleIndexError, match=r"sample_index 9 is outside the range \[0..3\]"):
        top_table(heap, sample_index=9)


def test_table_survives_a_json_round_trip(shared_dir: Path) -> None:
    name = "pyroscope_cpu_ebpf_rust_native_buildids.pb.gz"
    profile = decode_profile(_read(shared_dir, name), name="x")
    table = top_table(profile, lines=True, cum=True)
    again = TopTable.model_validate_json(table.model_dump_json())
    assert format_top_table(again) == format_top_table(table)
    assert len(table.build_ids) == 3 and table.rows[0].rank == 1


@pytest.mark.integration
def test_nodecount_matches_pprof(go_binary: str, shared_dir: Path, tmp_path: Path) -> None:
    path = shared_dir / "profiles" / "pyroscope_heap_go_4types.pb.gz"
    expected = subprocess.run(
        [go_binary, "tool", "pprof", "-top", "-lines", "-nodecount=7", str(path)],
        check=True,
        capture_output=True,
        text=True,
        env={"HOME": str(tmp_path), "PATH": os.environ["PATH"], "TZ": "UTC"},
        timeout=120,
    ).stdout
    table = top_table(decode_profile(path.read_bytes(), name=path.name), lines=True, nodecount=7)
    assert "Showing top 7 nodes out of" in expected
    assert format_top_table(table).splitlines() == expected.splitlines()


def test_cli_prints_the_pprof_layout(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = shared_dir / "pprof-conformance" / "inline_frames.pb.gz"
    assert main(["top", str(path), "--lines", "--cum"]) == 0
    expected = shared_dir / "pprof-conformance" / "inline_frames.pb.gz.top-cum-lines.txt"
    assert capsys.readouterr().out == expected.read_text()


def test_cli_json_output_is_a_top_table(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = shared_dir / "pprof-conformance" / "basic_cpu.pb.gz"
    assert main(["top", str(path), "--json", "--sample-index", "samples"]) == 0
    table = TopTable.model_validate_json(capsys.readouterr().out)
    assert table.sample_type == "samples" and table.total == 66


def test_cli_refuses_bad_input_without_traceback(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = shared_dir / "profiles" / "pyroscope_malformed_dotnet_funcid0.pb"
    assert main(["top", str(bad)]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "found function with reserved ID=0" in err and "Traceback" not in err


def test_cli_subprocess_reports_a_bad_sample_index(shared_dir: Path) -> None:
    path = shared_dir / "pprof-conformance" / "basic_cpu.pb.gz"
    done = subprocess.run(
        [sys.executable, "-m", "profile_insights.agent.cli.app", "top", str(path), "--sample-index",
         "bogus"],
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    assert 'sample_index "bogus" must be one of' in done.stderr
    assert "Traceback" not in done.stderr
