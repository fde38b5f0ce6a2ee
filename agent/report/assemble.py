"""Assemble the report data from what the steps produced: the one place a Report is built.

:class:`ReportInputs` holds the typed results of the earlier steps (the table, the source
matches, the verified findings, the git check, the widening history); :func:`build_report`
turns them into the public :class:`Report` that every renderer formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from profile_insights.agent.analysis.breakdown import Breakdown
from profile_insights.agent.analysis.comparison import Comparison
from profile_insights.agent.analysis.follow_ups import FollowUp
from profile_insights.agent.analysis.models import Finding
from profile_insights.agent.analysis.trend import Trend
from profile_insights.agent.code.models import GitRefCheck, SourceMatch
from profile_insights.agent.profiles.table import TopTable
from profile_insights.agent.profiles.units import scaled_label
from profile_insights.agent.report.hot_functions import hot_functions
from profile_insights.agent.report.models import (
    AttemptView,
    CodeSnippet,
    DataUsed,
    FindingView,
    GitView,
    LLMView,
    Outcome,
    Report,
    TimeRangeView,
)


@dataclass(kw_only=True)
class ReportInputs:
    """Everything a report says, as the earlier steps left it."""

    question: str
    outcome: Outcome = "report"
    services: list[str] = field(default_factory=list)
    profile_type: str | None = None
    attempts: list[AttemptView] = field(default_factory=list)
    table: TopTable | None = None
    matches: list[SourceMatch] = field(default_factory=list)
    attribution: dict[int, float] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    git: GitRefCheck | None = None
    summary: str = ""
    absence_reason: str = ""
    notes: list[str] = field(default_factory=list)
    """Caveats from the steps (a missing type, what the mapping left out), in order."""
    source: str = ""
    service_reason: str = ""
    profile_type_reason: str = ""
    commands: list[str] = field(default_factory=list)
    profile_path: str | None = None
    llm: LLMView = field(default_factory=LLMView)
    dropped_claims: int = 0
    rows: int = 15
    """How many hot functions the report lists."""
    investigation: str = "single"
    comparison: Comparison | None = None
    breakdown: Breakdown | None = None
    trend: Trend | None = None
    follow_ups: list[FollowUp] = field(default_factory=list)


def snippets_for(code_refs: list[str], matches: list[SourceMatch]) -> list[CodeSnippet]:
    """Return a few lines around each cited ``path:line`` from the code windows read."""
    snippets: list[CodeSnippet] = []
    for ref in code_refs:
        path, _, line_text = ref.rpartition(":")
        if not line_text.isdigit():
            continue
        line = int(line_text)
        if any(s.path == path and s.start_line <= line <= s.end_line for s in snippets):
            continue  # already shown by the snippet of a nearby cited line
        for match in matches:
            window = match.window
            if window is None or window.path != path:
                continue
            if not window.start_line <= line <= window.end_line:
                continue
            # Show a few lines around the cited line, not the whole window.
            first = max(window.start_line, line - 4)
            last = min(window.end_line, line + 4)
            text = "\n".join(
                f"{number:>5}{'>' if number == line else ' '} "
                f"{window.lines[number - window.start_line]}"
                for number in range(first, last + 1)
            )
            snippets.append(CodeSnippet(path=path, start_line=first, focus_line=line, text=text))
            break
    return snippets


def _finding_view(finding: Finding, matches: list[SourceMatch]) -> FindingView:
    return FindingView(
        title=finding.title,
        kind=finding.kind,
        explanation=finding.explanation,
        recommendation=finding.recommendation,
        evidence=finding.evidence,
        code_refs=finding.code_refs,
        snippets=snippets_for(finding.code_refs, matches),
        estimated_saving_pct=finding.estimated_saving_pct,
        source=finding.source,
    )


def _data_used(inputs: ReportInputs) -> DataUsed:
    table = inputs.table
    if table is None:
        return DataUsed(
            source=inputs.source,
            service_reason=inputs.service_reason,
            profile_type_reason=inputs.profile_type_reason,
            commands=inputs.commands,
            profile_path=inputs.profile_path,
        )
    unit = table.sample_unit
    return DataUsed(
        source=inputs.source,
        service_reason=inputs.service_reason,
        profile_type_reason=inputs.profile_type_reason,
        total=table.total,
        total_text=scaled_label(table.total, unit, "auto"),
        sample_type=table.sample_type,
        sample_unit=unit,
        sample_count=table.sample_count,
        # pprof's own figure for its whole table (the report lists only its first rows).
        table_coverage_pct=round(100.0 * table.shown / table.total, 2) if table.total else 0.0,
        dropped_nodes=table.dropped_nodes,
        dropped_cutoff_text=(
            # In pprof's display unit, as its "Dropped N nodes (cum <= X)" line says it.
            scaled_label(table.dropped_cutoff, unit, table.display_unit or "minimum")
            if table.dropped_nodes
            else ""
        ),
        commands=inputs.commands,
        profile_path=inputs.profile_path,
    )


def cited_lines(inputs: ReportInputs) -> list[tuple[str, int | None]]:
    """Return (function, line) of the checkout code each finding is about, in their order."""
    cited: list[tuple[str, int | None]] = []
    for finding in inputs.findings:
        for item in finding.evidence:
            if not item.in_repo:
                continue
            line = item.line
            for ref in finding.code_refs:
                path, _, number = ref.rpartition(":")
                if path == item.file and number.isdigit():
                    line = int(number)
                    break
            cited.append((item.function, line))
            break
    return cited


def _time_range(used: AttemptView | None, attempts: list[AttemptView]) -> TimeRangeView:
    """Return the window the data comes from: its own time when it reaches outside the asked."""
    if used is None:
        return TimeRangeView(attempts=attempts)
    if used.data_from and used.data_to:
        return TimeRangeView(
            from_=used.data_from,
            to=used.data_to,
            asked=f"{used.label} ({used.from_} .. {used.to})",
            attempts=attempts,
        )
    return TimeRangeView(from_=used.from_, to=used.to, attempts=attempts)


def build_report(inputs: ReportInputs) -> Report:
    """Return the report data for a finished (or absence-ended) run."""
    attempts = inputs.attempts
    used = next((a for a in reversed(attempts) if not a.empty), attempts[-1] if attempts else None)
    git = inputs.git
    notes = [note for note in inputs.notes if note]
    if inputs.outcome != "report":
        notes.insert(0, inputs.absence_reason)
    summary = inputs.summary or (inputs.absence_reason if inputs.outcome != "report" else "")
    hot = (
        hot_functions(
            inputs.table, inputs.matches, inputs.attribution, inputs.rows, cited_lines(inputs)
        )
        if inputs.table is not None
        else []
    )
    return Report(
        outcome=inputs.outcome,
        question=inputs.question,
        services=inputs.services,
        profile_type=inputs.profile_type,
        time_range=_time_range(used, attempts),
        git=GitView(
            profile_refs=git.profile_refs if git else [],
            head=git.head if git else None,
            status=git.status if git else "no_ref",
            message=git.message if git else "",
            changed_files=git.changed_files if git else {},
        ),
        hot_functions=hot,
        findings=[_finding_view(finding, inputs.matches) for finding in inputs.findings],
        summary=summary,
        notes=[note for note in notes if note],
        data=_data_used(inputs),
        llm=inputs.llm,
        dropped_claims=inputs.dropped_claims,
        investigation=inputs.investigation,
        comparison=inputs.comparison,
        breakdown=inputs.breakdown,
        trend=inputs.trend,
        follow_ups=inputs.follow_ups,
    )
