"""Answer a trend question from the totals over time, before the latest window's code is read.

"Did lock contention go up this week?": ``SelectSeries`` totals of the chosen type over the
range the question names (this week by day: seven queries under the 24h limit; today by hour),
and their direction (``agent/analysis/trend.py``). The last step, when it has data, becomes the
window the usual single-window analysis explains, so the report says where the cost is now.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from profile_insights.agent.analysis.trend import TrendPoint, trend_of, trend_span
from profile_insights.agent.pyroscope.source import ProfileType
from profile_insights.agent.pyroscope.timeparse import format_rfc3339
from profile_insights.agent.pyroscope.trends import bucket_totals
from profile_insights.graph.context import Context, context_of
from profile_insights.graph.fetch import current_selector
from profile_insights.graph.progress import emit
from profile_insights.graph.sources import source_of
from profile_insights.graph.state import State, Window


def fetch_trend(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Read the totals per step over the question's range, their direction, and the latest step."""
    context = context_of(runtime)
    source = source_of(state, context)
    span = trend_span(state.get("question", ""))
    profile_type = state["chosen_type"]
    buckets = bucket_totals(
        source, current_selector(state), profile_type, source.now(), span.length, span.step
    )
    points = [
        TrendPoint(
            from_=format_rfc3339(bucket.start),
            to=format_rfc3339(bucket.end),
            total=bucket.total,
            has_data=bucket.has_data,
        )
        for bucket in buckets
    ]
    trend = trend_of(
        points,
        span=span,
        profile_type=profile_type,
        unit=ProfileType.parse(profile_type).sample_unit,
    )
    change = f"{trend.change_pct:+.0f}%" if trend.change_pct is not None else "no change measured"
    emit(
        "fetch_trend",
        f"{trend.direction} over {span.label} ({len(points)} {span.step_name}s, {change}): "
        + ", ".join(point.total_text for point in trend.points),
    )
    update: dict[str, Any] = {"trend": trend.model_dump(mode="json", by_alias=True)}
    latest = points[-1] if points else None
    if latest is not None and latest.has_data and not state.get("time_from"):
        # The analysis explains the trend's last step: one merge, no widening. When that step
        # has no data, the usual windows and the absence check say why (no recent data).
        window: Window = {
            "label": f"the trend's latest {span.step_name} ({latest.from_}..{latest.to})",
            "start": latest.from_,
            "end": latest.to,
        }
        update["current_window"] = window
    return update
