"""The graph as a LangChain tool, for chat agents built with LangChain or LangGraph.

A hand-written :class:`~langchain_core.tools.BaseTool` rather than ``graph.as_tool()``:
``as_tool`` does not pass the run-time ``context`` to the graph (its nodes would see
``runtime.context is None``; langgraph-style.md §1.10), and it returns the raw state.

Questions the graph asks (which service, how to connect) reach the host in one of two ways:

* **The host can be interrupted** (it runs the tool inside a LangGraph graph that has a
  checkpointer, e.g. ``StateGraph`` + ``ToolNode`` compiled with ``InMemorySaver``): the graph
  runs as a subgraph of the host's tool node, its ``interrupt`` pauses the host run, and
  ``host.invoke(Command(resume=...), config)`` finishes the same tool call.
* **It cannot** (no checkpointer, or the tool is called directly): the graph runs on the tool's
  own checkpointer and the tool *returns* the question, its options and a ``thread_id``; the
  host agent asks its user and calls the tool again with ``thread_id`` and ``answer``.
"""

from __future__ import annotations

import contextvars
import dataclasses
from pathlib import Path
from typing import Any, Literal

from langchain_core.runnables import RunnableConfig
from langchain_core.tools import BaseTool, ToolException
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.config import get_config
from langgraph.constants import CONFIG_KEY_CHECKPOINTER
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

import profile_insights.agent.api as api
import profile_insights.agent.tool_calls as tool_calls
from profile_insights.agent.errors import ProfileInsightsError, UserInputError, shown
from profile_insights.graph.builder import CompiledGraph, build_graph
from profile_insights.graph.context import Context

TOOL_NAME = "profile_insights"
TOOL_DESCRIPTION = (
    "Answer a performance question (slow, CPU, memory, locks) about a service from its "
    "Pyroscope profiles and the source code of a git checkout. Returns a Markdown report, or "
    "a question to ask the user: then call again with thread_id and answer."
)


def _build_graph() -> CompiledGraph:
    return build_graph()


def refused_arguments(error: ValidationError | Any) -> str:
    """Return what the model reads when its arguments do not fit the tool's schema."""
    problems = error.errors() if hasattr(error, "errors") else []
    first = problems[0] if problems else {}
    where = ".".join(str(part) for part in first.get("loc", ())) or "arguments"
    return (
        f"the {TOOL_NAME} tool was called with an unusable argument: {where}: "
        f"{str(first.get('msg', 'invalid'))[:200]}\n"
        "Call it with a question (a string); add thread_id and answer to continue a thread."
    )


def _host_can_be_interrupted() -> bool:
    """Return whether the caller is a LangGraph run with a checkpointer (it can resume).

    Read from the running node's config (a context variable): ToolNode does not hand the
    parent's internal keys to the tool's ``config`` argument.
    """
    try:
        config = get_config()
    except RuntimeError:  # not inside a LangGraph run at all
        return False
    configurable = config.get("configurable") or {}
    return configurable.get(CONFIG_KEY_CHECKPOINTER) is not None


class ProfileInsightsTool(BaseTool):
    """Run profile-insights on a question; relay its questions to the host (see module doc)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    name: str = TOOL_NAME
    description: str = TOOL_DESCRIPTION
    args_schema: type[BaseModel] = api.ToolArguments
    response_format: Literal["content", "content_and_artifact"] = "content_and_artifact"
    handle_tool_error: bool = True
    # Arguments that do not fit the schema come back to the model as a message it can act on.
    handle_validation_error: Any = Field(default_factory=lambda: refused_arguments)

    # Private attributes: pydantic would otherwise try to build a schema for Context, whose
    # source and model fields are protocols and classes it cannot validate.
    _context: Context = PrivateAttr()
    _checkpointer: BaseCheckpointSaver[Any] = PrivateAttr()
    _embedded: CompiledGraph = PrivateAttr(default_factory=_build_graph)

    def __init__(
        self,
        context: Context | None = None,
        checkpointer: BaseCheckpointSaver[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        """Bind the tool to ``context`` and keep returned questions' threads in ``checkpointer``.

        Args:
            context: Source, default repo, chat model and limits for every call.
            checkpointer: Keeps the threads of questions returned to a host that cannot be
                interrupted (default: memory).
            **kwargs: BaseTool fields (name, description, ...).
        """
        super().__init__(**kwargs)
        self._context = context or Context(interactive=False)
        self._checkpointer = checkpointer or InMemorySaver()

    @property
    def context(self) -> Context:
        """Return the run-time context every call starts from."""
        return self._context

    def _context_for(self, repo: str | None) -> Context:
        if not repo:
            return self._context
        try:
            chosen = Path(repo).expanduser().resolve()
            usable = chosen.is_dir()
        except (OSError, ValueError):  # too long, a NUL byte: no such checkout can exist
            usable = False
        if not usable:
            raise UserInputError(
                f"repo {shown(repo)} is not a directory", "Give the path of the service's checkout."
            )
        return dataclasses.replace(self._context, repo=chosen)

    def _run(
        self,
        question: str,
        repo: str | None = None,
        *,
        config: RunnableConfig | None = None,
        **arguments: Any,
    ) -> tuple[str, dict[str, Any]]:
        """Run (or resume) the graph and return the report, or the question to relay."""
        # LangChain hands over the fields of ToolArguments (args_schema) as keywords.
        call = api.ToolArguments.model_validate({"question": question, **arguments})
        try:
            context = self._context_for(repo)
            inputs = api.input_state(
                question,
                [call.service] if call.service else None,
                call.profile_type,
                call.time_from,
                call.time_to,
                call,
            )
            if _host_can_be_interrupted() and not call.thread_id:
                # A subgraph of the host's tool node: its interrupt pauses the host run, and the
                # host's Command(resume=...) re-enters this call with the answer.
                state = self._embedded.invoke(inputs, config, context=context)
                return self._finished(state)
            # Run detached from any host run (a fresh contextvars context), on our checkpointer.
            return contextvars.Context().run(self._run_standalone, call, context)
        except ProfileInsightsError as error:
            raise ToolException(str(error)) from error

    def _run_standalone(
        self, call: api.ToolArguments, context: Context
    ) -> tuple[str, dict[str, Any]]:
        result = tool_calls.ask_or_continue(
            call.question,
            context=context,
            checkpointer=self._checkpointer,
            services=[call.service] if call.service else None,
            profile_type=call.profile_type,
            time_from=call.time_from,
            time_to=call.time_to,
            thread_id=call.thread_id,
            answer=call.answer,
            investigation=call,
        )
        return tool_calls.result_text(result), result.to_json_dict()

    @staticmethod
    def _finished(state: Any) -> tuple[str, dict[str, Any]]:
        values = dict(state)
        return str(values.get("rendered", "")), dict(values.get("report") or {})


def profile_insights_tool(
    context: Context | None = None,
    *,
    checkpointer: BaseCheckpointSaver[Any] | None = None,
) -> ProfileInsightsTool:
    """Return the profile-insights tool bound to a run-time context.

    Args:
        context: Source, default repo, chat model and limits for every call. Defaults to a
            non-interactive :class:`Context` (PROFILECLI_* from the environment, cwd as repo).
        checkpointer: Where threads of returned questions are kept between calls (defaults to
            memory; give a SQLite saver to survive restarts).
    """
    return ProfileInsightsTool(context=context, checkpointer=checkpointer)
