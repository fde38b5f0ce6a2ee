"""The grounding verifier: only claims citing table rows and code that was read survive."""

from __future__ import annotations

from profile_insights.agent.analysis.models import Evidence, Finding
from profile_insights.agent.analysis.verify import verify, was_read
from profile_insights.agent.code.models import CodeWindow, SourceMatch
from profile_insights.agent.profiles.table import TopRow, TopTable

HOT = "github.com/acme/search/internal/query.Render"


def _table() -> TopTable:
    rows = [
        TopRow(
            rank=1,
            name=HOT,
            function=HOT,
            file="github.com/acme/search/internal/query/build.go",
            line=27,
            flat=60,
            flat_pct=60.0,
            sum_pct=60.0,
            cum=80,
            cum_pct=80.0,
        ),
        TopRow(
            rank=2,
            name="runtime.concatstrings",
            function="runtime.concatstrings",
            file="runtime/string.go",
            line=47,
            flat=20,
            flat_pct=20.0,
            sum_pct=80.0,
            cum=20,
            cum_pct=20.0,
        ),
    ]
    return TopTable(
        sample_type="alloc_space",
        sample_unit="bytes",
        total=100,
        shown=80,
        rows=rows,
        lines=True,
        cum_sort=True,
    )


def _matches() -> list[SourceMatch]:
    window = CodeWindow(
        path="internal/query/build.go",
        start_line=20,
        focus_line=27,
        lines=[f"line {n}" for n in range(20, 35)],
    )
    return [
        SourceMatch(
            function=HOT,
            profile_file="github.com/acme/search/internal/query/build.go",
            line=27,
            kind="in_repo",
            language="go",
            repo_path="internal/query/build.go",
            window=window,
        ),
        SourceMatch(
            function="runtime.concatstrings",
            profile_file="runtime/string.go",
            line=47,
            kind="runtime",
            language="go",
        ),
    ]


def _finding(
    title: str, evidence: list[Evidence], refs: list[str], saving: float | None = None
) -> Finding:
    return Finding(
        title=title,
        kind="allocation_pressure",
        explanation="e",
        recommendation="r",
        evidence=evidence,
        code_refs=refs,
        estimated_saving_pct=saving,
        source="model",
    )


def test_grounded_claims_are_kept_with_numbers_reread_and_savings_capped() -> None:
    finding = _finding(
        "concat",
        [Evidence(function=HOT, file="internal/query/build.go", line=27, cum_pct=99)],
        ["internal/query/build.go:27"],
        saving=95.0,
    )
    result = verify([finding], _table(), _matches())
    assert result.dropped_claims == 0
    kept = result.findings[0]
    assert kept.evidence[0].cum_pct == 80.0 and kept.evidence[0].flat_pct == 60.0
    assert kept.estimated_saving_pct == 80.0


def test_a_line_outside_every_window_read_is_dropped() -> None:
    finding = _finding("unread", [Evidence(function=HOT)], ["internal/query/build.go:99"])
    result = verify([finding], _table(), _matches())
    assert result.findings == [] and result.dropped_claims == 1
    assert "never read" in result.reasons[0]


def test_a_function_that_is_not_a_row_is_dropped() -> None:
    finding = _finding("invented", [Evidence(function="main.notThere")], [])
    assert verify([finding], _table(), _matches()).dropped_claims == 1


def test_a_row_cited_with_the_wrong_line_is_dropped() -> None:
    finding = _finding("wrong line", [Evidence(function=HOT, line=28)], [])
    assert verify([finding], _table(), _matches()).dropped_claims == 1


def test_library_rows_can_be_cited_without_code() -> None:
    finding = _finding("runtime", [Evidence(function="runtime.concatstrings")], [])
    result = verify([finding], _table(), _matches())
    assert result.dropped_claims == 0
    assert result.findings[0].evidence[0].file == "runtime/string.go"


def test_was_read_needs_path_and_line_inside_a_window() -> None:
    windows = [m.window for m in _matches() if m.window is not None]
    assert was_read("internal/query/build.go:34", windows)
    assert not was_read("internal/query/build.go:35", windows)
    assert not was_read("internal/query/other.go:27", windows)
    assert not was_read("build.go", windows)


def test_overlapping_windows_are_sent_to_the_model_once() -> None:
    from profile_insights.agent.analysis.model_prompt import merge_windows

    def window(path: str, start: int, focus: int) -> CodeWindow:
        return CodeWindow(
            path=path,
            start_line=start,
            focus_line=focus,
            lines=[f"{path} {n}" for n in range(start, start + 41)],
        )

    merged = merge_windows(
        [
            window("a.go", 12, 32),
            window("b.go", 1, 5),
            window("a.go", 25, 45),
            window("a.go", 200, 220),
        ]
    )
    assert [(e.path, e.start_line, e.end_line, e.focus_lines) for e in merged] == [
        ("a.go", 12, 65, [32, 45]),
        ("a.go", 200, 240, [220]),
        ("b.go", 1, 41, [5]),
    ]
    assert merged[0].lines == [f"a.go {n}" for n in range(12, 66)]
