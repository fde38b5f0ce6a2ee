"""Findings naming one cause at one line merge into one, with a share the profile can hold."""

from __future__ import annotations

from profile_insights.agent.analysis.code_findings import merge_same_cause
from profile_insights.agent.analysis.models import Evidence, Finding


def _finding(function: str, cum: float, weight: float, *also: Evidence) -> Finding:
    return Finding(
        title=f"A piece kept in {function} at src/inbox.js:29",
        kind="retained_memory",
        explanation="...",
        recommendation="Copy the piece before keeping it.",
        evidence=[Evidence(function=function, name=function, cum_pct=cum), *also],
        code_refs=["src/inbox.js:29"],
        weight_pct=weight,
        what="keeps a piece",
    )


def test_a_callee_cited_with_its_caller_counts_the_callers_share_once() -> None:
    caller = _finding("receive", cum=85.7, weight=85.7)
    in_caller = Evidence(function="receive", name="receive", cum_pct=85.7)
    callee = _finding("parseMessage", 67.6, 67.6, in_caller)
    (merged,) = merge_same_cause([caller, callee])
    assert merged.weight_pct == 85.7
    assert {e.function for e in merged.evidence} == {"receive", "parseMessage"}


def test_a_callback_and_its_function_cited_apart_add_up() -> None:
    outer = _finding("exportRows", cum=90.0, weight=40.0)
    callback = _finding("(anonymous)", cum=45.0, weight=45.0)
    (merged,) = merge_same_cause([outer, callback])
    assert merged.weight_pct == 85.0
