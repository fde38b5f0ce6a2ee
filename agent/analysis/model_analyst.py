"""The model-backed analyst: one chat call that writes the code analysis as a JSON reply.

It sees only bounded evidence, encoded compactly: the rows it can act on (in-repo rows, the top
rows and the rows the deterministic findings cite; one line each), short code excerpts around
the hot in-repo lines the deterministic analyst located, and those findings as one-line hints.
Never the raw profile, whole files or every window that was read. It cites rows by their rank
and returns findings in the same shape as the deterministic analyst, so the verifier treats
both alike. Token use comes from the response's ``usage_metadata``.

The answer is a JSON object in the reply text, its shape given in the system prompt, rather
than a provider's structured-output tool: any chat model can answer it (tool calling is not
needed), and the shape costs about a third of the tokens of a JSON schema sent on every call.
"""

from __future__ import annotations

from typing import Any, TypeVar

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage
from pydantic import BaseModel, Field

from profile_insights.agent.analysis.advice import problem_kind
from profile_insights.agent.analysis.model_prompt import AnalystPrompt, PromptRow
from profile_insights.agent.analysis.models import Evidence, Finding
from profile_insights.agent.errors import ProfileInsightsError

_Reply = TypeVar("_Reply", bound=BaseModel)


class ModelFinding(BaseModel):
    """One finding written by the model (the keys are explained in the system prompt)."""

    title: str
    kind: str = "other"
    why: str
    fix: str
    rows: list[int] = Field(min_length=1)
    refs: list[str] = Field(default_factory=list)
    saving_pct: float | None = None


class ModelAnalysis(BaseModel):
    """The model's answer: a summary and findings ordered by expected impact."""

    summary: str
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


def _usage(raw: Any) -> tuple[int, int]:
    if isinstance(raw, AIMessage) and raw.usage_metadata:
        return raw.usage_metadata["input_tokens"], raw.usage_metadata["output_tokens"]
    return 0, 0


def cited_evidence(rank: int, rows: dict[int, PromptRow]) -> Evidence:
    """Return the evidence a cited rank stands for.

    A rank that was not shown becomes evidence no table row has, so the verifier drops the
    finding and counts it: the model may only cite what it was sent.
    """
    row = rows.get(rank)
    if row is None:
        return Evidence(function=f"row {rank} (not among the rows sent)")
    return row.evidence


def _reply_text(message: Any) -> str:
    if isinstance(message, AIMessage):
        return message.text
    return str(getattr(message, "content", message))


def parse_json_reply(text: str, shape: type[_Reply]) -> _Reply | None:
    """Return the JSON object in a reply as ``shape`` (fences and prose around it are ignored)."""
    first, last = text.find("{"), text.rfind("}")
    if first < 0 or last <= first:
        return None
    try:
        return shape.model_validate_json(text[first : last + 1])
    except ValueError:
        return None


def parse_analysis(text: str) -> ModelAnalysis | None:
    """Return the analysis in a reply, or None when it holds no such JSON object."""
    return parse_json_reply(text, ModelAnalysis)


def call_model(model: BaseChatModel, prompt: AnalystPrompt) -> ModelCall:
    """Make the one chat call and convert its JSON reply to findings."""
    try:
        reply = model.invoke(prompt.messages)
    except ProfileInsightsError:
        raise
    except Exception as error:  # any provider failure becomes a typed error
        raise ModelAnalysisError(f"the chat model call failed: {type(error).__name__}") from error
    input_tokens, output_tokens = _usage(reply)
    parsed = parse_analysis(_reply_text(reply))
    if parsed is None:
        refused = ModelAnalysisError("the chat model did not answer with the requested JSON")
        refused.input_tokens, refused.output_tokens = input_tokens, output_tokens
        raise refused
    findings = [
        Finding(
            title=item.title,
            kind=problem_kind(item.kind),
            explanation=item.why,
            recommendation=item.fix,
            evidence=[cited_evidence(rank, prompt.rows) for rank in item.rows],
            code_refs=item.refs,
            estimated_saving_pct=item.saving_pct,
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
