"""The last node: assemble the report data from the state and render it with Jinja.

Step 12 of the workflow. :func:`build_report` is the only place that turns state into the public
:class:`~profile_insights.agent.report.models.Report`; the templates in ``prompts/`` only format it.
"""

from __future__ import annotations

import json
from typing import Any

from langgraph.runtime import Runtime

from profile_insights.agent.analysis import knowledge
from profile_insights.agent.analysis.patterns import explain_line, focus_text
from profile_insights.agent.code.models import GitRefCheck, SourceMatch
from profile_insights.graph.context import Context, OutputFormat
from profile_insights.agent.report.html import render_html
from profile_insights.agent.profiles.table import TopRow
from profile_insights.agent.profiles.units import scaled_label
from profile_insights.agent.report.models import (
    AttemptView,
    CodeSnippet,
    DataUsed,
    EvidenceView,
    FindingView,
    GitView,
    HotFunction,
    LLMView,
    Report,
    TimeRangeView,
)
from profile_insights.graph.analysis import findings_of, matches_of
from profile_insights.graph.services import context_of
from profile_insights.graph.progress import emit
from profile_insights.graph.state import State
from profile_insights.prompts import render

_KIND_WORDS = {
    "stdlib": "standard library",
    "runtime": "language runtime",
    "third_party": "third-party dependency",
    "unknown": "not found in this checkout",
}


def _what(row: TopRow, match: SourceMatch | None) -> str:
    entry = knowledge.lookup(row.function or row.name, row.file)
    if entry is not None:
        return entry.meaning.split(". ")[0].rstrip(".")
    if match is not None and match.kind == "in_repo":
        pattern = explain_line(focus_text(match))
        return pattern.what.split(":")[0] if pattern else "code of this repository"
    return _KIND_WORDS.get(match.kind if match is not None else "unknown", "")


#: A function of the checkout leads the table when at least this % of the total ends in it
#: (entry code, which is on every stack, only when it does this much work itself).
MIN_OWN_PCT = 1.0
MIN_ENTRY_OWN_PCT = 10.0


def _is_entry(row: TopRow) -> bool:
    # Program entry and set-up code (Go's package main, a Python script's top level) is on
    # every stack; a service's work is in its packages.
    name = row.function or row.name
    return name.startswith("main.") or name in ("main", "<module>")


def report_order(
    rows: list[TopRow], attribution: dict[int, float], in_repo: set[int], limit: int
) -> list[TopRow]:
    """Return the rows the report lists, most relevant first.

    1. Functions of the checkout by the share of the total that ends in them (each sample
       counts for the innermost line of the checkout on its stack), each with its heaviest
       line: the code doing the work, or calling the library work below it.
    2. The checkout's other lines outside program entry code, in pprof's ``-cum`` order: the
       callers on the hot path (a function calling a cheap helper far too often).
    3. Everything else in pprof's order. Without lines of the checkout this is pprof's order.
    """
    own: dict[str, tuple[float, TopRow]] = {}
    for row in rows:
        share = attribution.get(row.rank, 0.0)
        if row.rank not in in_repo or share <= 0:
            continue
        name = row.function or row.name
        total, best = own.get(name, (0.0, row))
        if share > attribution.get(best.rank, 0.0):
            best = row
        own[name] = (total + share, best)
    leading = [
        best
        for total, best in sorted(own.values(), key=lambda item: (-item[0], item[1].rank))
        if total >= (MIN_ENTRY_OWN_PCT if _is_entry(best) else MIN_OWN_PCT)
    ]
    shown = {row.rank for row in leading}
    callers = [r for r in rows if r.rank in in_repo and r.rank not in shown and not _is_entry(r)]
    shown |= {row.rank for row in callers}
    rest = [row for row in rows if row.rank not in shown]
    return (leading + callers + rest)[:limit]


def _hot_functions(state: State, unit: str, limit: int) -> list[HotFunction]:
    table = state.get("table") or {}
    rows = [TopRow.model_validate(row) for row in table.get("rows", [])]
    match_of = dict(zip((row.rank for row in rows), matches_of(state), strict=False))
    attribution = {int(rank): share for rank, share in (state.get("attribution") or {}).items()}
    repo_ranks = {rank for rank, match in match_of.items() if match.kind == "in_repo"}
    hot = []
    for position, row in enumerate(report_order(rows, attribution, repo_ranks, limit), start=1):
        match = match_of.get(row.rank)
        in_repo = match is not None and match.kind == "in_repo"
        hot.append(
            HotFunction(
                rank=position,
                pprof_rank=row.rank,
                function=row.function or row.name,
                file=match.repo_path if in_repo and match is not None else row.file,
                line=row.line,
                in_repo=in_repo,
                kind=match.kind if match is not None else "unknown",
                flat=row.flat,
                flat_pct=row.flat_pct,
                cum=row.cum,
                cum_pct=row.cum_pct,
                own_pct=attribution.get(row.rank) if in_repo else None,
                flat_text=scaled_label(row.flat, unit, "auto"),
                cum_text=scaled_label(row.cum, unit, "auto"),
                what=_what(row, match),
            )
        )
    return hot


def _snippets(code_refs: list[str], matches: list[SourceMatch]) -> list[CodeSnippet]:
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


def build_report(state: State, context: Context) -> Report:
    """Return the report data for a finished (or absence-ended) run."""
    table = state.get("table") or {}
    attempts = state.get("attempts") or []
    used = next(
        (a for a in reversed(attempts) if not a["empty"]), attempts[-1] if attempts else None
    )
    git = GitRefCheck.model_validate(state["git"]) if state.get("git") else None
    matches = matches_of(state)
    unit = table.get("sample_unit", "")
    total = float(table.get("total", 0.0))
    # pprof's own figure for its whole table (the report lists only its first rows).
    shown = float(table.get("shown", 0.0))
    findings = [
        FindingView(
            title=finding.title,
            kind=finding.kind,
            explanation=finding.explanation,
            recommendation=finding.recommendation,
            evidence=[EvidenceView.model_validate(e.model_dump()) for e in finding.evidence],
            code_refs=finding.code_refs,
            snippets=_snippets(finding.code_refs, matches),
            estimated_saving_pct=finding.estimated_saving_pct,
            source=finding.source,
        )
        for finding in findings_of(state)
    ]
    outcome = state.get("outcome", "report")
    notes = []
    type_note = state.get("type_note")
    if type_note and type_note not in state.get("absence_reason", ""):
        notes.append(type_note)
    for key in ("mapping_note", "analysis_note"):
        if state.get(key):
            notes.append(str(state.get(key)))
    if outcome != "report":
        notes.insert(0, state.get("absence_reason", ""))
    usage = state.get("llm") or {"calls": 0, "input_tokens": 0, "output_tokens": 0}
    model_name = None
    if context.model is not None:
        model_name = getattr(context.model, "model_name", None) or type(context.model).__name__
    summary = state.get("summary") or (
        state.get("absence_reason", "") if outcome != "report" else ""
    )
    tools = state.get("tools") or {}
    return Report(
        outcome=outcome,
        question=state.get("question", ""),
        services=state.get("chosen_services") or [],
        profile_type=state.get("chosen_type"),
        time_range=TimeRangeView(
            from_=used["start"] if used else None,
            to=used["end"] if used else None,
            attempts=[
                AttemptView(label=a["label"], from_=a["start"], to=a["end"], empty=a["empty"])
                for a in attempts
            ],
        ),
        git=GitView(
            profile_refs=git.profile_refs if git else [],
            head=git.head if git else None,
            status=git.status if git else "no_ref",
            message=git.message if git else "",
            changed_files=git.changed_files if git else {},
        ),
        hot_functions=_hot_functions(state, unit, context.limits.rows),
        findings=findings,
        summary=summary,
        notes=[note for note in notes if note],
        data=DataUsed(
            source=tools.get("source", ""),
            service_reason=state.get("service_reason", ""),
            profile_type_reason=state.get("type_reason", ""),
            total=total,
            total_text=scaled_label(total, unit, "auto") if table else "",
            sample_type=table.get("sample_type", ""),
            sample_unit=unit,
            sample_count=int(table.get("sample_count", 0)),
            table_coverage_pct=round(100.0 * shown / total, 2) if total else 0.0,
            dropped_nodes=int(table.get("dropped_nodes", 0)),
            dropped_cutoff_text=(
                # In pprof's display unit, as its "Dropped N nodes (cum <= X)" line says it.
                scaled_label(
                    float(table.get("dropped_cutoff", 0.0)),
                    unit,
                    table.get("display_unit") or "minimum",
                )
                if table.get("dropped_nodes")
                else ""
            ),
            commands=state.get("commands") or [],
            profile_path=state.get("profile_path"),
        ),
        llm=LLMView(
            calls=usage["calls"],
            input_tokens=usage["input_tokens"],
            output_tokens=usage["output_tokens"],
            model=model_name,
        ),
        dropped_claims=state.get("dropped_claims", 0),
    )


def render_text(report: Report, output_format: OutputFormat) -> str:
    """Render the report with the template of ``output_format``."""
    if output_format == "html":
        return render_html(report)
    if output_format == "json":
        return render("report.json.j2", report_json=json.dumps(report.to_json_dict(), indent=2))
    return render("report.md.j2", report=report)


def state_format(output_format: OutputFormat) -> OutputFormat:
    """Return the format ``rendered`` is stored in for a context asking ``output_format``.

    The state is checkpointed after every step, so it keeps only small text: the HTML page
    embeds the flame graph of the whole profile (hundreds of KiB) and is rendered outside the
    graph from the report data (``agent.api.render(report, "html")``); the state holds the
    Markdown then.
    """
    return "markdown" if output_format == "html" else output_format


def render_report(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Assemble the report data and render it (Markdown or JSON) for the state."""
    context = context_of(runtime)
    report = build_report(state, context)
    fmt = state_format(context.output_format)
    rendered = render_text(report, fmt)
    # HTML is rendered outside the graph from this data (see state_format): say what comes.
    shown = context.output_format
    emit("render_report", f"{shown} report, {len(report.findings)} findings")
    return {"report": report.to_json_dict(), "rendered": rendered}
