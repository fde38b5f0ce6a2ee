"""The embedded thread store: SQLite in the state directory, with claims by file lock.

LangGraph's :class:`SqliteSaver` (WAL journal) with two additions. Every SQLite failure, at
any step of a run, becomes a :class:`ThreadStoreError` naming the file: a store locked by
another process fails after :data:`BUSY_TIMEOUT` seconds (SQLite's own default waits and
retries for up to ~13 s on a run), and a damaged one says so instead of a traceback. And
:meth:`SqliteThreadSaver.claim` takes an exclusive ``flock`` on a per-thread lock file, so
two processes cannot answer one thread at once; the kernel drops it when a process dies,
even by ``kill -9``.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from langgraph.checkpoint.sqlite import SqliteSaver

from profile_insights.agent.errors import ThreadConflictError, ThreadStoreError
from profile_insights.agent.threads.serde import CompressingSerializer

#: Seconds a statement waits for another process's write lock before it fails.
BUSY_TIMEOUT = 3.0


def store_error(path: Path, error: sqlite3.Error) -> ThreadStoreError:
    """Return the typed error for a SQLite failure on the thread store ``path``."""
    text = str(error)
    if "locked" in text or "busy" in text:
        return ThreadStoreError(
            f"the thread store {path} is locked by another process ({text}; waited "
            f"{BUSY_TIMEOUT:.0f} s)",
            "Wait for that process to finish (or stop it), or use another --state-dir.",
        )
    if isinstance(error, sqlite3.DatabaseError) and not isinstance(error, sqlite3.OperationalError):
        return ThreadStoreError(
            f"the thread store {path} is damaged ({text})",
            "Move that file away (its threads are lost) or use another --state-dir.",
        )
    return ThreadStoreError(
        f"the thread store {path} cannot be used ({text})",
        "Check that the directory is writable and the disk not full, or use another --state-dir.",
    )


class SqliteThreadSaver(SqliteSaver):
    """:class:`SqliteSaver` with typed errors, compressed values and per-thread claims."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        """Wrap ``conn`` (the database at ``path``); lock files go beside it."""
        super().__init__(conn, serde=CompressingSerializer())
        self.path = path
        self.lock_dir = path.parent / "locks"

    @contextmanager
    def cursor(self, transaction: bool = True) -> Iterator[sqlite3.Cursor]:
        """Yield the saver's cursor; turn SQLite failures into :class:`ThreadStoreError`."""
        try:
            with super().cursor(transaction) as cur:
                yield cur
        except sqlite3.Error as error:
            raise store_error(self.path, error) from error

    def check_writable(self) -> None:
        """Take and drop the write lock: a store another process holds fails now, in seconds.

        A run makes several writes, and LangGraph goes on to the next after one fails, so a
        locked store would otherwise cost a busy timeout per write.
        """
        with self.lock:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                self.conn.execute("ROLLBACK")
            except sqlite3.Error as error:
                raise store_error(self.path, error) from error

    @contextmanager
    def claim(self, thread_id: str) -> Iterator[None]:
        """Hold the thread for this process, or fail at once if another process holds it.

        The store must also take writes: a run under a claim saves every step.
        """
        name = hashlib.sha256(thread_id.encode()).hexdigest()[:32]
        path = self.lock_dir / f"{name}.lock"
        self.lock_dir.mkdir(parents=True, exist_ok=True)
        while True:
            descriptor = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(descriptor)
                raise busy_error(thread_id) from None
            try:
                same = os.stat(path).st_ino == os.fstat(descriptor).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            # The holder removed the file as it let go: lock the file now at that path.
            os.close(descriptor)
        try:
            self.check_writable()
            yield
        finally:
            # Removed while still held, so that no one locks the old file once it is released.
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
            os.close(descriptor)


def busy_error(thread_id: str) -> ThreadConflictError:
    """Return the error for a thread another process is answering right now."""
    return ThreadConflictError(
        f"thread {thread_id} is already being answered by another process",
        "Wait for that run to finish: its report is then kept with the thread. Ask the "
        "question again for a new thread.",
    )


@contextmanager
def open_sqlite(directory: Path) -> Iterator[SqliteThreadSaver]:
    """Yield the SQLite thread store of ``directory`` (``threads.sqlite``), set up."""
    path = directory / "threads.sqlite"
    try:
        connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT, check_same_thread=False)
    except sqlite3.Error as error:
        raise store_error(path, error) from error
    try:
        saver = SqliteThreadSaver(connection, path)
        try:
            # Set up now, not on first use, so a damaged file fails here with a clear message.
            saver.setup()
            # A damaged page further in is found by the first query that reads it; checking
            # the header and schema pages here catches a file that is not a database at all.
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as error:
            raise store_error(path, error) from error
        yield saver
    finally:
        connection.close()
