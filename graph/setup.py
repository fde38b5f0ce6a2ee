"""Seed step 1: find the tools (profilecli, pprof) and choose where profiles come from.

A recording when one is given, else profilecli when it is installed, else the HTTP API. The node
also starts every derived field afresh, so a thread reused for a new question carries nothing
over from the previous run.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from profile_insights.agent.errors import ToolNotFoundError
from profile_insights.agent.profiles.pprof_cli import locate_pprof
from profile_insights.agent.pyroscope.profilecli_source import detect_profilecli
from profile_insights.graph.context import Context, context_of
from profile_insights.graph.progress import emit
from profile_insights.graph.sources import choose_kind
from profile_insights.graph.state import State


def check_tools(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Detect profilecli and pprof, and choose the source (recording, profilecli or HTTP)."""
    context = context_of(runtime)
    profilecli = None
    if context.source is None and context.recording is None:
        profilecli = detect_profilecli()
    try:
        pprof: str | None = locate_pprof().description
    except ToolNotFoundError:
        if context.use_pprof_tool:
            raise
        pprof = None
    kind = choose_kind(context, profilecli)
    emit(
        "check_tools",
        f"source: {kind}; profilecli: {profilecli or 'not installed'}; "
        f"pprof: {pprof or 'not installed (the native reader is used)'}",
    )
    # A thread may be reused for a new question: start every derived field afresh so nothing
    # (attempts, token counts, dropped claims) carries over from the previous run.
    return {
        "tools": {"profilecli": profilecli, "pprof": pprof, "source_kind": kind},
        "connection_problem": None,
        "connection_attempts": 0,
        "candidates": [],
        "chosen_services": [],
        "service_reason": "",
        "answer_error": None,
        "type_note": None,
        "attempts": [],
        "outcome": "report",
        "absence_reason": "",
        "profile_path": None,
        "profile_digest": None,
        "table": None,
        "commands": [],
        "matches": [],
        "git": None,
        "findings": [],
        "summary": "",
        "analysis_note": None,
        "mapping_note": None,
        "dropped_claims": 0,
        "llm": {"calls": 0, "input_tokens": 0, "output_tokens": 0},
        "report": {},
        "rendered": "",
        "rendered_format": "",
        "rendered_file": None,
        "nesting": None,
        "attribution": None,
        "ownership": None,
    }
