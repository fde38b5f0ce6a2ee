"""Scorers of comparative cases: the verdict and the grower, the breakdown, the follow-up, trends.

Like :mod:`scoring`, each is a pure function of the expected block and the report's JSON form.
A comparison passes when the verdict is right, the planted function is the top grower with the
right file and a grown line at the new ref, the commit that planted it is listed (and no
unrelated one), the windows and refs are the expected ones, and the diagnosis names the problem
and its fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from profile_insights.evals.case_models import Expected
from profile_insights.evals.investigation_models import (
    ExpectedBaselineQuestion,
    ExpectedBreakdown,
    ExpectedComparison,
    ExpectedFollowUp,
    ExpectedFunction,
    ExpectedServer,
    ExpectedSide,
    ExpectedTrend,
)
from profile_insights.evals.scores import Score, Trace

#: How far a reported share may be from the expected one (points).
SHARE_TOLERANCE = 2.0


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _same_function(got: Mapping[str, Any], want: ExpectedFunction, line: Any) -> bool:
    file = str(got.get("file") or "")
    return (
        got.get("function") == want.function
        and (file == want.file or file.endswith("/" + want.file))
        and isinstance(line, int)
        and want.line_range[0] <= line <= want.line_range[1]
    )


def _side(name: str, got: Mapping[str, Any], want: ExpectedSide) -> Score:
    refs = [str(ref) for ref in got.get("git_refs") or []]
    ref_ok = want.git_ref is None or any(ref.startswith(want.git_ref[:12]) for ref in refs)
    try:
        start, end = _time(str(got.get("from"))), _time(str(got.get("to")))
        overlap = start <= _time(want.to) and end >= _time(want.from_)
    except ValueError:
        overlap = False
    return Score(
        name=f"comparison_{name}",
        passed=ref_ok and overlap,
        value={"refs": refs, "from": got.get("from"), "to": got.get("to")},
        detail=f"expected ref {want.git_ref} overlapping {want.from_}..{want.to}",
    )


def _text(report: Mapping[str, Any]) -> str:
    parts = [str(report.get("summary") or "")]
    for finding in report.get("findings") or []:
        parts += [str(finding.get(key) or "") for key in ("title", "explanation", "recommendation")]
    return " ".join(parts).lower()


def score_comparison(want: ExpectedComparison, report: Mapping[str, Any]) -> list[Score]:
    """Score a comparison: verdict, sides, top grower and its lines, commits, diagnosis."""
    got = report.get("comparison") or {}
    scores = [
        Score(
            name="verdict",
            passed=got.get("verdict") == want.verdict,
            value=got.get("verdict"),
            detail=f"expected {want.verdict}",
        ),
        _side("baseline", got.get("baseline") or {}, want.baseline),
        _side("current", got.get("current") or {}, want.current),
    ]
    grown = [g for g in got.get("grown") or [] if not g.get("shrank")]
    if want.top_grower is None:
        scores.append(
            Score(
                name="top_grower",
                passed=not grown,
                value=[g["change"]["function"] for g in grown],
                detail="expected no function to have grown",
            )
        )
    else:
        top = grown[0]["change"] if grown else {}
        lines = [line.get("line") for line in (grown[0].get("lines") or [])[:2]] if grown else []
        scores.append(
            Score(
                name="top_grower",
                passed=bool(top) and _same_function(top, want.top_grower, top.get("line")),
                value={k: top.get(k) for k in ("function", "file", "line")},
                detail=f"expected {want.top_grower.function} in {want.top_grower.file}",
            )
        )
        if want.top_grower.grown_lines:
            scores.append(
                Score(
                    name="grown_lines",
                    passed=any(line in want.top_grower.grown_lines for line in lines),
                    value=lines,
                    detail=f"expected one of {want.top_grower.grown_lines}",
                )
            )
    listed = [str(commit.get("hash")) for commit in got.get("commits") or []]
    if want.commit is not None:
        scores.append(
            Score(
                name="commit",
                passed=want.commit.hash in listed,
                value=listed,
                detail=f"expected {want.commit.hash[:9]} ({want.commit.subject})",
            )
        )
    if want.unrelated_commits:
        wrong = [h for h in want.unrelated_commits if h in listed]
        scores.append(
            Score(
                name="unrelated_commits", passed=not wrong, value=wrong, detail="must not be listed"
            )
        )
    if want.load_change is not None:
        scores.append(
            Score(
                name="load_change",
                passed=got.get("load_change") == want.load_change,
                value=got.get("load_change"),
                detail=f"expected {want.load_change}",
            )
        )
    if want.keyword_groups:
        text = _text(report)
        missing = [g for g in want.keyword_groups if not any(w.lower() in text for w in g)]
        scores.append(
            Score(
                name="comparison_diagnosis",
                passed=not missing,
                value=missing,
                detail="every keyword group needs a word in the summary or findings",
            )
        )
    return scores


def score_breakdown(want: ExpectedBreakdown, report: Mapping[str, Any]) -> list[Score]:
    """Score a breakdown: the label, the values' shares, the top value and its code."""
    got = report.get("breakdown") or {}
    values = {str(v.get("value")): v for v in got.get("values") or []}
    ordered = list(values)
    off = [
        (v.value, values.get(v.value, {}).get("share_pct"))
        for v in want.values
        if abs(float(values.get(v.value, {}).get("share_pct", -100.0)) - v.share_pct)
        > SHARE_TOLERANCE
    ]
    top = values.get(want.top_value, {})
    functions = top.get("top_functions") or []
    first = functions[0] if functions else {}
    return [
        Score(
            name="breakdown_label",
            passed=got.get("label") == want.label,
            value=got.get("label"),
            detail=f"expected {want.label}",
        ),
        Score(
            name="breakdown_top_value",
            passed=bool(ordered) and ordered[0] == want.top_value,
            value=ordered[:3],
            detail=f"expected {want.top_value} first",
        ),
        Score(name="breakdown_shares", passed=not off, value=off, detail="within 2 points"),
        Score(
            name="breakdown_top_function",
            passed=_same_function(first, want.top_function, first.get("line")),
            value=first,
            detail=f"expected {want.top_function.function}",
        ),
    ]


def score_follow_up(want: ExpectedFollowUp, report: Mapping[str, Any]) -> list[Score]:
    """Score a follow-up: the profile type followed into, and the site it names there."""
    followed = [
        f for f in report.get("follow_ups") or [] if f.get("profile_type") == want.profile_type
    ]
    cited = [
        item
        for follow in followed
        for finding in follow.get("findings") or []
        for item in finding.get("evidence") or []
        if item.get("in_repo")
    ]
    return [
        Score(
            name="follow_up_type",
            passed=bool(followed),
            value=[f.get("profile_type") for f in report.get("follow_ups") or []],
            detail=f"expected {want.profile_type}",
        ),
        Score(
            name="follow_up_site",
            passed=any(_same_function(item, want, item.get("line")) for item in cited),
            value=[(i.get("function"), i.get("line")) for i in cited[:3]],
            detail=f"expected {want.function} in {want.file}",
        ),
    ]


def score_trend(want: ExpectedTrend, report: Mapping[str, Any]) -> Score:
    """Pass when the trend's direction is the expected one."""
    direction = (report.get("trend") or {}).get("direction")
    return Score(
        name="trend", passed=direction == want.direction, value=direction, detail=want.direction
    )


def score_baseline_question(want: ExpectedBaselineQuestion, trace: Trace) -> Score:
    """Pass when the baseline question was asked with the expected refs among its options."""
    offered = trace.options.get("choose_baseline", [])
    expected = [ref for ref in want.options if ref != want.options[-1]] or want.options
    return Score(
        name="baseline_question",
        passed="choose_baseline" in trace.questions
        and all(any(o.startswith(ref[:12]) for o in offered) for ref in expected),
        value=offered,
        detail=f"expected the options {[ref[:9] for ref in expected]}",
    )


#: The replay server's methods that answer a merged profile.
MERGE_METHODS = ("SelectMergeProfile", "SelectMergeStacktraces")


def score_served(want: ExpectedServer, trace: Trace) -> Score:
    """Pass when the profiles came over HTTP from a server serving ``Diff`` as the case says."""
    merges = sum(trace.server_hits.get(method, 0) for method in MERGE_METHODS)
    return Score(
        name="served",
        passed=trace.server_diff is want.diff and merges > 0,
        value={"diff": trace.server_diff, "hits": trace.server_hits},
        detail=f"expected merges over HTTP from a server with Diff {'on' if want.diff else 'off'}",
    )


def score_investigation(expected: Expected, report: Mapping[str, Any], trace: Trace) -> list[Score]:
    """Return every comparative score that applies to the case (none for a plain case)."""
    scores: list[Score] = []
    if expected.comparison is not None:
        scores += score_comparison(expected.comparison, report)
    if expected.breakdown is not None:
        scores += score_breakdown(expected.breakdown, report)
    if expected.follow_up is not None:
        scores += score_follow_up(expected.follow_up, report)
    if expected.trend is not None:
        scores.append(score_trend(expected.trend, report))
    if expected.baseline_question is not None:
        scores.append(score_baseline_question(expected.baseline_question, trace))
    if expected.server is not None:
        scores.append(score_served(expected.server, trace))
    return scores
