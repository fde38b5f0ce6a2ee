"""Open the thread store a location names, and claim a thread in any checkpointer.

:func:`open_store` is the one place a store is built, from a Postgres URL or a state directory
(:mod:`agent.threads.location` resolves which): the CLI, the MCP server and the Python API
(``profile_insights.agent.thread_store``) all call it. :func:`claim_thread` is how a run makes
sure it is the only one answering a thread: the stores claim across processes (a file lock, an
advisory lock); any other checkpointer (an embedder's ``InMemorySaver``) across the threads of
this process.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from langgraph.checkpoint.base import BaseCheckpointSaver

from profile_insights.agent.threads.location import (
    StoreLocation,
    prepare_directory,
    resolve_location,
)
from profile_insights.agent.threads.sqlite_store import busy_error, open_sqlite


@runtime_checkable
class ClaimsThreads(Protocol):
    """A checkpointer that can hold a thread for one process (the stores of this package)."""

    def claim(self, thread_id: str) -> AbstractContextManager[None]:
        """Hold ``thread_id``, or raise :class:`ThreadConflictError` if someone else does."""
        ...


@contextmanager
def open_store(location: StoreLocation) -> Iterator[BaseCheckpointSaver[Any]]:
    """Yield the checkpointer of ``location``: Postgres for a URL, else SQLite in the directory.

    Raises:
        ThreadStoreError: the store cannot be opened or set up (the message names it, a URL
            without its password).
    """
    if location.url is not None:
        from profile_insights.agent.threads.postgres_store import open_postgres

        with open_postgres(location.url) as saver:
            yield saver
        return
    assert location.directory is not None
    with open_sqlite(prepare_directory(location.directory)) as sqlite_saver:
        yield sqlite_saver


@contextmanager
def thread_store(
    state: str | Path | None = None, *, state_dir: str | Path | None = None
) -> Iterator[BaseCheckpointSaver[Any]]:
    """Open the thread store the CLI and the MCP server use, as a checkpointer.

    ``state`` is a ``postgresql://`` URL or a directory; without it,
    ``PROFILE_INSIGHTS_DATABASE_URL``, then ``PROFILE_INSIGHTS_STATE_DIR``, then the XDG state
    directory. Postgres tables are set up on first use. Pass the result as ``checkpointer=``.

    Raises:
        ThreadStoreError: the store cannot be opened (the message shows no password).
    """
    location = resolve_location(state, Path(state_dir) if state_dir is not None else None)
    with open_store(location) as saver:
        yield saver


_held: set[tuple[int, str]] = set()
_held_lock = threading.Lock()


@contextmanager
def claim_thread(checkpointer: BaseCheckpointSaver[Any], thread_id: str) -> Iterator[None]:
    """Hold ``thread_id`` while a run answers it; fail at once if another run holds it.

    Raises:
        ThreadConflictError: another process (or thread of this one) is answering it.
    """
    if isinstance(checkpointer, ClaimsThreads):
        with checkpointer.claim(thread_id):
            yield
        return
    key = (id(checkpointer), thread_id)
    with _held_lock:
        if key in _held:
            raise busy_error(thread_id)
        _held.add(key)
    try:
        yield
    finally:
        with _held_lock:
            _held.discard(key)
