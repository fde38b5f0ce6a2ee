"""The model-backed analyst: one structured-output call that writes the code analysis.

It sees only bounded evidence (the top rows, the in-repo code windows and the deterministic
findings), never the raw profile or whole files, and returns findings in the same shape as the
deterministic analyst so the verifier treats both alike. Token use comes from the response's
``usage_metadata``.
"""

from __future__ import annotations

from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from profile_insights.agent.analysis.analyst import problem_kind
from profile_insights.agent.analysis.models import Evidence, Finding, ProblemKind
from profile_insights.agent.code.models import CodeWindow, SourceMatch
from profile_insights.agent.errors import ProfileInsightsError
from profile_insights.agent.profiles.table import TopTable
from profile_insights.prompts import render


class CitedRow(BaseModel):
    """A row of the top table, as the model cites it."""

    function: str = Field(description="The function exactly as in the table.")
    file: str | None = Field(default=None, description="The file as in the table.")
    line: int | None = Field(default=None, description="The line as in the table.")


class ModelFinding(BaseModel):
    """One finding written by the model."""

    title: str = Field(description="Short title naming the problem and the place.")
    kind: ProblemKind = Field(description="The kind of problem.")
    explanation: str = Field(description="Why this code is hot, from the code shown.")
    recommendation: str = Field(description="A specific change to the code shown.")
    evidence: list[CitedRow] = Field(min_length=1, description="Table rows this rests on.")
    code_refs: list[str] = Field(
        default_factory=list, description="path:line places of the code shown that it is about."
    )
    estimated_saving_pct: float | None = Field(
        default=None, description="Share of the total the change could save, in percent."
    )


class ModelAnalysis(BaseModel):
    """The model's answer: a summary and findings ordered by expected impact."""

    summary: str = Field(description="Two or three sentences answering the question.")
    findings: list[ModelFinding] = Field(default_factory=list)


class ModelCall(BaseModel):
    """What one call returned and cost."""

    summary: str
    findings: list[Finding]
    input_tokens: int = 0
    output_tokens: int = 0


class ModelAnalysisError(ProfileInsightsError):
    """The chat model failed or answered something that is not the requested structure."""

    default_hint = "Run again without --model for the deterministic report, or try another model."
    input_tokens: int = 0
    output_tokens: int = 0
    """Tokens the failed call still used (an unparsable answer is paid for too)."""


class Excerpt(BaseModel):
    """Lines of one file shown to the model: overlapping code windows merged into one."""

    path: str
    start_line: int
    lines: list[str]
    focus_lines: list[int]

    @property
    def end_line(self) -> int:
        """Return the 1-based number of the last line."""
        return self.start_line + len(self.lines) - 1


def merge_windows(windows: list[CodeWindow]) -> list[Excerpt]:
    """Merge windows of the same file that overlap or touch, so no line is sent twice."""
    excerpts: list[Excerpt] = []
    for window in sorted(windows, key=lambda w: (w.path, w.start_line)):
        last = excerpts[-1] if excerpts else None
        if last is not None and last.path == window.path and window.start_line <= last.end_line + 1:
            extra = window.lines[last.end_line - window.start_line + 1 :]
            last.lines.extend(extra)
            if window.focus_line not in last.focus_lines:
                last.focus_lines.append(window.focus_line)
            continue
        excerpts.append(
            Excerpt(
                path=window.path,
                start_line=window.start_line,
                lines=list(window.lines),
                focus_lines=[window.focus_line],
            )
        )
    return excerpts


def prompt_messages(
    question: str,
    service: str,
    profile_type: str,
    table: TopTable,
    matches: list[SourceMatch],
    findings: list[Finding],
    *,
    max_windows: int,
) -> list[SystemMessage | HumanMessage]:
    """Return the system and user messages, rendered from ``prompts/analyst_*.j2``."""
    windows = merge_windows(
        [
            match.window
            for match in matches
            if match.kind == "in_repo" and match.window is not None
        ][:max_windows]
    )
    rows = [
        {
            "rank": row.rank,
            "function": row.function or row.name,
            "file": match.repo_path if match is not None and match.repo_path else row.file,
            "line": row.line,
            "flat_pct": row.flat_pct,
            "cum_pct": row.cum_pct,
            "kind": match.kind if match is not None else "unknown",
        }
        for row, match in zip(table.rows, matches, strict=False)
    ]
    system = render("analyst_system.md.j2")
    user = render(
        "analyst_input.md.j2",
        question=question,
        service=service,
        profile_type=profile_type,
        sample_type=table.sample_type,
        rows=rows,
        windows=windows,
        findings=findings,
    )
    return [SystemMessage(content=system), HumanMessage(content=user)]


def _usage(raw: Any) -> tuple[int, int]:
    if isinstance(raw, AIMessage) and raw.usage_metadata:
        return raw.usage_metadata["input_tokens"], raw.usage_metadata["output_tokens"]
    return 0, 0


def call_model(model: BaseChatModel, messages: list[SystemMessage | HumanMessage]) -> ModelCall:
    """Make the one structured-output call and convert its answer to findings."""
    structured = model.with_structured_output(ModelAnalysis, include_raw=True)
    try:
        answer = structured.invoke(messages)
    except ProfileInsightsError:
        raise
    except Exception as error:  # any provider failure becomes a typed error
        raise ModelAnalysisError(f"the chat model call failed: {type(error).__name__}") from error
    raw: Any = None
    parsed: Any = answer
    if isinstance(answer, dict) and "parsed" in answer:
        raw, parsed = answer.get("raw"), answer.get("parsed")
    input_tokens, output_tokens = _usage(raw)
    if isinstance(parsed, dict):
        try:
            parsed = ModelAnalysis.model_validate(parsed)
        except ValueError:
            parsed = None
    if not isinstance(parsed, ModelAnalysis):
        refused = ModelAnalysisError("the chat model did not return the requested structure")
        refused.input_tokens, refused.output_tokens = input_tokens, output_tokens
        raise refused
    findings = [
        Finding(
            title=item.title,
            kind=problem_kind(item.kind),
            explanation=item.explanation,
            recommendation=item.recommendation,
            evidence=[
                Evidence(function=cited.function, file=cited.file, line=cited.line)
                for cited in item.evidence
            ],
            code_refs=item.code_refs,
            estimated_saving_pct=item.estimated_saving_pct,
            source="model",
        )
        for item in parsed.findings
    ]
    return ModelCall(
        summary=parsed.summary,
        findings=findings,
        input_tokens=input_tokens,
        output_tokens=output_tokens,
    )
