"""pprof's text output is read back into the same table the native reader builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from profile_insights.agent.errors import ProfileFormatError
from profile_insights.agent.profiles.pprof_text import parse_top_text, split_name_column
from profile_insights.agent.profiles.text_values import value_in_sample_unit
from tests.profiles.oracles import (
    oracle_runs,
    rounding_tolerance,
    selected_type,
)


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
