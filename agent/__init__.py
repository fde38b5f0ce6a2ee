"""profile-insights: answer performance questions from Pyroscope profiles and your source code.

The names for embedders, in one place::

    from profile_insights.agent import ask, resume, NeedsInput, Report, build_graph, Context

They are loaded on first use (PEP 562 ``__getattr__``), for start-up time only: every command
of the CLI imports a module of this package, and ``profile-insights top`` or ``--help`` must
not pay for LangGraph (about a second). No import cycle depends on it: the layers contract in
pyproject.toml (import-linter) keeps every import pointing down.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from profile_insights.agent.api import (
        NeedsInput,
        PendingQuestion,
        ask,
        make_context,
        pending_question,
        render,
        resume,
        thread_store,
    )
    from profile_insights.agent.report.models import Report
    from profile_insights.agent.tools import ProfileInsightsTool, profile_insights_tool
    from profile_insights.graph.builder import build_graph
    from profile_insights.graph.context import Context, Limits

_EXPORTS = {
    "ask": "profile_insights.agent.api",
    "resume": "profile_insights.agent.api",
    "thread_store": "profile_insights.agent.api",
    "pending_question": "profile_insights.agent.api",
    "render": "profile_insights.agent.api",
    "make_context": "profile_insights.agent.api",
    "NeedsInput": "profile_insights.agent.api",
    "PendingQuestion": "profile_insights.agent.api",
    "Context": "profile_insights.graph.context",
    "Limits": "profile_insights.graph.context",
    "Report": "profile_insights.agent.report.models",
    "build_graph": "profile_insights.graph.builder",
    "profile_insights_tool": "profile_insights.agent.tools",
    "ProfileInsightsTool": "profile_insights.agent.tools",
}

__all__ = [
    "Context",
    "Limits",
    "NeedsInput",
    "PendingQuestion",
    "ProfileInsightsTool",
    "Report",
    "ask",
    "build_graph",
    "make_context",
    "pending_question",
    "profile_insights_tool",
    "render",
    "resume",
    "thread_store",
]


def __getattr__(name: str) -> Any:
    """Return the public name ``name``, importing its module on first use."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
