"""Seed step 6: map the hot functions to files and lines of the checkout, and check the git ref.

Rows become :class:`SourceMatch` es (file, line, code window, kind); the profile's git refs are
compared with HEAD, with the commits that touched the hot files since. Then every sample of the
whole profile is blamed on its owner, the innermost line of the checkout on its stack, with the
library work it called (``agent/profiles/ownership.py``): that ranks the report's hot functions
(a load loop and ``main`` only pass the time on) and tells the analyst what each line costs.
The rows kept for the report and the analyst are pprof's first rows and the checkout's owning
lines, wherever pprof ranks them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from langgraph.runtime import Runtime

from profile_insights.agent.analysis import knowledge
from profile_insights.agent.code.gitref import check_git_ref
from profile_insights.agent.code.models import GitRefCheck, SourceMatch
from profile_insights.agent.code.resolve import SourceResolver, resolve_rows
from profile_insights.agent.profiles.decoded import DecodedProfile
from profile_insights.agent.profiles.frames import NodeInfo
from profile_insights.agent.profiles.nesting import Nesting, row_nesting
from profile_insights.agent.profiles.ownership import Ownership, ownership
from profile_insights.agent.profiles.table import TopRow, TopTable
from profile_insights.agent.pyroscope.source import ProfileType
from profile_insights.graph.context import Context, context_of
from profile_insights.graph.profile_cache import cached_profile
from profile_insights.graph.progress import emit
from profile_insights.graph.state import State, table_of

#: A checkout line past pprof's first rows is kept when it owns at least this % of the total.
MIN_LATE_OWN_PCT = 0.5


def _kept(
    table: TopTable, matches: list[SourceMatch], owned: Ownership, first: int
) -> tuple[list[TopRow], list[SourceMatch]]:
    """Keep pprof's first rows, and later rows of the checkout that own enough of the total."""
    rows, kept_matches = [], []
    for position, (row, match) in enumerate(zip(table.rows, matches, strict=True)):
        line = owned.of(row.function or row.name, row.file, row.line)
        late_owner = (
            match.kind == "in_repo" and line is not None and line.own_pct >= MIN_LATE_OWN_PCT
        )
        if position < first or late_owner:
            rows.append(row)
            kept_matches.append(match)
    return rows, kept_matches


@dataclass(frozen=True)
class SourceMapping:
    """A table's rows in the checkout: matches, owners, nesting and the git-ref check."""

    table: TopTable
    """The rows kept: pprof's first rows and the checkout's owning lines."""
    matches: list[SourceMatch]
    nesting: Nesting
    git: GitRefCheck
    attribution: dict[int, float]
    """Row rank -> % of the total whose innermost line of the checkout is that row."""
    ownership: Ownership
    notes: list[str]
    """What the bounded search of the checkout left out."""
    walk_note: str | None


def map_table(
    table: TopTable, decoded: DecodedProfile, profile_type: str, context: Context
) -> SourceMapping:
    """Map a profile's rows to the checkout, check the git ref, and find each sample's owner.

    The main profile's node and a follow-up into another profile type both map here.
    """
    repo = context.checkout()
    git = check_git_ref(repo, table.build_ids)
    resolver = SourceResolver(
        repo,
        service_root_path=git.root_paths[0] if git.root_paths else None,
        window=context.limits.window,
    )
    notes: list[str] = []
    matches = resolve_rows(table.rows, repo, notes=notes, resolver=resolver)
    sample_index = decoded.sample_index(ProfileType.parse(profile_type).sample_type)

    def is_owner(info: NodeInfo) -> bool:
        return resolver.repo_path_of(info[0], info[1] or None) is not None

    def label(info: NodeInfo) -> str | None:
        return knowledge.cost_label(info[0], info[1] or None)

    owned = ownership(decoded.prepared, is_owner=is_owner, label=label, sample_index=sample_index)
    first = max(context.limits.rows, context.limits.analysis_rows)
    rows, matches = _kept(table, matches, owned, first)
    table = table.model_copy(update={"rows": rows})
    hot_files = list(
        dict.fromkeys(m.repo_path for m in matches if m.kind == "in_repo" and m.repo_path)
    )
    if hot_files and git.profile_refs:
        git = check_git_ref(repo, table.build_ids, hot_files)
    in_repo = [row for row, m in zip(rows, matches, strict=True) if m.kind == "in_repo"]
    attribution = {
        row.rank: line.own_pct
        for row in in_repo
        if (line := owned.of(row.function or row.name, row.file, row.line)) is not None
    }
    return SourceMapping(
        table=table,
        matches=matches,
        # Who runs inside whom among the kept rows, from the stacks the flat table hides.
        nesting=row_nesting(decoded.prepared, rows, sample_index=sample_index),
        git=git,
        attribution=attribution,
        ownership=owned,
        notes=notes,
        walk_note=resolver.walk_note,
    )


def map_to_source(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Map rows to files and lines of the checkout, check the git ref, and find the owners."""
    context = context_of(runtime)
    mapped = map_table(
        table_of(state), cached_profile(state, context), state["chosen_type"], context
    )
    in_repo = sum(1 for match in mapped.matches if match.kind == "in_repo")
    emit(
        "map_to_source",
        f"{in_repo} of {len(mapped.matches)} rows are in this checkout; git: {mapped.git.status}",
    )
    notes = mapped.notes
    for note in notes + ([mapped.walk_note] if mapped.walk_note and not notes else []):
        emit("map_to_source", note)
    owned = mapped.ownership
    return {
        "table": mapped.table.model_dump(mode="json"),
        "nesting": mapped.nesting.model_dump(mode="json"),
        "matches": [m.model_dump(mode="json") for m in mapped.matches],
        "git": mapped.git.model_dump(mode="json"),
        "mapping_note": " ".join(notes) or None,
        "attribution": {str(rank): share for rank, share in mapped.attribution.items()},
        "ownership": owned.model_copy(update={"lines": owned.lines[:60]}).model_dump(mode="json"),
    }
