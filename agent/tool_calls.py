"""One call of a tool-style host (MCP, LangChain): ask, answer, or show the pending question.

Hosts such as an MCP client or a LangChain agent call one tool, again and again: the first call
asks, a later one with the thread's ID answers the question the graph asked. Both tools serve
their calls through :func:`ask_or_continue` and hand back :func:`result_text`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver

from profile_insights.agent.api import ask, make_context, render, resume
from profile_insights.agent.arguments import Investigation
from profile_insights.agent.report.models import Report
from profile_insights.agent.runs import NeedsInput
from profile_insights.agent.threads.location import GIVEN_STORE, GIVEN_STORE_HINT
from profile_insights.graph.context import Context


def ask_or_continue(
    question: str,
    *,
    context: Context | None,
    checkpointer: BaseCheckpointSaver[Any],
    services: Sequence[str] | None = None,
    profile_type: str | None = None,
    time_from: str | None = None,
    time_to: str | None = None,
    thread_id: str | None = None,
    answer: Any = None,
    store_name: str = GIVEN_STORE,
    store_hint: str = GIVEN_STORE_HINT,
    investigation: Investigation | None = None,
) -> Report | NeedsInput:
    """Serve one call of a tool-style host (MCP, LangChain): ask, answer, or re-show a question.

    Without ``thread_id``: :func:`ask` on a new thread. With ``thread_id``: :func:`resume`
    with ``answer`` (without one: the question the thread waits on, or its cut-off run
    continued). A ``context`` of None on a thread call rebuilds the thread's own.

    Raises:
        UserInputError: ``thread_id`` names no thread, or one already answered.
    """
    if thread_id:
        return resume(
            thread_id,
            answer,
            context=context,
            checkpointer=checkpointer,
            store_name=store_name,
            store_hint=store_hint,
            interactive=False,
        )
    chosen = investigation or Investigation()
    return ask(
        question,
        context=context if context is not None else make_context(),
        services=services,
        profile_type=profile_type,
        time_from=time_from,
        time_to=time_to,
        checkpointer=checkpointer,
        baseline_from=chosen.baseline_from,
        baseline_to=chosen.baseline_to,
        baseline_ref=chosen.baseline_ref,
        ref=chosen.ref,
        breakdown_label=chosen.breakdown_label,
    )


def result_text(result: Report | NeedsInput) -> str:
    """Return what a tool hands back: the Markdown report, or the pending question as JSON."""
    if isinstance(result, Report):
        return render(result, "markdown")
    # The host relays this to its user and calls again with thread_id and answer.
    return json.dumps(result.to_json_dict(), indent=2)
