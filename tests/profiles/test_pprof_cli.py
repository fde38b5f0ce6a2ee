"""The pprof tool wrapper: running pprof, and reading its -top text back into a TopTable."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from profile_insights.agent.errors import ProfileFormatError, ToolNotFoundError
from profile_insights.agent.profiles.pprof_cli import (
    PprofCommand,
    PprofTimeoutError,
    locate_pprof,
    parse_top_text,
    pprof_args,
    pprof_top_table,
    run_pprof,
    split_name_column,
    value_in_sample_unit,
)

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
    assert table.duration_nanos == 3600 * 10**9
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
        ("[libfoo.so]", ("[libfoo.so]", None, None)),
    ],
)
def test_name_column_split_only_takes_a_trailing_position(
    column: str, expected: tuple[str, str | None, int | None]
) -> None:
    assert split_name_column(column, lines=True) == expected
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
    if real is None:
        pytest.skip("the Go installation has no pkg/tool/*/pprof binary to link")
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
