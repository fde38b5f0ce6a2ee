"""Running a thread of the graph: the compiled graph, the run loop, and where a run stopped.

A run streams the graph on a thread (``thread_id``) until it ends in a report or stops at a
question (an ``interrupt``). :func:`finish` answers questions given up front, and returns the
:class:`Report` (with the text the graph rendered) or the :class:`NeedsInput` a caller relays.

Every step is saved before the next one starts (``durability="sync"``): a run killed at any
node (``kill -9``, Ctrl-C) leaves the thread at the last finished step, from which
:func:`continue_run` goes on. The thread's options travel in each checkpoint's metadata
(:class:`RunHooks.metadata`, see :mod:`agent.threads.options`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
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

StepStarted = Callable[[str], None]
"""Called with a node's name as it starts (every step before it is saved by then)."""


@dataclass(frozen=True)
class RunHooks:
    """What a run reports as it goes, and the metadata it leaves in each checkpoint."""

    on_progress: Progress | None = None
    on_step: StepStarted | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


class NeedsInput(BaseModel):
    """The run stopped at a question; answer it with ``resume`` on the same thread."""

    status: Literal["needs_input"] = "needs_input"
    thread_id: str
    question: Question

    def to_json_dict(self) -> dict[str, Any]:
        """Return the documented JSON form printed by ``--no-input``."""
        return self.model_dump(mode="json")


_default_saver = InMemorySaver()
# The graphs of the last few checkpointers: compiling takes ~0.1 s, a third of an answered
# resume. Bounded, because each graph holds its checkpointer (a weak map would never let go).
_graphs: OrderedDict[int, tuple[BaseCheckpointSaver[Any], CompiledGraph]] = OrderedDict()
GRAPHS_KEPT = 8
_graph_lock = threading.Lock()


def default_checkpointer() -> BaseCheckpointSaver[Any]:
    """Return the in-process checkpointer used when the caller gives none."""
    return _default_saver


def compiled_graph(checkpointer: BaseCheckpointSaver[Any] | None = None) -> CompiledGraph:
    """Return the graph compiled with ``checkpointer`` (once per checkpointer)."""
    saver = checkpointer if checkpointer is not None else _default_saver
    with _graph_lock:
        found = _graphs.get(id(saver))
        if found is not None and found[0] is saver:
            _graphs.move_to_end(id(saver))
            return found[1]
        graph = build_graph(checkpointer=saver)
        _graphs[id(saver)] = (saver, graph)
        while len(_graphs) > GRAPHS_KEPT:
            _graphs.popitem(last=False)
        return graph


def thread_config(thread_id: str, metadata: dict[str, Any] | None = None) -> RunnableConfig:
    """Return the run configuration that names a thread (and the metadata to checkpoint)."""
    if metadata:
        return RunnableConfig(configurable={"thread_id": thread_id}, metadata=dict(metadata))
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
    payload: InputState | Command[Any] | None,
    thread_id: str,
    context: Context,
    hooks: RunHooks,
) -> None:
    """Run the graph on a thread until it ends or asks, passing progress events on.

    ``payload`` None continues the thread from its last saved step (a run that was cut off).
    Every step is checkpointed before the next starts (``durability="sync"``): a run killed or
    cut off at any step continues from its last step, on this machine or another sharing the
    store. It costs a commit per step (about a fifth of a second on the demo with SQLite).
    """
    for part in graph.stream(
        payload,
        thread_config(thread_id, hooks.metadata),
        context=context,
        stream_mode=["custom", "tasks"] if hooks.on_step is not None else ["custom"],
        version="v2",
        durability="sync",
    ):
        data = part["data"]
        if part["type"] == "custom" and hooks.on_progress is not None and isinstance(data, dict):
            hooks.on_progress(str(data.get("step", "")), str(data.get("detail", "")))
        elif part["type"] == "tasks" and hooks.on_step is not None and isinstance(data, dict):
            if "input" in data:  # a task starting (its result has no input)
                hooks.on_step(str(data.get("name", "")))


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


def cut_off_at(graph: CompiledGraph, thread_id: str) -> tuple[str, ...]:
    """Return the steps a thread was about to run when its run stopped without a question.

    Empty for a thread that finished, waits on a question, or does not exist.
    """
    snapshot = graph.get_state(thread_config(thread_id))
    if snapshot.interrupts:
        return ()
    return tuple(snapshot.next)


def thread_exists(graph: CompiledGraph, thread_id: str) -> bool:
    """Return whether the checkpointer holds any checkpoint of ``thread_id``."""
    return graph.get_state(thread_config(thread_id)).created_at is not None


def continue_run(
    graph: CompiledGraph, thread_id: str, context: Context, hooks: RunHooks
) -> Report | NeedsInput:
    """Run a cut-off thread on from its last saved step to the report or the next question."""
    stream_run(graph, None, thread_id, context, hooks)
    return finish(graph, thread_id, context, {}, hooks)


def finish(
    graph: CompiledGraph,
    thread_id: str,
    context: Context,
    answers: dict[str, Any],
    hooks: RunHooks,
) -> Report | NeedsInput:
    """Answer the questions given up front; return the report or the first unanswered one."""
    while True:
        question = pending(graph, thread_id)
        if question is None:
            return finished_report(dict(graph.get_state(thread_config(thread_id)).values))
        kind = question.question.kind
        if kind not in answers:
            return question
        resume_once(graph, thread_id, context, kind, answers.pop(kind), hooks)


def resume_once(
    graph: CompiledGraph,
    thread_id: str,
    context: Context,
    kind: str,
    answer: Any,
    hooks: RunHooks,
) -> None:
    """Check an answer against its question's schema, then resume the thread with it."""
    value = answer_value(kind, answer)
    schema = answer_schema(kind)
    try:
        # Checked before it reaches the graph: LangGraph saves a resume value with the thread,
        # and a refused answer (a URL carrying a password) must never be written there.
        schema.model_validate(value)
        stream_run(graph, Command(resume=value), thread_id, context, hooks)
    except ValidationError as error:
        raise UserInputError(
            f"the answer was refused: {refusal(error)}",
            "Answer again with a value the question accepts; the question is still pending.",
        ) from error
