"""Seed step 7, first half: analyse the hot code and verify every claim against the evidence.

The deterministic analyst always writes findings; with a chat model, one call answered with a
JSON object adds the model's reading of the code (its findings first, the deterministic ones as
the floor). The verifier then drops any finding that cites anything but table rows and code
windows that were read, and caps savings at the cited rows' cum%.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from langgraph.runtime import Runtime

from profile_insights.agent.analysis import knowledge
from profile_insights.agent.analysis.analyst import analyse as analyse_deterministic
from profile_insights.agent.analysis.models import Finding
from profile_insights.agent.analysis.summary import summary_sentence
from profile_insights.agent.analysis.verify import verify as verify_findings
from profile_insights.agent.analysis.verify import was_read
from profile_insights.agent.code.models import SourceMatch
from profile_insights.agent.code.reader import widen_windows
from profile_insights.agent.code.structure import function_facts
from profile_insights.agent.profiles.nesting import Nesting
from profile_insights.agent.profiles.ownership import Ownership
from profile_insights.agent.profiles.table import TopTable
from profile_insights.agent.pyroscope.source import ProfileType
from profile_insights.graph.context import Context, context_of
from profile_insights.graph.progress import emit
from profile_insights.graph.state import (
    Attempt,
    LLMUsage,
    State,
    findings_of,
    llm_usage_of,
    matches_of,
    nesting_of,
    ownership_of,
    table_of,
)

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel


def _window_text(attempt: Attempt) -> str:
    """Name the window the samples come from (their own, when they reach outside the asked)."""
    if "data_start" in attempt and "data_end" in attempt:
        return (
            f"{attempt['data_start']}..{attempt['data_end']} (the recording's whole profiles; "
            f"{attempt['label']} was asked)"
        )
    return attempt["label"]


def _type_label(profile_type: str) -> str:
    parsed = ProfileType.parse(profile_type)
    return "CPU" if parsed.sample_type == "cpu" else f"{parsed.name} ({parsed.sample_type})"


def _model_findings(
    model: BaseChatModel,
    state: State,
    context: Context,
    table: TopTable,
    matches: list[SourceMatch],
    findings: list[Finding],
    usage: LLMUsage,
) -> tuple[list[Finding], str | None, str | None]:
    """Ask the chat model once; return its findings, its summary and a note when it failed."""
    # Imported here: a run without a model (the default) never loads LangChain's chat models.
    from profile_insights.agent.analysis.model_analyst import ModelAnalysisError, call_model
    from profile_insights.agent.analysis.model_prompt import prompt_messages

    prompt = prompt_messages(
        state.get("question", ""),
        ", ".join(state.get("chosen_services") or []),
        state["chosen_type"],
        table,
        matches,
        findings,
        max_rows=context.limits.model_rows,
        max_focus_lines=context.limits.model_code_lines,
        radius=context.limits.model_radius,
    )
    emit("analyse", "asking the chat model for the source-code analysis")
    usage["calls"] += 1
    try:
        answer = call_model(model, prompt)
    except ModelAnalysisError as error:
        usage["input_tokens"] += error.input_tokens
        usage["output_tokens"] += error.output_tokens
        # The deterministic findings stand on their own; the report says what happened.
        note = f"The chat model's analysis is missing ({error.message}); "
        note += "the findings below are the deterministic analyst's."
        emit("analyse", note)
        return [], None, note
    usage["input_tokens"] += answer.input_tokens
    usage["output_tokens"] += answer.output_tokens
    return answer.findings, answer.summary.strip() or None, None


def deterministic_findings(
    table: TopTable,
    matches: list[SourceMatch],
    nesting: Nesting,
    ownership: Ownership,
    profile_type: str,
    context: Context,
) -> tuple[list[Finding], list[SourceMatch]]:
    """Return the deterministic analyst's findings on a mapped table, and the matches.

    The main profile's node and a follow-up into another profile type both analyse here.
    The analyst parses each hot function whole: the windows of the matches are widened to
    hold the lines it cites there (the work of a Node.js function is below the one line its
    profile records), so that they are shown and grounded like the profiled lines.
    """
    repo = context.checkout()
    findings = analyse_deterministic(
        table,
        matches,
        knowledge.lookup,
        max_code_findings=context.limits.code_windows,
        nesting=nesting,
        ownership=ownership,
        facts_of=lambda path, line, name: function_facts(repo, path, line, name),
        family=knowledge.profile_family(profile_type),
    )
    refs = [ref for finding in findings for ref in finding.code_refs]
    return findings, widen_windows(repo, matches, refs)


def analyse(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Run the deterministic analyst, then (with a chat model) one call answered with JSON."""
    context = context_of(runtime)
    table = table_of(state)
    read = matches_of(state)
    findings, matches = deterministic_findings(
        table, read, nesting_of(state), ownership_of(state), state["chosen_type"], context
    )
    summary = _summary(state, table, matches, findings)
    usage = llm_usage_of(state)
    note = None
    if context.model is not None and usage["calls"] < context.limits.max_model_calls:
        extra, model_summary, note = _model_findings(
            context.model, state, context, table, matches, findings, usage
        )
        # The model's findings come first (it read the code); the deterministic ones stay
        # as the floor, and the verifier treats both alike.
        findings = extra + findings
        summary = model_summary or summary
    emit("analyse", f"{len(findings)} findings before verification")
    update: dict[str, Any] = {
        "findings": [f.model_dump(mode="json") for f in findings],
        "summary": summary,
        "llm": usage,
        "analysis_note": note,
    }
    if matches != read:
        # Only a widened window is written again: every checkpoint stays small.
        update["matches"] = [m.model_dump(mode="json") for m in matches]
    return update


def _summary(
    state: State, table: TopTable, matches: list[SourceMatch], findings: list[Finding]
) -> str:
    """Return the deterministic summary of ``findings``."""
    attempts = state.get("attempts") or []
    return summary_sentence(
        table,
        matches,
        findings,
        service=", ".join(state.get("chosen_services") or []),
        type_label=_type_label(state["chosen_type"]),
        window=_window_text(attempts[-1]) if attempts else "the chosen window",
    )


#: A ``path:line`` in prose (``src/quotes.js:36``, ``internal/a/b.go:12``).
_CODE_REF = re.compile(r"(?<![\w/.])([\w@.-]+(?:/[\w@.-]+)*\.\w+:\d+)")


def verify(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Drop findings that cite anything but table rows and code that was read; cap savings.

    The summary is held to the same rule: one that cites a line never read (it spoke of a
    finding dropped here) is written again from the findings kept.
    """
    table, matches = table_of(state), matches_of(state)
    result = verify_findings(findings_of(state), table, matches)
    for reason in result.reasons:
        emit("verify", reason)
    emit("verify", f"{len(result.findings)} findings kept, {result.dropped_claims} dropped")
    update: dict[str, Any] = {
        "findings": [f.model_dump(mode="json") for f in result.findings],
        "dropped_claims": state.get("dropped_claims", 0) + result.dropped_claims,
    }
    windows = [match.window for match in matches if match.window is not None]
    summary = state.get("summary") or ""
    if any(not was_read(ref, windows) for ref in _CODE_REF.findall(summary)):
        emit("verify", "the summary cited a line never read: written again from the findings kept")
        update["summary"] = _summary(state, table, matches, result.findings)
    return update
