"""The scorers judge a report's JSON form against a case's ground truth, without a model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from profile_insights.agent.profiles.table import TopRow
from profile_insights.evals.case_models import Expected
from profile_insights.evals.grounding import score_grounded
from profile_insights.evals.scores import Trace
from profile_insights.evals.scoring import (
    score_case,
    score_file_lines,
    score_hot_ranks,
    score_oracle,
    score_problem_kind,
    score_transitions,
)

HOT = "github.com/acme/checkout/internal/pricing.validCoupon"


def _expected(**overrides: Any) -> Expected:
    data: dict[str, Any] = {
        "service": "checkout",
        "profile_type": "process_cpu:cpu:nanoseconds:cpu:nanoseconds",
        "hot_functions": [
            {
                "function": HOT,
                "file": "internal/pricing/pricing.go",
                "line_range": [60, 67],
                "max_rank": 5,
            }
        ],
        "problem_kind": "cpu_hotspot",
        "git_status": "matches_head",
    }
    data.update(overrides)
    return Expected.model_validate(data)


def _report(**overrides: Any) -> dict[str, Any]:
    report: dict[str, Any] = {
        "services": ["checkout"],
        "profile_type": "process_cpu:cpu:nanoseconds:cpu:nanoseconds",
        "outcome": "report",
        "time_range": {"attempts": [{"from": "now-1h", "to": "now", "empty": False}]},
        "git": {"status": "matches_head", "changed_files": {}},
        "hot_functions": [
            {
                "rank": 1,
                "function": "main.main.func1",
                "file": "cmd/checkout/main.go",
                "line": 38,
                "in_repo": True,
            },
            {
                "rank": 4,
                "function": HOT,
                "file": "internal/pricing/pricing.go",
                "line": 61,
                "in_repo": True,
            },
        ],
        "findings": [
            {
                "title": "Regexp compiled per call",
                "kind": "cpu_hotspot",
                "explanation": "x",
                "recommendation": "y",
                "evidence": [{"function": HOT, "file": "internal/pricing/pricing.go", "line": 61}],
                "code_refs": ["internal/pricing/pricing.go:61"],
                "snippets": [
                    {
                        "path": "internal/pricing/pricing.go",
                        "start_line": 55,
                        "focus_line": 61,
                        "text": "\n".join(["x"] * 10),
                    }
                ],
            }
        ],
        "llm": {"calls": 0, "input_tokens": 0, "output_tokens": 0},
    }
    report.update(overrides)
    return report


def _repo(tmp_path: Path) -> Path:
    (tmp_path / "internal/pricing").mkdir(parents=True)
    (tmp_path / "internal/pricing/pricing.go").write_text("\n" * 70)
    (tmp_path / "cmd/checkout").mkdir(parents=True)
    (tmp_path / "cmd/checkout/main.go").write_text("\n" * 50)
    return tmp_path


def test_a_correct_report_passes_every_score(tmp_path: Path) -> None:
    result = score_case("demo", _expected(), _report(), Trace(), _repo(tmp_path))
    assert result.passed, [s for s in result.scores if not s.passed]
    assert {s.name for s in result.scores} >= {
        "service",
        "profile_type",
        "problem_kind",
        "grounded",
        "attempts",
        "git_ref",
    }


def test_rank_beyond_max_rank_fails_and_reports_the_rank() -> None:
    [score] = score_hot_ranks(
        _expected(
            hot_functions=[
                {
                    "function": HOT,
                    "file": "internal/pricing/pricing.go",
                    "line_range": [60, 67],
                    "max_rank": 3,
                }
            ]
        ),
        _report(),
    )
    assert not score.passed and score.value == 4


def test_line_outside_the_function_range_fails_file_line() -> None:
    report = _report()
    report["hot_functions"][1]["line"] = 80
    [score] = score_file_lines(_expected(), report)
    assert not score.passed


def test_code_ref_that_was_never_read_is_not_grounded(tmp_path: Path) -> None:
    report = _report()
    report["findings"][0]["code_refs"] = ["internal/pricing/pricing.go:20"]
    score = score_grounded(report, _repo(tmp_path))
    assert not score.passed and "was not read" in score.detail


def test_code_ref_to_a_missing_file_is_not_grounded(tmp_path: Path) -> None:
    report = _report()
    report["findings"][0]["code_refs"] = ["internal/pricing/nope.go:61"]
    assert not score_grounded(report, _repo(tmp_path)).passed


def test_problem_kind_falls_back_to_words_for_findings_without_a_kind() -> None:
    report = _report()
    report["findings"][0]["kind"] = ""
    report["findings"][0]["title"] = "Lock contention on the ledger mutex"
    named = score_problem_kind(_expected(problem_kind="lock_contention"), report)
    other = score_problem_kind(_expected(problem_kind="compression"), report)
    assert named is not None and named.passed
    assert other is not None and not other.passed


def test_a_kind_named_only_below_the_first_three_findings_fails() -> None:
    report = _report()
    first = report["findings"][0]
    others = [{**first, "kind": "allocation_pressure"} for _ in range(3)]
    report["findings"] = [*others, {**first, "kind": "cpu_hotspot"}]
    score = score_problem_kind(_expected(problem_kind="cpu_hotspot"), report)
    assert score is not None and not score.passed
    report["findings"] = [*others[:2], {**first, "kind": "cpu_hotspot"}]
    score = score_problem_kind(_expected(problem_kind="cpu_hotspot"), report)
    assert score is not None and score.passed


def test_an_unasked_service_question_fails_the_transition_score() -> None:
    expected = _expected(transitions={"attempts": 2, "service_question": True})
    scores = {s.name: s for s in score_transitions(expected, _report(), Trace())}
    assert not scores["attempts"].passed
    assert not scores["service_question"].passed
    assert scores["configuration_question"].passed


def test_oracle_rows_must_lead_the_report_in_order() -> None:
    rows = [
        TopRow(rank=i, name=f, function=f, line=n, flat=0, flat_pct=0, sum_pct=0, cum=0, cum_pct=0)
        for i, (f, n) in enumerate([("main.main.func1", 38), (HOT, 61)], start=1)
    ]
    expected = _expected(oracle="profiles/x.txt", oracle_rows=2)
    before = score_oracle(expected, _report(), rows)
    assert before is not None and not before.passed  # rank 4 is not rank 2
    report = _report()
    report["hot_functions"][1]["rank"] = 2
    after = score_oracle(expected, report, rows)
    assert after is not None and after.passed


def _oracle_rows(*names: tuple[str, int]) -> list[TopRow]:
    return [
        TopRow(rank=i, name=f, function=f, line=n, flat=0, flat_pct=0, sum_pct=0, cum=0, cum_pct=0)
        for i, (f, n) in enumerate(names, start=1)
    ]


def _row(rank: int, pprof_rank: int, function: str, line: int, in_repo: bool) -> dict[str, Any]:
    return {
        "rank": rank,
        "pprof_rank": pprof_rank,
        "function": function,
        "line": line,
        "in_repo": in_repo,
    }


def test_oracle_rows_cut_after_the_checkouts_lines_may_be_left_out() -> None:
    # A table full of checkout lines (listed first) has no room for pprof's leading rows.
    rows = _oracle_rows(("flask.run", 612), ("lib/server.py <module>", 54), ("run_simple", 1109))
    expected = _expected(oracle="profiles/x.txt", oracle_rows=3)
    report = _report(
        hot_functions=[
            _row(1, 22, "find_nearest_vehicle", 32, True),
            _row(2, 2, "lib/server.py <module>", 54, True),
        ]
    )

    score = score_oracle(expected, report, rows)

    assert score is not None and score.passed, score


def test_an_oracle_row_skipped_for_a_later_row_outside_the_checkout_fails() -> None:
    rows = _oracle_rows(("flask.run", 612), ("lib/server.py <module>", 54), ("run_simple", 1109))
    expected = _expected(oracle="profiles/x.txt", oracle_rows=3)
    report = _report(
        hot_functions=[
            _row(1, 2, "lib/server.py <module>", 54, True),
            _row(2, 3, "run_simple", 1109, False),  # rank 1 (flask.run) was skipped
        ]
    )

    score = score_oracle(expected, report, rows)

    assert score is not None and not score.passed
    assert "rank 1 is left out but rank 3 is shown" in score.detail


def test_a_missing_report_fails_with_the_error() -> None:
    result = score_case("x", _expected(), None, Trace(error="boom"), Path("."))
    assert not result.passed and result.error == "boom"


def test_outcome_and_missing_type_scores_read_the_report_outcome() -> None:
    from profile_insights.evals.scoring import score_missing_type, score_outcome

    expected = _expected(
        profile_type=None, hot_functions=[], problem_kind=None, missing_profile_type="mutex"
    )
    report = _report(
        outcome="never_sent",
        hot_functions=[],
        summary="checkout never sent mutex profiles; enable them in the SDK.",
    )
    missing = score_missing_type(expected, report)
    assert missing is not None and missing.passed
    assert not score_missing_type(expected, _report(summary="CPU only")).passed  # type: ignore[union-attr]
    recent = _expected(outcome="no_recent_data")
    assert not score_outcome(recent, report).passed  # type: ignore[union-attr]
    assert score_outcome(recent, _report(outcome="no_recent_data")).passed  # type: ignore[union-attr]


def test_git_score_requires_every_expected_changed_file() -> None:
    from profile_insights.evals.scoring import score_git

    expected = _expected(git_status="behind_head", changed_files=["internal/pricing/pricing.go"])
    behind = {"status": "behind_head", "changed_files": {"internal/pricing/pricing.go": ["abc x"]}}
    assert score_git(expected, _report(git=behind)).passed  # type: ignore[union-attr]
    silent = {"status": "behind_head", "changed_files": {}}
    assert not score_git(expected, _report(git=silent)).passed  # type: ignore[union-attr]
