"""Seed step 5: the hot functions, as pprof's ``-lines -top -cum`` table of the merged profile.

The native reader builds it by default (``Context.use_pprof_tool`` runs the pprof tool instead).
The node keeps pprof's first rows and, beyond them, every row whose name does not say it is a
library or runtime frame (up to ``Limits.candidate_rows``): a function of the checkout is found
at any rank, and the mapping step decides which of these rows are the checkout's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from langgraph.runtime import Runtime

from profile_insights.agent.code.frame_names import may_be_checkout
from profile_insights.agent.profiles.decoded import DecodedProfile
from profile_insights.agent.profiles.pprof_cli import pprof_top_table
from profile_insights.agent.profiles.table import TopTable
from profile_insights.agent.profiles.top import top_table
from profile_insights.agent.profiles.units import scaled_label
from profile_insights.agent.pyroscope.source import ProfileType
from profile_insights.graph.context import Context, context_of
from profile_insights.graph.profile_cache import cached_profile, profile_file
from profile_insights.graph.progress import emit
from profile_insights.graph.state import State

# A profile's comments (pprof prints them above the table) can be megabytes; no report shows
# them, so the checkpointed table keeps the start of the first few only.
COMMENTS_KEPT = 8
COMMENT_CHARS = 200


def table_of_profile(
    path: Path, decoded: DecodedProfile, profile_type: str, context: Context
) -> tuple[TopTable, str]:
    """Return a profile's ``-lines -top -cum`` table, trimmed to the rows kept, and how it was made.

    The main profile's node and a follow-up into another profile type both build it here.
    """
    parsed = ProfileType.parse(profile_type)
    sample_type = parsed.sample_type
    sample_index = decoded.sample_index(sample_type)
    if context.use_pprof_tool:
        # pprof's text shows display units only (ms, s): without the sample unit a
        # microseconds wall profile would be read as nanoseconds, 1000x off.
        table = pprof_top_table(
            path,
            lines=True,
            cum=True,
            sample_index=sample_type,
            sample_unit=parsed.sample_unit,
        )
        # pprof's text has no sample count; the decoded profile has it.
        table = table.model_copy(update={"sample_count": decoded.prepared.merged_sample_count})
        how = "the pprof tool"
    else:
        table = top_table(
            decoded.header,
            sample_index=sample_index,
            lines=True,
            cum=True,
            prepared=decoded.prepared,
        )
        how = "the native reader"
    first = max(context.limits.rows, context.limits.analysis_rows)
    later = [row for row in table.rows[first:] if may_be_checkout(row)]
    kept = table.rows[:first] + later[: context.limits.candidate_rows]
    comments = [comment[:COMMENT_CHARS] for comment in table.comments[:COMMENTS_KEPT]]
    trimmed = table.model_copy(update={"rows": kept, "comments": comments})
    message = (
        f"{len(table.rows)} rows from {how}; total "
        f"{scaled_label(table.total, table.sample_unit, 'auto')} ({table.sample_type}) "
        f"in {table.sample_count} samples; keeping the top {min(first, len(table.rows))}"
        + (
            f" and {len(kept) - first} later rows that may be this checkout's"
            if len(kept) > first
            else ""
        )
    )
    return trimmed, message


def build_top_table(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Build the ``-lines -top -cum`` table of the merged profile (native reader by default)."""
    context = context_of(runtime)
    # Through the profile cache: a thread resumed elsewhere fetches its profile again.
    decoded = cached_profile(state, context)
    path = profile_file(state, context)
    table, message = table_of_profile(path, decoded, state["chosen_type"], context)
    emit("build_top_table", message)
    return {"table": table.model_dump(mode="json")}
