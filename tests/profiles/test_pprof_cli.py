"""The pprof tool wrapper: running pprof, and reading its -top text back into a TopTable."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from profile_insights.agent.errors import ProfileFormatError, ToolFailedError, ToolNotFoundError
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.profiles.pprof_cli import (
    PprofCommand,
    PprofTimeoutError,
    locate_pprof,
    parse_top_text,
    pprof_args,
    pprof_top_table,
    run_pprof,
    split_name_column,
    symbolize_none_is_safe,
    value_in_sample_unit,
)
from profile_insights.agent.profiles.table import TopTable
from profile_insights.agent.profiles.top import format_top_table, top_table
from tests.conftest import require

CORPUS_DIRS = ("profiles", "pprof-conformance", "bench")


def is_top_report(output: object) -> bool:
    """Return True for the oracle files that hold a -top report."""
    return isinstance(output, str) and output.endswith((".top.txt", ".top-cum-lines.txt"))


def oracle_runs(shared: Path) -> list[tuple[Path, dict[str, object], dict[str, object]]]:
    """Return (oracle text, run record, decoded profile summary) for every successful run."""
    found = []
    for folder in CORPUS_DIRS:
        for meta_path in sorted((shared / folder).glob("*.oracle.json")):
            meta = json.loads(meta_path.read_text())
            for run in meta["runs"]:
                output = run.get("output")
                if run["exit_code"] == 0 and is_top_report(output):
                    found.append((meta_path.parent / str(output), run, meta["profile"]))
    return found


def selected_type(run: dict[str, object], profile: dict[str, object]) -> tuple[int, str]:
    """Return the index and unit of the sample type pprof showed in a run (pprof §4 rule)."""
    types = profile["sample_types"]
    assert isinstance(types, list)
    wanted = None
    for arg in run["args"]:  # type: ignore[attr-defined]
        if str(arg).startswith("-sample_index="):
            wanted = str(arg).split("=", 1)[1]
    if wanted is None:
        wanted = str(profile.get("default_sample_type") or "")
    names = [t["type"] for t in types]
    index = names.index(wanted) if wanted in names else len(types) - 1
    return index, str(types[index]["unit"])


def rounding_tolerance(display_unit: str, sample_unit: str) -> float:
    """Return the largest error %.2f printing can introduce, in the sample unit."""
    return value_in_sample_unit(f"0.0051{display_unit}", sample_unit) + 1e-9


def test_every_oracle_parses_with_all_rows_and_the_exact_total(shared_dir: Path) -> None:
    runs = oracle_runs(shared_dir)
    assert len(runs) >= 150
    for text_path, run, profile in runs:
        text = text_path.read_text()
        lines = "-lines" in run["args"]  # type: ignore[operator]
        index, unit = selected_type(run, profile)
        table = parse_top_text(text, lines=lines, cum_sort="-cum" in run["args"], sample_unit=unit)  # type: ignore[operator]
        body = text.split("   cum%\n", 1)[1]
        assert len(table.rows) == len(body.splitlines()), text_path.name
        exact_total = profile["sum_abs_values"][index]  # type: ignore[index]
        tolerance = rounding_tolerance(table.display_unit, unit)
        assert abs(table.total - exact_total) <= tolerance, (text_path.name, table.total)
        assert table.lines == lines
        assert [r.rank for r in table.rows] == list(range(1, len(table.rows) + 1))


def test_basic_cpu_values_are_read_back_in_nanoseconds(shared_dir: Path) -> None:
    text = (shared_dir / "pprof-conformance/basic_cpu.pb.gz.top.txt").read_text()
    table = parse_top_text(text, lines=False, cum_sort=False)
    assert table.file_name == "server"
    assert table.build_id == "0123456789abcdef0123456789abcdef01234567"
    assert table.build_ids == [table.build_id]
    assert table.sample_type == "cpu" and table.sample_unit == "nanoseconds"
    assert table.display_unit == "ms"
    assert table.total == 660e6 and table.shown == 660e6
    assert table.duration_nanos == 10 * 10**9
    assert table.time_nanos == 1767225600 * 10**9  # Jan 1, 2026 at 12:00am (UTC)
    first = table.rows[0]
    assert (first.function, first.flat, first.flat_pct, first.sum_pct) == (
        "main.parse",
        400e6,
        60.61,
        60.61,
    )
    assert [r.function for r in table.rows] == [
        "main.parse",
        "main.encode",
        "main.handle",
        "main.main",
    ]
    assert table.rows[-1].cum_pct == 100.0


def test_lines_rows_split_function_file_and_line(shared_dir: Path) -> None:
    text = (shared_dir / "pprof-conformance/basic_cpu.pb.gz.top-cum-lines.txt").read_text()
    table = parse_top_text(text, lines=True, cum_sort=True)
    assert table.cum_sort and table.lines
    row = table.rows[2]
    assert row.name == "main.parse /src/app/parse.go:10"
    assert (row.function, row.file, row.line) == ("main.parse", "/src/app/parse.go", 10)


def test_header_of_the_pyroscope_export_keeps_the_json_build_id(shared_dir: Path) -> None:
    path = (
        shared_dir / "profiles/pyroscope_heap_inuse_space_go_buildid_gitref.pb.gz.top-cum-lines.txt"
    )
    table = parse_top_text(path.read_text(), lines=True, cum_sort=True)
    assert table.file_name == "pyroscope"
    assert table.build_id == (
        '{"repository":"https://github.com/grafana/pyroscope","git_ref":"14f90bfbb"}'
    )
    assert table.display_unit == "TB" and table.sample_unit == "bytes"
    assert table.dropped_nodes == 4990
    assert table.dropped_cutoff == pytest.approx(0.07 * 1024**4)
    # "3600s" (not "1hrs") means the duration was just under an hour (exactly 3599.999 s).
    assert table.duration_nanos == 3600 * 10**9 - 1
    generic = [
        r for r in table.rows if r.function.startswith("connectrpc.com/connect.NewUnaryHandler[")
    ]
    assert generic and all(r.file == "connectrpc.com/connect@v1.14.0/handler.go" for r in generic)


def test_comments_and_inline_labels_are_read(shared_dir: Path) -> None:
    java = parse_top_text(
        (
            shared_dir / "profiles/pyroscope_cpu_java_asyncprofiler.pb.gz.top-cum-lines.txt"
        ).read_text()
    )
    assert java.comments == ["async-profiler"]
    assert java.lines  # inferred from the FILE:LINE column
    assert java.rows[0].function == "java/lang/Thread.run"
    assert (java.rows[0].file, java.rows[0].line) == (None, 829)
    lines = parse_top_text(
        (shared_dir / "pprof-conformance/inline_frames.pb.gz.top-cum-lines.txt").read_text()
    )
    helper = [r for r in lines.rows if r.function == "main.helper"]
    assert [(r.line, r.inline) for r in helper] == [(5, "inline"), (6, "")]
    functions = parse_top_text(
        (shared_dir / "pprof-conformance/inline_frames.pb.gz.top.txt").read_text()
    )
    assert not functions.lines
    by_name = {r.function: r.inline for r in functions.rows}
    assert by_name["main.helper"] == "partial-inline"
    assert by_name["strings.IndexByte"] == "inline"
    assert not any(r.name.endswith("inline)") for r in functions.rows)


def test_units_are_converted_back_to_the_sample_unit(shared_dir: Path) -> None:
    node = parse_top_text(
        (shared_dir / "profiles/pyroscope_wall_nodejs_rideshare.pb.gz.top.txt").read_text(),
        sample_unit="microseconds",
    )
    assert node.total == pytest.approx(39_670_000)
    assert node.rows[0].function == ":(idle):0"
    widgets = parse_top_text(
        (shared_dir / "pprof-conformance/nonstandard_units.pb.gz.top.txt").read_text()
    )
    assert widgets.display_unit == "widgets" and widgets.sample_unit == "widgets"
    assert widgets.total == 1234656 and widgets.dropped_cutoff == 6173
    hours = parse_top_text((shared_dir / "pprof-conformance/time_units.pb.gz.top.txt").read_text())
    assert hours.duration_nanos == 3600 * 10**9 and hours.rows[0].flat == 7200e9
    assert value_in_sample_unit("1024.25kB", "bytes") == 1024.25 * 1024
    assert value_in_sample_unit("2GB", "kilobytes") == 2 * 1024**2
    assert value_in_sample_unit("0", "nanoseconds") == 0
    assert value_in_sample_unit("1.5s", "milliseconds") == 1500


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        ("main.parse /src/app/parse.go:10", ("main.parse", "/src/app/parse.go", 10)),
        ("main.b /src/app/b.go", ("main.b", "/src/app/b.go", None)),
        ("main.c :9", ("main.c", None, 9)),
        ("src/f3.cc:13", ("", "src/f3.cc", 13)),
        ("ns::Widget::draw const src/f1.cc:11", ("ns::Widget::draw const", "src/f1.cc", 11)),
        ("backtrace_rs.rs:23 - ::trace", ("backtrace_rs.rs:23 - ::trace", None, None)),
        (":0 - __rust_try", (":0 - __rust_try", None, None)),
        (":(idle):0", (":(idle):0", None, None)),
        (
            "node:_http_common:parserOnHeadersComplete:119 node:_http_common:119",
            ("node:_http_common:parserOnHeadersComplete:119", "node:_http_common", 119),
        ),
        (
            "flask/app.py:-1 - run flask/app.py:612",
            ("flask/app.py:-1 - run", "flask/app.py", 612),
        ),
        ("clock_settime ?", ("clock_settime", "?", None)),
        (
            "Microsoft.AspNetCore.Routing!EndpointMiddleware.Invoke Microsoft.AspNetCore.Routing",
            (
                "Microsoft.AspNetCore.Routing!EndpointMiddleware.Invoke",
                "Microsoft.AspNetCore.Routing",
                None,
            ),
        ),
        (
            "kafka/server/ReplicaManager$$Lambda_.apply",
            ("kafka/server/ReplicaManager$$Lambda_.apply", None, None),
        ),
        ("[libfoo.so]", ("", None, None)),
        ("[[vdso]]", ("", None, None)),
        ("<unknown>", ("", None, None)),
    ],
)
def test_name_column_split_only_takes_a_trailing_position(
    column: str, expected: tuple[str, str | None, int | None]
) -> None:
    assert split_name_column(column, lines=True) == expected
    if expected[0]:
        assert split_name_column(column, lines=False) == (column, None, None)


def test_text_that_is_not_a_top_report_is_refused() -> None:
    with pytest.raises(ProfileFormatError, match="not a pprof -top report"):
        parse_top_text("hello\nworld\n")


def test_pprof_args_follow_the_options() -> None:
    assert pprof_args() == ["-lines", "-top", "-cum"]
    assert pprof_args(lines=False, cum=False) == ["-top"]
    assert pprof_args(sample_index="alloc_space", nodecount=3, symbolize=False) == [
        "-sample_index=alloc_space",
        "-nodecount=3",
        "-symbolize=none",
        "-lines",
        "-top",
        "-cum",
    ]


def test_missing_pprof_and_go_raise_tool_not_found_with_install_advice(tmp_path: Path) -> None:
    with pytest.raises(ToolNotFoundError) as caught:
        locate_pprof(path_env=str(tmp_path))
    assert "golang-go" in str(caught.value)
    assert "go install github.com/google/pprof@latest" in str(caught.value)


def test_standalone_pprof_is_preferred_over_go_tool(tmp_path: Path, go_binary: str) -> None:
    (tmp_path / "go").symlink_to(go_binary)
    assert locate_pprof(path_env=str(tmp_path)).argv == (str(tmp_path / "go"), "tool", "pprof")
    tool = Path(go_binary).resolve().parent.parent / "pkg" / "tool"
    real = next(tool.glob("*/pprof"), None)
    require(real is not None, "the Go installation has no pkg/tool/*/pprof binary to link")
    assert real is not None
    (tmp_path / "pprof").symlink_to(real)
    assert locate_pprof(path_env=str(tmp_path)).argv == (str(tmp_path / "pprof"),)


# Real pprof runs -----------------------------------------------------------------------------

SAMPLE_OF_CORPUS = [
    "pprof-conformance/basic_cpu.pb.gz",
    "pprof-conformance/inline_frames.pb.gz",
    "pprof-conformance/cxx_and_script_names.pb.gz",
    "pprof-conformance/comments_and_doc_url.pb.gz",
    "profiles/pyroscope_cpu_python_rideshare_flask.pb.gz",
    "profiles/pyroscope_cpu_rust_rideshare.pb.gz",
    "profiles/pyroscope_heap_go_4types.pb.gz",
    "profiles/pyroscope_multi_dotnet_labels.pb",
]


@pytest.fixture(scope="module")
def go_pprof(go_binary: str) -> PprofCommand:
    return PprofCommand((go_binary, "tool", "pprof"))


@pytest.mark.integration
@pytest.mark.parametrize("relative", SAMPLE_OF_CORPUS)
def test_go_tool_pprof_reproduces_the_stored_oracle(
    relative: str, shared_dir: Path, go_pprof: PprofCommand
) -> None:
    profile = shared_dir / relative
    meta = json.loads(Path(f"{profile}.oracle.json").read_text())
    runs = [r for r in meta["runs"] if r["exit_code"] == 0 and is_top_report(r["output"])][:4]
    assert runs
    for run in runs:
        text = run_pprof(profile, run["args"], command=go_pprof)
        oracle = (profile.parent / run["output"]).read_text()
        assert text == oracle, run["command"]
        lines = "-lines" in run["args"]
        assert parse_top_text(text, lines=lines) == parse_top_text(oracle, lines=lines)


@pytest.mark.integration
def test_pprof_top_table_runs_with_a_node_limit_and_bytes_input(
    shared_dir: Path, go_pprof: PprofCommand
) -> None:
    data = (shared_dir / "profiles/pyroscope_heap_go_4types.pb.gz").read_bytes()
    table = pprof_top_table(data, sample_index="alloc_space", nodecount=3, command=go_pprof)
    assert len(table.rows) == 3
    assert table.node_limit_shown == 3 and table.node_limit_total is not None
    assert table.node_limit_total > 3
    assert table.sample_type == "alloc_space" and table.lines and table.cum_sort


@pytest.mark.integration
def test_a_relative_profile_path_is_read_from_the_callers_directory(
    shared_dir: Path, go_pprof: PprofCommand, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(shared_dir / "pprof-conformance")
    text = run_pprof(Path("basic_cpu.pb.gz"), ["-top"], command=go_pprof)
    assert text == Path("basic_cpu.pb.gz.top.txt").read_text()


@pytest.mark.integration
def test_time_header_is_utc_whatever_the_callers_zone(
    shared_dir: Path, go_pprof: PprofCommand, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    monkeypatch.setenv("PPROF_BINARY_PATH", str(shared_dir))
    text = run_pprof(shared_dir / "pprof-conformance/basic_cpu.pb.gz", ["-top"], command=go_pprof)
    assert "Time: Jan 1, 2026 at 12:00am (UTC)" in text
    assert os.environ["TZ"] == "America/New_York"


@pytest.mark.integration
@pytest.mark.parametrize(
    ("relative", "args", "reason"),
    [
        (
            "profiles/pyroscope_malformed_dotnet_funcid0.pb",
            ["-top"],
            "found function with reserved ID=0",
        ),
        ("pprof-conformance/empty_no_sample_types.pb.gz", ["-top"], "profile has no samples"),
        (
            "pprof-conformance/basic_cpu.pb.gz",
            ["-sample_index=bogus", "-top"],
            'sample_index "bogus"',
        ),
        ("README.md", ["-top"], "unrecognized profile format"),
    ],
)
def test_pprof_failures_become_profile_format_errors_with_pprofs_reason(
    relative: str, args: list[str], reason: str, shared_dir: Path, go_pprof: PprofCommand
) -> None:
    path = shared_dir / ("pprof-conformance" if relative == "README.md" else "") / relative
    with pytest.raises(ProfileFormatError) as caught:
        run_pprof(path, args, command=go_pprof)
    assert reason in str(caught.value)
    assert "failed to fetch any source profiles" not in str(caught.value)


@pytest.mark.integration
def test_a_slow_pprof_run_is_stopped_with_a_typed_timeout(
    shared_dir: Path, go_pprof: PprofCommand
) -> None:
    with pytest.raises(PprofTimeoutError, match="did not finish"):
        run_pprof(
            shared_dir / "bench/synthetic_go_cpu_large.pb.gz",
            ["-top"],
            command=go_pprof,
            timeout=0.2,
        )


def test_missing_profile_file_is_reported(tmp_path: Path) -> None:
    go = shutil.which("go") or "go"
    with pytest.raises(ProfileFormatError, match="not found"):
        run_pprof(tmp_path / "absent.pb.gz", ["-top"], command=PprofCommand((go, "tool", "pprof")))


# Both paths: the native reader and the pprof tool --------------------------------------------


ROW_IDENTITY = ("rank", "name", "function", "file", "line", "inline")
HEADER_IDENTITY = (
    "file_name",
    "build_id",
    "comments",
    "sample_type",
    "sample_unit",
    "display_unit",
    "dropped_nodes",
    "node_limit_shown",
    "node_limit_total",
    "lines",
    "cum_sort",
)


def run_options(run: dict[str, object]) -> dict[str, object]:
    """Return top_table keyword arguments equivalent to an oracle run's pprof flags."""
    args = [str(a) for a in run["args"]]  # type: ignore[attr-defined]
    index = next((a.split("=", 1)[1] for a in args if a.startswith("-sample_index=")), None)
    return {"sample_index": index, "lines": "-lines" in args, "cum": "-cum" in args}


def assert_same_table(native: TopTable, parsed: TopTable, label: str) -> None:
    """Assert two tables agree: identities exactly, numbers within the printed rounding."""
    assert len(native.rows) == len(parsed.rows), label
    for ours, theirs in zip(native.rows, parsed.rows, strict=True):
        for field in ROW_IDENTITY:
            assert getattr(ours, field) == getattr(theirs, field), (label, field, ours, theirs)
    for field in HEADER_IDENTITY:
        assert getattr(native, field) == getattr(parsed, field), (label, field)
    if native.time_nanos is not None:
        # pprof prints the time to the minute.
        assert parsed.time_nanos is not None
        assert 0 <= native.time_nanos - parsed.time_nanos < 60 * 10**9, label
    # Every number (values, percentages, totals, units) printed identically means the numbers
    # agree within the rounding of the text.
    assert format_top_table(native) == format_top_table(parsed), label


def corpus_reports(shared: Path) -> list[tuple[Path, dict[str, object], dict[str, object]]]:
    """Return every oracle report except the 13-second large benchmark profile's."""
    return [
        (path, run, profile)
        for path, run, profile in oracle_runs(shared)
        if "synthetic_go_cpu_large" not in path.name
    ]


@pytest.mark.slow
def test_native_tables_equal_the_parsed_oracles_of_the_whole_corpus(shared_dir: Path) -> None:
    decoded: dict[Path, object] = {}
    compared = 0
    for text_path, run, _profile in corpus_reports(shared_dir):
        source = shared_dir / text_path.parent.name / str(run["command"]).rsplit(" ", 1)[1]
        if source not in decoded:
            decoded[source] = decode_profile(source.read_bytes(), name=source.name)
        options = run_options(run)
        native = top_table(decoded[source], **options)  # type: ignore[arg-type]
        text = text_path.read_text()
        parsed = parse_top_text(
            text,
            lines=bool(options["lines"]),
            cum_sort=bool(options["cum"]),
            sample_unit=native.sample_unit,
        )
        assert_same_table(native, parsed, text_path.name)
        assert format_top_table(parsed) == text, text_path.name  # the parse loses nothing
        compared += 1
    assert compared >= 200


@pytest.mark.slow
@pytest.mark.integration
def test_native_reader_and_go_tool_pprof_agree_on_the_corpus(
    shared_dir: Path, go_pprof: PprofCommand
) -> None:
    compared = 0
    for folder in ("profiles", "pprof-conformance"):
        for source in sorted((shared_dir / folder).glob("*.pb*")):
            if not source.name.endswith((".pb", ".pb.gz")):
                continue
            meta = json.loads(Path(f"{source}.oracle.json").read_text())
            data = source.read_bytes()
            try:
                profile = decode_profile(data, name=source.name)
            except ProfileFormatError as native_error:
                with pytest.raises(ProfileFormatError) as pprof_error:
                    pprof_top_table(source, command=go_pprof)
                reason = native_error.message.split(": ", 1)[1]
                assert reason in str(pprof_error.value), source.name
                continue
            for run in meta["runs"]:
                if not is_top_report(run.get("output")) or run["exit_code"] != 0:
                    continue
                options = run_options(run)
                native = top_table(profile, **options)  # type: ignore[arg-type]
                via_pprof = pprof_top_table(
                    data,
                    sample_index=options["sample_index"],  # type: ignore[arg-type]
                    lines=bool(options["lines"]),
                    cum=bool(options["cum"]),
                    sample_unit=native.sample_unit,
                    command=go_pprof,
                )
                assert_same_table(native, via_pprof, f"{source.name} {run['args']}")
                compared += 1
    assert compared >= 150


@pytest.mark.integration
@pytest.mark.parametrize(
    ("relative", "safe"),
    [
        ("profiles/googlepprof_cpu_go_sample.pb.gz", True),
        ("profiles/pyroscope_cpu_ebpf_rust_native_buildids.pb.gz", True),
        ("pprof-conformance/basic_cpu.pb.gz", True),
        ("pprof-conformance/cxx_and_script_names.pb.gz", False),
        ("pprof-conformance/mangled_names.pb.gz", False),
        ("profiles/pyroscope_cpu_rust_rideshare.pb.gz", False),
    ],
)
def test_symbolize_none_is_used_only_when_it_cannot_change_the_text(
    relative: str, safe: bool, shared_dir: Path, go_pprof: PprofCommand
) -> None:
    path = shared_dir / relative
    assert symbolize_none_is_safe(decode_profile(path.read_bytes(), name=path.name)) is safe
    oracle = parse_top_text(Path(f"{path}.top-cum-lines.txt").read_text(), lines=True)
    auto = pprof_top_table(path, symbolize="auto", command=go_pprof)
    assert auto == oracle
    forced = pprof_top_table(path, symbolize=False, command=go_pprof)
    assert (forced == oracle) is safe


def test_a_pprof_that_prints_no_top_table_is_a_tool_failure(shared_dir: Path) -> None:
    # A wrapper script or a broken install on PATH; the error said "Pass the stdout of
    # `pprof -top`", advice for someone parsing text, not for someone running --pprof.
    stand_in = PprofCommand(("/bin/echo", "not pprof:"))
    profile = shared_dir / "profiles" / "pyroscope_cpu_go_labels.pb.gz"

    with pytest.raises(ToolFailedError) as caught:
        pprof_top_table(profile, command=stand_in)

    assert "/bin/echo not pprof:" in caught.value.message
    assert "built-in reader" in caught.value.hint
