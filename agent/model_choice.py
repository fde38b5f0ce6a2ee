"""The chat model's help with the service question: one small structured-output call.

Used only when the rules of :mod:`agent.selection` find no clear match and a model is in the
context. The answer is checked against the listed services; anything else (or a model that is
not confident) falls back to asking the user.
"""

from __future__ import annotations

from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage
from pydantic import BaseModel, Field

from profile_insights.prompts import render


class ServicePick(BaseModel):
    """The model's choice of services for the question."""

    services: list[str] = Field(description="Names exactly as listed.")
    confident: bool = Field(description="True only when the question clearly names them.")
    reason: str = Field(description="One sentence: why these services.")


class PickResult(BaseModel):
    """A checked pick (empty when the model could not help) and its token use."""

    services: list[str]
    reason: str
    input_tokens: int = 0
    output_tokens: int = 0


def pick_services(
    model: BaseChatModel, question: str, candidates: list[dict[str, Any]]
) -> PickResult:
    """Ask the model which listed services the question is about; keep only a sure, valid pick."""
    prompt = render("service_choice.md.j2", question=question, candidates=candidates)
    structured = model.with_structured_output(ServicePick, include_raw=True)
    try:
        answer = structured.invoke([HumanMessage(content=prompt)])
    except Exception:  # any provider failure: the user is asked instead
        return PickResult(services=[], reason="the chat model call failed")
    raw = answer.get("raw") if isinstance(answer, dict) else None
    parsed = answer.get("parsed") if isinstance(answer, dict) else answer
    tokens = (0, 0)
    if isinstance(raw, AIMessage) and raw.usage_metadata:
        tokens = (raw.usage_metadata["input_tokens"], raw.usage_metadata["output_tokens"])
    listed = {str(candidate["name"]) for candidate in candidates}
    if (
        not isinstance(parsed, ServicePick)
        or not parsed.confident
        or not parsed.services
        or any(name not in listed for name in parsed.services)
    ):
        return PickResult(
            services=[],
            reason="the chat model was not sure",
            input_tokens=tokens[0],
            output_tokens=tokens[1],
        )
    return PickResult(
        services=list(dict.fromkeys(parsed.services)),
        reason=parsed.reason.strip(),
        input_tokens=tokens[0],
        output_tokens=tokens[1],
    )
