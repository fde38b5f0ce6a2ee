"""Running a thread of the graph: the compiled graph, the run loop, and where a run stopped.

A run streams the graph on a thread (``thread_id``) until it ends in a report or stops at a
question (an ``interrupt``). :func:`finish` answers questions given up front, and returns the
:class:`Report` (with the text the graph rendered) or the :class:`NeedsInput` a caller relays.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command
from pydantic import BaseModel, ValidationError

from profile_insights.agent.errors import UserInputError
from profile_insights.agent.report.models import Report
from profile_insights.graph.builder import CompiledGraph, build_graph
from profile_insights.graph.context import Context
from profile_insights.graph.questions import (
    QUESTION_KINDS,
    Question,
    answer_schema,
    answer_value,
    refusal,
)
from profile_insights.graph.state import InputState

Progress = Callable[[str, str], None]
"""Called with (step, detail) for every progress event of the run."""


class NeedsInput(BaseModel):
    """The run stopped at a question; answer it with ``resume`` on the same thread."""

    status: Literal["needs_input"] = "needs_input"
    thread_id: str
    question: Question

    def to_json_dict(self) -> dict[str, Any]:
        """Return the documented JSON form printed by ``--no-input``."""
        return self.model_dump(mode="json")


_default_saver = InMemorySaver()
_default_graph: list[CompiledGraph] = []
_graph_lock = threading.Lock()


def default_checkpointer() -> BaseCheckpointSaver[Any]:
    """Return the in-process checkpointer used when the caller gives none."""
    return _default_saver


def compiled_graph(checkpointer: BaseCheckpointSaver[Any] | None = None) -> CompiledGraph:
    """Return the graph compiled with ``checkpointer`` (the default one is compiled once)."""
    if checkpointer is not None:
        return build_graph(checkpointer=checkpointer)
    with _graph_lock:
        if not _default_graph:
            _default_graph.append(build_graph(checkpointer=_default_saver))
        return _default_graph[0]


def thread_config(thread_id: str) -> RunnableConfig:
    """Return the run configuration that names a thread."""
    return RunnableConfig(configurable={"thread_id": thread_id})


def pending(graph: CompiledGraph, thread_id: str) -> NeedsInput | None:
    """Return the question a thread waits on, or None."""
    snapshot = graph.get_state(thread_config(thread_id))
    for item in snapshot.interrupts:
        value = item.value
        if isinstance(value, dict) and value.get("kind") in QUESTION_KINDS:
            return NeedsInput(thread_id=thread_id, question=Question.model_validate(value))
    return None


def stream_run(
    graph: CompiledGraph,
    payload: InputState | Command[Any],
    thread_id: str,
    context: Context,
    on_progress: Progress | None,
) -> None:
    """Run the graph on a thread until it ends or asks, passing progress events on.

    The thread is checkpointed when the run stops (a report, a question, an error), not after
    every step: a thread is only ever resumed at a question, and a SQLite commit per step cost
    the CLI a fifth of a second on the demo.
    """
    for part in graph.stream(
        payload,
        thread_config(thread_id),
        context=context,
        stream_mode=["custom"],
        version="v2",
        durability="exit",
    ):
        if on_progress is not None and part["type"] == "custom":
            data = part["data"]
            if isinstance(data, dict):
                on_progress(str(data.get("step", "")), str(data.get("detail", "")))


def finished_report(values: dict[str, Any]) -> Report:
    """Return the report of a finished thread, with the text the graph rendered for it."""
    if not values.get("report"):
        raise UserInputError("the run ended without a report", "Run the question again.")
    report = Report.model_validate(values["report"])
    report.rendered_format = values.get("rendered_format") or None
    page = values.get("rendered_file")
    if page:
        try:
            report.rendered = Path(page).read_text(encoding="utf-8")
        except OSError:
            report.rendered_format = None  # rendered again on demand (the file was removed)
    else:
        report.rendered = values.get("rendered") or ""
    return report


def finish(
    graph: CompiledGraph,
    thread_id: str,
    context: Context,
    answers: dict[str, Any],
    on_progress: Progress | None,
) -> Report | NeedsInput:
    """Answer the questions given up front; return the report or the first unanswered one."""
    while True:
        question = pending(graph, thread_id)
        if question is None:
            return finished_report(dict(graph.get_state(thread_config(thread_id)).values))
        kind = question.question.kind
        if kind not in answers:
            return question
        resume_once(graph, thread_id, context, kind, answers.pop(kind), on_progress)


def resume_once(
    graph: CompiledGraph,
    thread_id: str,
    context: Context,
    kind: str,
    answer: Any,
    on_progress: Progress | None,
) -> None:
    """Check an answer against its question's schema, then resume the thread with it."""
    value = answer_value(kind, answer)
    schema = answer_schema(kind)
    try:
        # Checked before it reaches the graph: LangGraph saves a resume value with the thread,
        # and a refused answer (a URL carrying a password) must never be written there.
        schema.model_validate(value)
        stream_run(graph, Command(resume=value), thread_id, context, on_progress)
    except ValidationError as error:
        raise UserInputError(
            f"the answer was refused: {refusal(error)}",
            "Answer again with a value the question accepts; the question is still pending.",
        ) from error
