"""What Ctrl-C does while a command runs: stop at once, or raise at a prompt."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from profile_insights.agent.cli.output import progress_console

# typer turns KeyboardInterrupt into Exit(130), which standalone_mode=False returns as a value.
INTERRUPTED = 130
INTERRUPTED_MESSAGE = (
    "interrupted (Ctrl-C); nothing more was done. Run the command again when ready."
)


@contextmanager
def stop_at_once_on_ctrl_c() -> Iterator[None]:
    """Make Ctrl-C end the run at once with a message and exit code 1.

    LangGraph runs nodes in worker threads and, on KeyboardInterrupt, waits for the running
    ones (``pregel/_executor.py``), so a node blocked in a query would hold Ctrl-C for up to
    the query's timeout (60 s, retried). Signal handlers can only be set in the main thread.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_signum: int, _frame: object) -> None:
        progress_console.print(
            f"{INTERRUPTED_MESSAGE} A question already printed can still be answered with "
            "`profile-insights resume`.",
            markup=False,
        )
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(1)  # the SQLite store is transactional: a cut-off step is simply not saved

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
