"""Scorers: compare one report (its documented JSON form) with a case's ground truth.

Every scorer is a pure function of the expected facts, the report and what the run did (the
:class:`Trace`); none needs a model. A score is *deterministic* when, with no chat model, the
same inputs always give the same result; CI requires all of those to pass. Model calls, tokens
and wall time are measurements, not pass/fail scores.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from profile_insights.agent.profiles.table import TopRow
from profile_insights.evals.case_models import Expected, ExpectedHot
from profile_insights.evals.grounding import score_grounded
from profile_insights.evals.investigation_scoring import score_investigation
from profile_insights.evals.scores import CaseResult, Score, Trace, report_rows

#: Words that name each problem kind in free text, for reports whose findings carry no kind.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "cpu_hotspot": ("cpu", "hot loop", "compute"),
    "allocation_pressure": ("alloc",),
    "retained_memory": ("retain", "in use", "inuse", "resident", "held", "holding", "never evict"),
    "lock_contention": ("lock", "mutex", "contention"),
    "channel_blocking": ("channel", "block"),
    "goroutine_leak": ("goroutine",),
    "gc_pressure": ("garbage collect", "gc "),
    "compression": ("compress", "gzip", "flate", "deflate"),
    "serialization": ("serializ", "json", "encode", "marshal"),
}


def _in_range(line: Any, line_range: tuple[int, int] | None) -> bool:
    if line_range is None:
        return True
    return isinstance(line, int) and line_range[0] <= line <= line_range[1]


def score_service(expected: Expected, report: Mapping[str, Any]) -> Score:
    """Pass when the report analysed exactly the expected service."""
    services = list(report.get("services") or [])
    return Score(
        name="service",
        passed=services == [expected.service],
        value=services,
        detail=f"expected [{expected.service}]",
    )


def score_profile_type(expected: Expected, report: Mapping[str, Any]) -> Score:
    """Pass when the report used the expected profile type (or none, when it must be missing)."""
    chosen = report.get("profile_type")
    if expected.profile_type is None:
        passed = not report.get("hot_functions")
        return Score(name="profile_type", passed=passed, value=chosen, detail="expected no data")
    return Score(
        name="profile_type",
        passed=chosen == expected.profile_type,
        value=chosen,
        detail=f"expected {expected.profile_type}",
    )


def hot_function_rank(hot: ExpectedHot, report: Mapping[str, Any]) -> int | None:
    """Return the best rank at which the report lists the function, or None."""
    ranks = [int(row["rank"]) for row in report_rows(report) if row.get("function") == hot.function]
    return min(ranks) if ranks else None


def score_hot_ranks(expected: Expected, report: Mapping[str, Any]) -> list[Score]:
    """Score, per expected hot function, that it is ranked within its ``max_rank``."""
    scores = []
    for hot in expected.hot_functions:
        rank = hot_function_rank(hot, report)
        scores.append(
            Score(
                name=f"rank:{hot.function.rsplit('/', 1)[-1]}",
                passed=rank is not None and rank <= hot.max_rank,
                value=rank,
                detail=f"expected rank <= {hot.max_rank}",
            )
        )
    return scores


def score_file_lines(expected: Expected, report: Mapping[str, Any]) -> list[Score]:
    """Score, per expected hot function, that a row names its file and a line in its range."""
    scores = []
    for hot in expected.hot_functions:
        rows = [
            row
            for row in report_rows(report)
            if row.get("function") == hot.function and int(row.get("rank", 0)) <= hot.max_rank
        ]
        good = [
            row
            for row in rows
            if row.get("file") == hot.file and _in_range(row.get("line"), hot.line_range)
        ]
        seen = [f"{row.get('file')}:{row.get('line')}" for row in rows[:3]]
        scores.append(
            Score(
                name=f"file_line:{hot.function.rsplit('/', 1)[-1]}",
                passed=bool(good),
                value=seen,
                detail=f"expected {hot.file}:{hot.line_range}",
            )
        )
    return scores


def _finding_text(finding: Mapping[str, Any]) -> str:
    parts = [str(finding.get(key, "")) for key in ("title", "explanation", "recommendation")]
    return " ".join(parts).lower()


#: The expected kind must be among this many leading findings (the report orders them by
#: expected impact): a kind named only far down the list is not the report's diagnosis.
KIND_WITHIN = 3


def score_problem_kind(expected: Expected, report: Mapping[str, Any]) -> Score | None:
    """Pass when one of the first findings has the expected kind (or names it, if kind-less)."""
    if expected.problem_kind is None:
        return None
    findings = [f for f in report.get("findings") or [] if isinstance(f, dict)][:KIND_WITHIN]
    kinds = [str(f.get("kind", "")) for f in findings]
    words = KIND_WORDS.get(expected.problem_kind, (expected.problem_kind,))
    named = expected.problem_kind in kinds or any(
        not f.get("kind") and any(word in _finding_text(f) for word in words) for f in findings
    )
    return Score(
        name="problem_kind",
        passed=named,
        value=kinds,
        detail=f"expected {expected.problem_kind} among the first {KIND_WITHIN} findings",
    )


def score_diagnosis(expected: Expected, report: Mapping[str, Any]) -> Score | None:
    """Pass when every keyword group has a word in the summary or a finding (scenarios' rule)."""
    if not expected.keyword_groups:
        return None
    findings = [f for f in report.get("findings") or [] if isinstance(f, dict)]
    text = " ".join([str(report.get("summary", "")).lower(), *map(_finding_text, findings)])
    missing = [
        group for group in expected.keyword_groups if not any(w.lower() in text for w in group)
    ]
    return Score(
        name="diagnosis",
        passed=not missing,
        value=len(expected.keyword_groups) - len(missing),
        detail=f"no word of {missing[:2]}" if missing else "every keyword group matched",
    )


def score_transitions(expected: Expected, report: Mapping[str, Any], trace: Trace) -> list[Score]:
    """Score the trajectory: merge attempts, and which questions were asked."""
    attempts = len((report.get("time_range") or {}).get("attempts") or [])
    want = expected.transitions
    asked_service = "choose_service" in trace.questions
    asked_config = "configure_connection" in trace.questions
    scores = [
        Score(
            name="attempts",
            passed=expected.profile_type is None or attempts == want.attempts,
            value=attempts,
            detail=f"expected {want.attempts}",
        ),
        Score(
            name="service_question",
            passed=asked_service == want.service_question,
            value=asked_service,
            detail=f"expected {want.service_question}",
        ),
        Score(
            name="configuration_question",
            passed=asked_config == want.configuration_question,
            value=asked_config,
            detail=f"expected {want.configuration_question}",
        ),
        Score(
            name="refused_answers",
            passed=trace.refused_answers == want.refused_answers,
            value=trace.refused_answers,
            detail=f"expected {want.refused_answers}",
        ),
    ]
    return scores


def score_git(expected: Expected, report: Mapping[str, Any]) -> Score | None:
    """Pass when the git-ref status (and the changed hot files) are the expected ones."""
    if expected.git_status is None:
        return None
    git = report.get("git") or {}
    status = git.get("status")
    changed = set((git.get("changed_files") or {}).keys())
    missing = sorted(set(expected.changed_files) - changed)
    return Score(
        name="git_ref",
        passed=status == expected.git_status and not missing,
        value=status,
        detail=f"expected {expected.git_status}"
        + (f"; changed files not reported: {', '.join(missing)}" if missing else ""),
    )


def score_outcome(expected: Expected, report: Mapping[str, Any]) -> Score | None:
    """Pass when the report ends the expected way (e.g. no_recent_data after widening)."""
    if expected.outcome is None:
        return None
    outcome = report.get("outcome")
    return Score(
        name="outcome",
        passed=outcome == expected.outcome,
        value=outcome,
        detail=f"expected {expected.outcome}",
    )


def score_missing_type(expected: Expected, report: Mapping[str, Any]) -> Score | None:
    """Pass when a report about a missing profile type says so and names the type."""
    if expected.missing_profile_type is None:
        return None
    text = " ".join(
        [str(report.get("summary", "")), *[str(n) for n in report.get("notes") or []]]
    ).lower()
    outcome = report.get("outcome")
    # "never_sent": the service has other types but not this one; "missing_type": the server
    # has no such type at all. Either way the report must name the type that is missing.
    passed = (
        outcome in ("missing_type", "never_sent") and expected.missing_profile_type.lower() in text
    )
    return Score(
        name="missing_type",
        passed=passed,
        value=outcome,
        detail=f"expected a missing-type outcome naming {expected.missing_profile_type}",
    )


def score_oracle(
    expected: Expected, report: Mapping[str, Any], oracle_rows: Sequence[TopRow]
) -> Score | None:
    """Pass when the report's rows of pprof rank 1..N are the oracle table's first N rows.

    Each row keeps its rank in pprof's table, and the report lists the checkout's lines first:
    a row of rank <= N may be left out only when the table was cut after them (no row outside
    the checkout of a later pprof rank is shown), and a row the report shows must carry the
    oracle's rank for its function and line.
    """
    if expected.oracle is None:
        return None
    want = [(row.function or row.name, row.line) for row in oracle_rows[: expected.oracle_rows]]
    rows = report_rows(report)
    by_rank = {int(row.get("pprof_rank") or row.get("rank", 0)): row for row in rows}
    got = [
        (by_rank[rank].get("function"), by_rank[rank].get("line")) if rank in by_rank else None
        for rank in range(1, len(want) + 1)
    ]
    shown = {(row.get("function"), row.get("line")): rank for rank, row in by_rank.items()}
    last_outside = max((rank for rank, row in by_rank.items() if not row.get("in_repo")), default=0)
    problems = [
        f"rank {rank} is {got[rank - 1]}"
        for rank in range(1, len(want) + 1)
        if got[rank - 1] is not None and got[rank - 1] != want[rank - 1]
    ]
    problems += [
        f"{fn}:{line} is shown as rank {shown[(fn, line)]}, pprof's rank {rank}"
        for rank, (fn, line) in enumerate(want, start=1)
        if (fn, line) in shown and shown[(fn, line)] != rank
    ]
    problems += [
        f"rank {rank} is left out but rank {last_outside} is shown"
        for rank in range(1, len(want) + 1)
        if got[rank - 1] is None and want[rank - 1] not in shown and last_outside > rank
    ]
    return Score(
        name="oracle_top_rows",
        passed=bool(want) and bool(rows) and not problems,
        value=got,
        detail=f"expected {want}" + (f": {'; '.join(problems[:3])}" if problems else ""),
    )


def score_case(
    name: str,
    expected: Expected,
    report: Mapping[str, Any] | None,
    trace: Trace,
    repo: Path,
    oracle_rows: Sequence[TopRow] = (),
) -> CaseResult:
    """Run every scorer that applies to the case and combine them into a result."""
    if report is None:
        return CaseResult(
            name=name,
            passed=False,
            scores=[Score(name="report", passed=False, detail=trace.error or "no report")],
            wall_seconds=trace.wall_seconds,
            error=trace.error,
        )
    scores: list[Score] = [score_service(expected, report), score_profile_type(expected, report)]
    scores += score_hot_ranks(expected, report)
    scores += score_file_lines(expected, report)
    optional = [
        score_problem_kind(expected, report),
        score_git(expected, report),
        score_missing_type(expected, report),
        score_outcome(expected, report),
        score_diagnosis(expected, report),
        score_oracle(expected, report, oracle_rows),
    ]
    scores += [score for score in optional if score is not None]
    scores.append(score_grounded(report, repo))
    scores += score_transitions(expected, report, trace)
    scores += score_investigation(expected, report, trace)
    llm = report.get("llm") or {}
    return CaseResult(
        name=name,
        passed=all(score.passed for score in scores),
        scores=scores,
        model_calls=int(llm.get("calls", 0)),
        input_tokens=int(llm.get("input_tokens", 0)),
        output_tokens=int(llm.get("output_tokens", 0)),
        wall_seconds=trace.wall_seconds,
        error=trace.error,
    )
