"""Nodes of the third phase: the top table, source mapping, analysis and verification.

Steps 8-11 of the workflow. Each node reads what the one before it stored (the cached profile
path, the trimmed table, the source matches) and calls one pure function of ``agent``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from langgraph.runtime import Runtime

from profile_insights.agent.analysis import knowledge
from profile_insights.agent.analysis.analyst import analyse as analyse_deterministic
from profile_insights.agent.analysis.analyst import summarise as summary_text
from profile_insights.agent.analysis.model_analyst import (
    ModelAnalysisError,
    call_model,
    prompt_messages,
)
from profile_insights.agent.analysis.models import Finding
from profile_insights.agent.analysis.verify import verify as verify_findings
from profile_insights.agent.code.gitref import check_git_ref
from profile_insights.agent.code.models import SourceMatch
from profile_insights.agent.code.resolve import resolve_rows
from profile_insights.graph.context import Context
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.profiles.frames import PreparedProfile, prepare
from profile_insights.agent.profiles.nesting import Nesting, innermost_shares, row_nesting
from profile_insights.agent.profiles.pprof_cli import pprof_top_table
from profile_insights.agent.profiles.profile_pb2 import Profile
from profile_insights.agent.profiles.top import top_table
from profile_insights.agent.profiles.table import TopTable
from profile_insights.agent.profiles.units import scaled_label
from profile_insights.agent.pyroscope.source import ProfileType
from profile_insights.graph.services import context_of
from profile_insights.graph.progress import emit
from profile_insights.graph.state import LLMUsage, State


def table_of(state: State) -> TopTable:
    """Return the stored top table."""
    return TopTable.model_validate(state.get("table") or {})


def matches_of(state: State) -> list[SourceMatch]:
    """Return the stored source matches, one per table row."""
    return [SourceMatch.model_validate(item) for item in state.get("matches") or []]


def findings_of(state: State) -> list[Finding]:
    """Return the stored findings."""
    return [Finding.model_validate(item) for item in state.get("findings") or []]


@lru_cache(maxsize=2)
def _load(path: str, size: int, mtime_ns: int) -> tuple[Profile, PreparedProfile]:
    profile = decode_profile(Path(path).read_bytes(), name=Path(path).name)
    return profile, prepare(profile)


def load_prepared(path: Path) -> tuple[Profile, PreparedProfile]:
    """Decode and prepare the cached merged profile once for the nodes that read its stacks."""
    stat = path.stat()
    return _load(str(path), stat.st_size, stat.st_mtime_ns)


def summarise(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Build the ``-lines -top -cum`` table of the merged profile (native reader by default)."""
    context = context_of(runtime)
    path = Path(state.get("profile_path") or "")
    profile_type = ProfileType.parse(state["chosen_type"])
    sample_type = profile_type.sample_type
    profile, prepared = load_prepared(path)
    names = [profile.string_table[st.type] for st in profile.sample_type]
    sample_index = sample_type if sample_type in names else None
    if context.use_pprof_tool:
        # pprof's text shows display units only (ms, s): without the sample unit a
        # microseconds wall profile would be read as nanoseconds, 1000x off.
        table = pprof_top_table(
            path,
            lines=True,
            cum=True,
            sample_index=sample_type,
            sample_unit=profile_type.sample_unit,
        )
        # pprof's text has no sample count; the decoded profile has it.
        table = table.model_copy(update={"sample_count": prepared.merged_sample_count})
        how = "the pprof tool"
    else:
        table = top_table(
            profile, sample_index=sample_index, lines=True, cum=True, prepared=prepared
        )
        how = "the native reader"
    shown_rows = table.rows[: max(context.limits.rows, context.limits.analysis_rows)]
    trimmed = table.model_copy(update={"rows": shown_rows})
    # Who runs inside whom among those rows, from the stacks the flat table hides.
    nesting = row_nesting(prepared, shown_rows, sample_index=sample_index)
    emit(
        "summarise",
        f"{len(table.rows)} rows from {how}; total "
        f"{scaled_label(table.total, table.sample_unit, 'auto')} ({table.sample_type}) "
        f"in {table.sample_count} samples; keeping the top {len(shown_rows)}",
    )
    return {"table": trimmed.model_dump(mode="json"), "nesting": nesting.model_dump(mode="json")}


def map_to_source(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Map rows to files and lines of the checkout, and check the profiled git ref."""
    context = context_of(runtime)
    table = table_of(state)
    git = check_git_ref(context.repo, table.build_ids)
    root_path = git.root_paths[0] if git.root_paths else None
    notes: list[str] = []
    matches = resolve_rows(
        table.rows,
        context.repo,
        service_root_path=root_path,
        window=context.limits.window,
        notes=notes,
    )
    hot_files = list(
        dict.fromkeys(m.repo_path for m in matches if m.kind == "in_repo" and m.repo_path)
    )
    if hot_files and git.profile_refs:
        git = check_git_ref(context.repo, table.build_ids, hot_files)
    in_repo = {row.rank for row, m in zip(table.rows, matches, strict=False) if m.kind == "in_repo"}
    emit(
        "map_to_source",
        f"{len(in_repo)} of {len(matches)} rows are in this checkout; git: {git.status}",
    )
    for note in notes:
        emit("map_to_source", note)
    # Each sample blamed on the innermost line of the checkout on its stack: what ranks the
    # report's hot functions (the load loop and main only pass the time on).
    profile_type = ProfileType.parse(state["chosen_type"])
    profile, prepared = load_prepared(Path(state.get("profile_path") or ""))
    names = [profile.string_table[st.type] for st in profile.sample_type]
    attribution = innermost_shares(
        prepared,
        table.rows,
        among=in_repo,
        total=table.total,
        sample_index=profile_type.sample_type if profile_type.sample_type in names else None,
    )
    return {
        "matches": [m.model_dump(mode="json") for m in matches],
        "git": git.model_dump(mode="json"),
        "mapping_note": " ".join(notes) or None,
        "attribution": {str(rank): share for rank, share in attribution.items()},
    }


def _type_label(profile_type: str) -> str:
    parsed = ProfileType.parse(profile_type)
    return "CPU" if parsed.sample_type == "cpu" else f"{parsed.name} ({parsed.sample_type})"


def analyse(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Run the deterministic analyst, then (with a chat model) one call answered with JSON."""
    context = context_of(runtime)
    table = table_of(state)
    matches = matches_of(state)
    findings = analyse_deterministic(
        table,
        matches,
        knowledge.lookup,
        max_code_findings=context.limits.code_windows,
        nesting=Nesting.model_validate(state.get("nesting") or {}),
    )
    attempts = state.get("attempts") or []
    window = attempts[-1]["label"] if attempts else "the chosen window"
    summary = summary_text(
        table,
        matches,
        findings,
        service=", ".join(state.get("chosen_services") or []),
        type_label=_type_label(state["chosen_type"]),
        window=window,
    )
    usage: LLMUsage = {"calls": 0, "input_tokens": 0, "output_tokens": 0}
    usage.update(state.get("llm") or {})
    note = None
    if context.model is not None and usage["calls"] < context.limits.max_model_calls:
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
            answer = call_model(context.model, prompt)
        except ModelAnalysisError as error:
            usage["input_tokens"] += error.input_tokens
            usage["output_tokens"] += error.output_tokens
            # The deterministic findings stand on their own; the report says what happened.
            note = f"The chat model's analysis is missing ({error.message}); "
            note += "the findings below are the deterministic analyst's."
            emit("analyse", note)
        else:
            usage["input_tokens"] += answer.input_tokens
            usage["output_tokens"] += answer.output_tokens
            # The model's findings come first (it read the code); the deterministic ones stay
            # as the floor, and the verifier treats both alike.
            findings = answer.findings + findings
            summary = answer.summary.strip() or summary
    emit("analyse", f"{len(findings)} findings before verification")
    return {
        "findings": [f.model_dump(mode="json") for f in findings],
        "summary": summary,
        "llm": usage,
        "analysis_note": note,
    }


def verify(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Drop findings that cite anything but table rows and code that was read; cap savings."""
    result = verify_findings(findings_of(state), table_of(state), matches_of(state))
    for reason in result.reasons:
        emit("verify", reason)
    emit("verify", f"{len(result.findings)} findings kept, {result.dropped_claims} dropped")
    return {
        "findings": [f.model_dump(mode="json") for f in result.findings],
        "dropped_claims": state.get("dropped_claims", 0) + result.dropped_claims,
    }
