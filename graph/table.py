"""Seed step 5: the hot functions, as pprof's ``-lines -top -cum`` table of the merged profile.

The native reader builds it by default (``Context.use_pprof_tool`` runs the pprof tool instead).
The node keeps pprof's first rows and, beyond them, every row whose name does not say it is a
library or runtime frame (up to ``Limits.candidate_rows``): a function of the checkout is found
at any rank, and the mapping step decides which of these rows are the checkout's.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from profile_insights.agent.code.languages import may_be_checkout
from profile_insights.agent.profiles.pprof_cli import pprof_top_table
from profile_insights.agent.profiles.top import top_table
from profile_insights.agent.profiles.units import scaled_label
from profile_insights.agent.pyroscope.source import ProfileType
from profile_insights.graph.context import Context, context_of
from profile_insights.graph.progress import emit
from profile_insights.graph.state import State, decoded_of, profile_path_of


def build_top_table(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Build the ``-lines -top -cum`` table of the merged profile (native reader by default)."""
    context = context_of(runtime)
    profile_type = ProfileType.parse(state["chosen_type"])
    sample_type = profile_type.sample_type
    decoded = decoded_of(state)
    sample_index = decoded.sample_index(sample_type)
    if context.use_pprof_tool:
        # pprof's text shows display units only (ms, s): without the sample unit a
        # microseconds wall profile would be read as nanoseconds, 1000x off.
        table = pprof_top_table(
            profile_path_of(state),
            lines=True,
            cum=True,
            sample_index=sample_type,
            sample_unit=profile_type.sample_unit,
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
    trimmed = table.model_copy(update={"rows": kept})
    emit(
        "build_top_table",
        f"{len(table.rows)} rows from {how}; total "
        f"{scaled_label(table.total, table.sample_unit, 'auto')} ({table.sample_type}) "
        f"in {table.sample_count} samples; keeping the top {min(first, len(table.rows))}"
        + (
            f" and {len(kept) - first} later rows that may be this checkout's"
            if len(kept) > first
            else ""
        ),
    )
    return {"table": trimmed.model_dump(mode="json")}
