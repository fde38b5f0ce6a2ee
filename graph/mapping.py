"""Seed step 6: map the hot functions to files and lines of the checkout, and check the git ref.

Rows become :class:`SourceMatch` es (file, line, code window, kind); the profile's git refs are
compared with HEAD, with the commits that touched the hot files since. Each sample is then
blamed on the innermost line of the checkout on its stack, which ranks the report's hot
functions (a load loop and ``main`` only pass the time on).
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from profile_insights.agent.code.gitref import check_git_ref
from profile_insights.agent.code.resolve import resolve_rows
from profile_insights.agent.profiles.nesting import innermost_shares
from profile_insights.agent.pyroscope.source import ProfileType
from profile_insights.graph.context import Context, context_of
from profile_insights.graph.progress import emit
from profile_insights.graph.state import State, decoded_of, table_of


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
    decoded = decoded_of(state)
    attribution = innermost_shares(
        decoded.prepared,
        table.rows,
        among=in_repo,
        total=table.total,
        sample_index=decoded.sample_index(ProfileType.parse(state["chosen_type"]).sample_type),
    )
    return {
        "matches": [m.model_dump(mode="json") for m in matches],
        "git": git.model_dump(mode="json"),
        "mapping_note": " ".join(notes) or None,
        "attribution": {str(rank): share for rank, share in attribution.items()},
    }
