"""The chat model's help with the service question: one small call answered with JSON.

Used only when the rules of :mod:`agent.selection` find no clear match and a model is in the
context. The answer is checked against the listed services; anything else (or a model that is
not confident) falls back to asking the user. Like the analysis, the JSON shape is in the
prompt, so any chat model can answer (no tool calling needed).
"""

from __future__ import annotations

from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage
from pydantic import BaseModel

from profile_insights.agent.analysis.model_analyst import parse_json_reply
from profile_insights.prompts import render


class ServicePick(BaseModel):
    """The model's choice of services for the question."""

    services: list[str]
    confident: bool = False
    reason: str = ""


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
    try:
        reply = model.invoke([HumanMessage(content=prompt)])
    except Exception:  # any provider failure: the user is asked instead
        return PickResult(services=[], reason="the chat model call failed")
    tokens = (0, 0)
    if isinstance(reply, AIMessage) and reply.usage_metadata:
        tokens = (reply.usage_metadata["input_tokens"], reply.usage_metadata["output_tokens"])
    parsed = parse_json_reply(reply.text if isinstance(reply, AIMessage) else "", ServicePick)
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
