"""A scripted chat model for the tests, and factories the CLI's --model module:factory can load.

It subclasses langchain-core's ``GenericFakeChatModel`` the way LangGraph's own tests do
(``bind_tools`` returns the model, so it can also stand in for a tool-calling host agent's
model); the service pick and the analysis are JSON replies in the message text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatResult

COUPON = "github.com/acme/checkout/internal/pricing.validCoupon"
#: The rank of the ``validCoupon`` row at internal/pricing/pricing.go:61 in the demo profile's
#: ``-lines -top -cum`` table (the model cites rows by rank).
COUPON_RANK = 4


class ScriptedChatModel(GenericFakeChatModel):
    """Answer with scripted messages and remember every prompt it was sent."""

    seen: list[list[BaseMessage]] = []

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
        return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)


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


def grounded_model() -> ScriptedChatModel:
    """Return a model that answers the analysis with one grounded finding (for --model)."""
    model = ScriptedChatModel(messages=iter([analysis_message([GROUNDED])]))
    model.seen = []
    return model
