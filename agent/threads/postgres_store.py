"""The shared thread store: LangGraph's Postgres checkpointer, set up once, claimed per thread.

Many CLI runs, MCP servers and API workers, on one machine or many, keep their threads in one
Postgres database (``--state postgresql://...`` or ``PROFILE_INSIGHTS_DATABASE_URL``). On top
of :class:`PostgresSaver` this adds:

* setup on first use, under an advisory lock: two processes opening a fresh database at once
  would both run the migrations, and the loser fails on a duplicate table or migration row;
* :meth:`PostgresThreadSaver.claim`, a session advisory lock per thread, so that two processes
  cannot answer one thread at once (Postgres drops it with the session, so a killed process
  leaves no lock behind);
* errors that name the database without its password, and short channel versions (a row
  repeats each channel's version twice; LangGraph's 52-character ones were a third of it);
* compressed values (:mod:`agent.threads.serde`), long strings included: the checkpointer
  keeps every string inline in every row, and a rendered JSON report alone made one 20 KB.

psycopg and the checkpointer come with the ``postgres`` extra and are imported here only.
"""

from __future__ import annotations

import functools
import hashlib
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from profile_insights.agent.errors import ThreadStoreError
from profile_insights.agent.threads.location import redact_url
from profile_insights.agent.threads.serde import CompressingSerializer, LongText
from profile_insights.agent.threads.sqlite_store import busy_error

if TYPE_CHECKING:
    from langgraph.checkpoint.postgres import PostgresSaver
    from psycopg import Connection

#: Strings longer than this go to a compressed blob instead of inline into the row.
INLINE_TEXT = 1024
#: Seconds to wait for a connection, so that an unreachable server fails in a few seconds.
CONNECT_TIMEOUT = 5
#: Seconds a process waits for another one to finish setting up the tables.
SETUP_WAIT = 60.0
#: Advisory-lock keys are 64-bit: these name our setup lock and our thread locks.
SETUP_LOCK_KEY = int.from_bytes(
    hashlib.sha256(b"profile-insights:setup").digest()[:8], "big", signed=True
)


def thread_lock_key(thread_id: str) -> int:
    """Return the advisory-lock key of a thread (64 bits of a SHA-256 of its ID)."""
    digest = hashlib.sha256(f"profile-insights:thread:{thread_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _reason(error: BaseException, url: str) -> str:
    """Return the driver's reason on one line, with the password scrubbed out if it is in it."""
    from urllib.parse import unquote, urlsplit

    text = " ".join(str(error).split()) or type(error).__name__
    try:
        password = urlsplit(url).password
    except ValueError:
        password = None
    for secret in {password, unquote(password or "")} - {None, ""}:
        text = text.replace(str(secret), "***")
    return text


@functools.cache
def _saver_class() -> Callable[[Connection[Any], str], PostgresSaver]:
    """Return the store's saver class (psycopg imported on first use: the postgres extra)."""
    import psycopg
    from langchain_core.runnables import RunnableConfig
    from langgraph.checkpoint.base import ChannelVersions, Checkpoint, CheckpointMetadata
    from langgraph.checkpoint.postgres import PostgresSaver

    class PostgresThreadSaver(PostgresSaver):
        """:class:`PostgresSaver` with typed errors, compact versions and per-thread claims."""

        def __init__(self, conn: Connection[Any], url: str) -> None:
            super().__init__(conn, serde=CompressingSerializer())
            self.url = url

        def put(
            self,
            config: RunnableConfig,
            checkpoint: Checkpoint,
            metadata: CheckpointMetadata,
            new_versions: ChannelVersions,
        ) -> RunnableConfig:
            # Every string is wrapped alike, so a channel is a blob from its first version on
            # (an unchanged channel is left out of the row and read from that blob).
            values = checkpoint["channel_values"]
            if any(isinstance(v, str) and len(v) > INLINE_TEXT for v in values.values()):
                checkpoint = checkpoint.copy()
                checkpoint["channel_values"] = {
                    key: LongText(value)
                    if isinstance(value, str) and len(value) > INLINE_TEXT
                    else value
                    for key, value in values.items()
                }
            return super().put(config, checkpoint, metadata, new_versions)

        def get_next_version(self, current: str | None, channel: None) -> str:
            # Same order as LangGraph's (a zero-padded counter, then a random part so that
            # two forks of a thread never share a blob key), 19 characters instead of 52.
            counter = 0 if current is None else int(str(current).split(".")[0])
            return f"{counter + 1:010d}.{random.getrandbits(32):08x}"

        @contextmanager
        def _cursor(self, *, pipeline: bool = False) -> Iterator[Any]:
            # Every query of the saver goes through here: a dropped connection or a failing
            # server mid-run becomes one clear message instead of a psycopg traceback.
            try:
                with super()._cursor(pipeline=pipeline) as cursor:
                    yield cursor
            except psycopg.Error as error:
                raise ThreadStoreError(
                    f"the thread store {redact_url(self.url)} failed: {_reason(error, self.url)}",
                    "Check that the Postgres server is up and reachable, then resume the thread.",
                ) from error

        @contextmanager
        def claim(self, thread_id: str) -> Iterator[None]:
            """Hold the thread for this process, or fail at once if another process holds it."""
            key = thread_lock_key(thread_id)
            # A connection of its own: the lock lives as long as this session, not a query.
            with _connect(self.url) as connection:
                row = connection.execute("SELECT pg_try_advisory_lock(%s) AS held", (key,))
                held = row.fetchone()
                if not held or not held["held"]:
                    raise busy_error(thread_id)
                try:
                    yield
                finally:
                    connection.execute("SELECT pg_advisory_unlock(%s)", (key,))

    return PostgresThreadSaver


def _require_driver() -> None:
    """Fail with the install command when the ``postgres`` extra is missing."""
    try:
        import langgraph.checkpoint.postgres  # noqa: F401
        import psycopg  # noqa: F401
    except ImportError as error:
        raise ThreadStoreError(
            "keeping threads in Postgres needs psycopg and langgraph-checkpoint-postgres",
            "Install them with: pip install 'profile-insights[postgres]'",
        ) from error


def _connect(url: str) -> Connection[Any]:
    """Open an autocommit connection (as PostgresSaver wants it); fail with a clear message."""
    _require_driver()
    import psycopg
    from psycopg.rows import dict_row

    try:
        return psycopg.Connection.connect(
            url,
            autocommit=True,
            prepare_threshold=0,
            row_factory=dict_row,
            connect_timeout=CONNECT_TIMEOUT,
        )
    except psycopg.Error as error:
        raise ThreadStoreError(
            f"cannot open the thread store {redact_url(url)}: {_reason(error, url)}",
            "Check the URL's host, port, user, password and database name, and that the server "
            "accepts connections from this machine (--state or PROFILE_INSIGHTS_DATABASE_URL).",
        ) from error


def _is_set_up(connection: Connection[Any], latest: int) -> bool:
    row = connection.execute(
        "SELECT to_regclass('checkpoint_migrations') IS NOT NULL AS present"
    ).fetchone()
    if not row or not row["present"]:
        return False
    version = connection.execute("SELECT max(v) AS v FROM checkpoint_migrations").fetchone()
    return version is not None and version["v"] is not None and int(version["v"]) >= latest


def _set_up(saver: PostgresSaver, connection: Connection[Any], url: str) -> None:
    """Create or migrate the tables once, whichever process gets there first."""
    latest = len(saver.MIGRATIONS) - 1
    if _is_set_up(connection, latest):
        return
    deadline = time.monotonic() + SETUP_WAIT
    # Polled, not waited for: a session blocked in pg_advisory_lock holds a snapshot, and
    # the setup's CREATE INDEX CONCURRENTLY waits for every older snapshot to end.
    while True:
        row = connection.execute("SELECT pg_try_advisory_lock(%s) AS held", (SETUP_LOCK_KEY,))
        held = row.fetchone()
        if held and held["held"]:
            break
        if time.monotonic() > deadline:
            raise ThreadStoreError(
                f"another process has been setting up the thread store {redact_url(url)} for "
                f"over {SETUP_WAIT:.0f} s",
                "Check that process (or the database's locks), then try again.",
            )
        time.sleep(0.05)
    try:
        if not _is_set_up(connection, latest):
            saver.setup()
    finally:
        connection.execute("SELECT pg_advisory_unlock(%s)", (SETUP_LOCK_KEY,))


@contextmanager
def open_postgres(url: str) -> Iterator[PostgresSaver]:
    """Yield the Postgres thread store at ``url``, its tables set up on first use."""
    _require_driver()
    import psycopg

    saver_class = _saver_class()
    connection = _connect(url)
    try:
        saver = saver_class(connection, url)
        try:
            _set_up(saver, connection, url)
        except psycopg.Error as error:
            raise ThreadStoreError(
                f"cannot set up the thread tables in {redact_url(url)}: {_reason(error, url)}",
                "Give the user CREATE rights on the database's schema once (or run the first "
                "command as its owner), then try again.",
            ) from error
        yield saver
    finally:
        connection.close()
