"""Seed step 7, second half: assemble the report from the state and render it once.

The report data is built by :func:`profile_insights.agent.report.assemble.build_report` from
the typed results of the earlier steps, and rendered in the format the context asks for.
Markdown and JSON are small and kept in the state (``rendered``); the HTML page embeds the
flame graph of the whole profile (tens to hundreds of KiB), so it is written next to the cached
profile and the state keeps its path (``rendered_file``): checkpoints stay small.
"""

from __future__ import annotations

import hashlib
from typing import Any

from langgraph.runtime import Runtime

from profile_insights.agent.analysis.breakdown import Breakdown
from profile_insights.agent.analysis.comparison import Comparison
from profile_insights.agent.analysis.follow_ups import FollowUp
from profile_insights.agent.analysis.profile_types import measure_words
from profile_insights.agent.analysis.trend import Trend, trend_lead
from profile_insights.agent.profiles.frames import PreparedProfile
from profile_insights.agent.report.assemble import ReportInputs, build_report
from profile_insights.agent.report.models import AttemptView, LLMView, Report
from profile_insights.agent.report.render import render_text
from profile_insights.graph.context import Context, context_of
from profile_insights.graph.profile_cache import cached_baseline, cached_profile
from profile_insights.graph.progress import emit
from profile_insights.graph.state import (
    State,
    attribution_of,
    findings_of,
    git_of,
    llm_usage_of,
    matches_of,
    table_of,
)


def _summary(state: State, trend: Trend | None, follow_ups: list[FollowUp]) -> str:
    """Return the summary: a trend's answer first, then the window's, then what was followed."""
    summary = state.get("summary") or ""
    if trend is not None:
        lead = trend_lead(
            trend,
            ", ".join(state.get("chosen_services") or []),
            measure_words(trend.profile_type),
            state.get("question", ""),
        )
        now = summary or state.get("absence_reason", "")
        summary = f"{lead} Latest window: {now}" if now else lead
    # A follow-up that found nothing (type not sent, no samples) is told in its own section
    # only: the answer is the window's, as it was before.
    followed = [f.summary for f in follow_ups if f.status == "followed"]
    return " ".join([summary, *followed]).strip()


def _investigation(state: State, follow_ups: list[FollowUp]) -> str:
    kind = str((state.get("investigation") or {}).get("kind", "single"))
    if kind == "single" and any(follow_up.status == "followed" for follow_up in follow_ups):
        return "follow_up"
    return kind


def report_inputs(state: State, context: Context) -> ReportInputs:
    """Collect what the earlier steps stored into the report's typed inputs."""
    outcome = state.get("outcome", "report")
    trend = Trend.model_validate(stored) if (stored := state.get("trend")) else None
    follow_ups = [FollowUp.model_validate(item) for item in state.get("follow_ups") or []]
    notes = []
    type_note = state.get("type_note")
    if type_note and type_note not in state.get("absence_reason", ""):
        notes.append(type_note)
    notes += [
        str(state.get(key))
        for key in ("mapping_note", "analysis_note", "comparison_note", "breakdown_note")
        if state.get(key)
    ]
    usage = llm_usage_of(state)
    model_name = None
    if context.model is not None:
        model_name = getattr(context.model, "model_name", None) or type(context.model).__name__
    return ReportInputs(
        question=state.get("question", ""),
        outcome=outcome,
        services=state.get("chosen_services") or [],
        profile_type=state.get("chosen_type"),
        attempts=[
            AttemptView(
                label=a["label"],
                from_=a["start"],
                to=a["end"],
                empty=a["empty"],
                data_from=a.get("data_start"),
                data_to=a.get("data_end"),
            )
            for a in state.get("attempts") or []
        ],
        table=table_of(state) if state.get("table") else None,
        matches=matches_of(state),
        attribution=attribution_of(state),
        findings=findings_of(state),
        git=git_of(state),
        summary=_summary(state, trend, follow_ups),
        absence_reason=state.get("absence_reason", ""),
        notes=notes,
        source=(state.get("tools") or {}).get("source", ""),
        service_reason=state.get("service_reason", ""),
        profile_type_reason=state.get("type_reason", ""),
        commands=state.get("commands") or [],
        profile_path=state.get("profile_path"),
        llm=LLMView(**usage, model=model_name),
        dropped_claims=state.get("dropped_claims", 0),
        rows=context.limits.rows,
        investigation=_investigation(state, follow_ups),
        comparison=Comparison.model_validate(compared)
        if (compared := state.get("comparison"))
        else None,
        breakdown=Breakdown.model_validate(found) if (found := state.get("breakdown")) else None,
        trend=trend,
        follow_ups=follow_ups,
    )


def _baseline_of(state: State, context: Context) -> PreparedProfile | None:
    """Return the comparison's baseline stacks, for the differential flame graph."""
    if not state.get("baseline_digest"):
        return None
    return cached_baseline(state, context).prepared


def _html_page(state: State, context: Context, report: Report) -> str:
    """Render the HTML page once, next to the cached profile, and return its path."""
    if state.get("profile_path"):
        # The decoded profile and prepared stacks the table was built from: decoded once.
        decoded = cached_profile(state, context)
        page = render_text(
            report,
            "html",
            profile=decoded.profile,
            prepared=decoded.prepared,
            baseline=_baseline_of(state, context) if report.comparison else None,
        )
    else:
        page = render_text(report, "html")
    digest = hashlib.sha256(page.encode()).hexdigest()
    path = context.profiles_dir() / f"report-{digest[:32]}.html"
    if not path.exists():
        temporary = path.with_suffix(f".{digest[:8]}.tmp")
        temporary.write_text(page, encoding="utf-8")
        temporary.replace(path)
    return str(path)


def render_report(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Assemble the report data and render it, once, in the format the context asks for."""
    context = context_of(runtime)
    report = build_report(report_inputs(state, context))
    update: dict[str, Any] = {
        "report": report.to_json_dict(),
        "rendered_format": context.output_format,
    }
    if context.output_format == "html":
        update |= {"rendered": "", "rendered_file": _html_page(state, context, report)}
    else:
        update |= {"rendered": render_text(report, context.output_format), "rendered_file": None}
    emit("render_report", f"{context.output_format} report, {len(report.findings)} findings")
    return update
