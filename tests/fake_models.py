"""The tests' fake chat model, and factories the CLI's --model module:factory can load.

The service pick and the analysis are JSON replies in the message text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field

COUPON = "github.com/acme/checkout/internal/pricing.validCoupon"
#: The rank of the ``validCoupon`` row at internal/pricing/pricing.go:61 in the demo profile's
#: ``-lines -top -cum`` table (the model cites rows by rank).
COUPON_RANK = 4


Reply = Callable[[list[BaseMessage]], AIMessage]
"""What the model answers, from the messages of a call."""


class FunctionChatModel(BaseChatModel):
    """A chat model whose answer to each call is ``reply(messages)``; it keeps every prompt.

    The one fake model of the tests (as pydantic-ai's ``FunctionModel``): scripted answers,
    answers computed from the prompt, or a tool-using host agent's turns are all a ``reply``.
    ``bind_tools`` returns the model itself, so it can stand in for a host agent's model.
    """

    reply: Reply
    seen: list[list[BaseMessage]] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "function"

    def bind_tools(self, tools: Sequence[Any], *, tool_choice: Any = None, **kwargs: Any) -> Any:
        return self

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.seen.append(list(messages))
        return ChatResult(generations=[ChatGeneration(message=self.reply(list(messages)))])


def scripted_model(messages: Iterable[AIMessage]) -> FunctionChatModel:
    """Return a model that answers call after call with these messages, in order."""
    script = iter(messages)
    return FunctionChatModel(reply=lambda _: next(script))


def analysis_message(findings: list[dict[str, Any]]) -> AIMessage:
    """Return the analysis reply: a JSON object in the text, as the system prompt asks."""
    answer = {
        "summary": "Checkout spends most CPU compiling the coupon regexp per call.",
        "findings": findings,
    }
    return AIMessage(
        content=f"```json\n{json.dumps(answer)}\n```",
        usage_metadata={"input_tokens": 1234, "output_tokens": 321, "total_tokens": 1555},
    )


GROUNDED = {
    "title": "validCoupon recompiles the coupon pattern on every call",
    "kind": "cpu_hotspot",
    "why": "regexp.MustCompile(couponPattern) runs for every coupon check.",
    "fix": "Hoist the compiled regexp into a package-level var.",
    "rows": [COUPON_RANK],
    "refs": ["internal/pricing/pricing.go:61"],
    "saving_pct": 250.0,
}


def grounded_model() -> FunctionChatModel:
    """Return a model that answers the analysis with one grounded finding (for --model)."""
    return scripted_model([analysis_message([GROUNDED])])
