"""What Ctrl-C does while a command runs: stop at once, or raise at a prompt.

A thread's run saves every finished step before the next one starts (``agent/runs.py``), so
the message printed on Ctrl-C can say exactly what to do next: :class:`RunPlace` follows the
step that is running and names the command that continues the thread, or says to ask again
when nothing worth keeping was saved yet.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from profile_insights.agent.cli.output import progress_console

# typer turns KeyboardInterrupt into Exit(130), which standalone_mode=False returns as a value.
INTERRUPTED = 130
INTERRUPTED_MESSAGE = (
    "interrupted (Ctrl-C); nothing more was done. Run the command again when ready."
)


#: The graph's first node: a run cut off there has nothing worth continuing.
FIRST_STEP = "check_tools"


@dataclass
class RunPlace:
    """Where a thread's run is, for the message Ctrl-C prints."""

    thread_id: str
    resume_command: str
    """The command that continues the thread (it names the store, never a password)."""
    new_question: bool
    """True for ``ask`` (a new thread), False for ``resume``."""
    step: str | None = None
    """The node running now (every step before it is saved)."""
    answer_command: str | None = None
    """Set while an answer typed at the prompt is being taken: the command that gives it."""

    def started(self, step: str) -> None:
        """Note that ``step`` started: every step before it, and the answer, are saved."""
        self.step = step
        self.answer_command = None

    def message(self) -> str:
        """Return what Ctrl-C prints: what was kept, and the one command to run next."""
        if self.step is None or (self.new_question and self.step == FIRST_STEP):
            if self.answer_command is not None:
                return (
                    f"interrupted (Ctrl-C) before the answer was taken; thread {self.thread_id} "
                    f"still waits for it: {self.answer_command}"
                )
            if self.new_question:
                return (
                    "interrupted (Ctrl-C) before the question got anywhere; nothing worth "
                    "keeping was saved. Ask the question again."
                )
            return (
                f"interrupted (Ctrl-C) before thread {self.thread_id} moved on; nothing was "
                "changed. Run the same command again."
            )
        return (
            f"interrupted (Ctrl-C) during {self.step}. Thread {self.thread_id} keeps every "
            f"step before it; continue it from {self.step} with: {self.resume_command}"
        )


@contextmanager
def stop_at_once_on_ctrl_c(place: RunPlace | None = None) -> Iterator[None]:
    """Make Ctrl-C end the run at once with a message and exit code 1.

    LangGraph runs nodes in worker threads and, on KeyboardInterrupt, waits for the running
    ones (``pregel/_executor.py``), so a node blocked in a query would hold Ctrl-C for up to
    the query's timeout (60 s, retried). Signal handlers can only be set in the main thread.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_signum: int, _frame: object) -> None:
        text = place.message() if place is not None else INTERRUPTED_MESSAGE
        progress_console.print(text, markup=False)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(1)  # the stores are transactional: a cut-off step is simply not saved

    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def ctrl_c_raises() -> Iterator[None]:
    """Let Ctrl-C at a prompt raise KeyboardInterrupt (an Abort that prints the resume hint).

    No node runs while the user is being asked, so nothing would hold the exit back.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
