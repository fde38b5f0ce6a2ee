"""Seed step 1: check the checkout, choose where profiles come from, find the tools it needs.

A recording when one is given, else profilecli when it is installed, else the HTTP API. Only
what the chosen source needs is looked for: profilecli only for a live server (its version is
cached per binary), pprof only when the table is to be built with the pprof tool. The node also
starts every derived field afresh, so a thread reused for a new question carries nothing over
from the previous run.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from profile_insights.agent.profiles.pprof_cli import locate_pprof
from profile_insights.graph.context import Context, context_of
from profile_insights.graph.progress import emit
from profile_insights.graph.sources import choose_kind
from profile_insights.graph.state import State

#: The file in the cache directory that remembers profilecli's version per binary.
PROFILECLI_VERSIONS = "profilecli-versions.json"


def check_tools(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Check the checkout, then find what the source needs: profilecli for a server, pprof."""
    context = context_of(runtime)
    # The first step names a missing or wrong repo or recording, before any query is made.
    context.check_paths()
    profilecli = None
    looked_for_profilecli = context.source is None and context.recording is None
    if looked_for_profilecli:
        # Imported here: a recording or a ready source never runs profilecli.
        from profile_insights.agent.pyroscope.profilecli_version import detect_profilecli

        profilecli = detect_profilecli(cache=context.profiles_dir() / PROFILECLI_VERSIONS)
    # The native reader builds the table; the pprof tool is looked for only when asked for.
    pprof = locate_pprof().description if context.use_pprof_tool else None
    kind = choose_kind(context, profilecli)
    if looked_for_profilecli:
        profilecli_text = profilecli or "not installed"
    else:
        profilecli_text = "not needed"
    emit(
        "check_tools",
        f"source: {kind}; profilecli: {profilecli_text}; "
        f"pprof: {pprof or 'not needed (the native reader builds the table)'}",
    )
    # A thread may be reused for a new question: start every derived field afresh so nothing
    # (attempts, token counts, dropped claims) carries over from the previous run.
    return {
        "tools": {"profilecli": profilecli, "pprof": pprof, "source_kind": kind},
        "connection_problem": None,
        "connection_attempts": 0,
        "candidates": [],
        "unmatched_names": [],
        "chosen_services": [],
        "service_reason": "",
        "answer_error": None,
        "type_note": None,
        "attempts": [],
        "outcome": "report",
        "absence_reason": "",
        "profile_path": None,
        "profile_digest": None,
        "profile_query": None,
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
        # A planned window or baseline of the previous question would steer this one.
        "current_window": None,
        "baseline_window": None,
        "baseline_attempts": [],
        "baseline_path": None,
        "baseline_digest": None,
        "comparison": None,
        "comparison_note": None,
        "trend": None,
        "follow_up_plan": [],
        "follow_ups": [],
        "label_options": [],
        "label_error": None,
        "breakdown_by": None,
        "label_reason": "",
        "breakdown": None,
        "breakdown_note": None,
    }
