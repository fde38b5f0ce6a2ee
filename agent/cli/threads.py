"""Where the command line keeps threads: the state directory, its SQLite store, thread options.

Threads are kept by a SQLite checkpointer in the state directory (``--state-dir``, env
``PROFILE_INSIGHTS_STATE_DIR``, see :func:`state_dir`), with a small JSON file per thread
holding the non-secret options (repo, recording, URL, format) so that ``resume`` in another
process rebuilds the same context. Tokens are never written.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from profile_insights.agent.errors import UserInputError

if TYPE_CHECKING:
    from langgraph.checkpoint.sqlite import SqliteSaver

STATE_DIR_ENV = "PROFILE_INSIGHTS_STATE_DIR"


def state_dir(option: Path | None) -> Path:
    """Return the state directory: the option, else $PROFILE_INSIGHTS_STATE_DIR, else XDG."""
    if option is not None:
        path = option
    elif os.environ.get(STATE_DIR_ENV):
        path = Path(os.environ[STATE_DIR_ENV])
    else:
        base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
        path = Path(base) / "profile-insights"
    try:
        path.mkdir(parents=True, exist_ok=True)
        (path / "threads").mkdir(exist_ok=True)
    except OSError as error:
        why = "it is not a directory" if path.exists() and not path.is_dir() else error.strerror
        raise UserInputError(
            f"cannot keep threads in {path}: {why or error}",
            f"Point --state-dir (or {STATE_DIR_ENV}) at a writable directory.",
        ) from error
    return path


@contextmanager
def sqlite_checkpointer(directory: Path) -> Iterator[SqliteSaver]:
    """Yield a SQLite checkpointer on ``directory/threads.sqlite``."""
    from langgraph.checkpoint.sqlite import SqliteSaver

    path = directory / "threads.sqlite"
    connection = sqlite3.connect(str(path), check_same_thread=False)
    try:
        saver = SqliteSaver(connection)
        try:
            # Set up now, not on first use, so a damaged file fails here with a clear message.
            saver.setup()
        except sqlite3.DatabaseError as error:
            raise UserInputError(
                f"the thread store {path} cannot be used ({error})",
                "Move that file away (its threads are lost) or use another --state-dir.",
            ) from error
        yield saver
    finally:
        connection.close()


def thread_file(directory: Path, thread_id: str) -> Path:
    """Return the file holding a thread's options (the ID reduced to safe characters)."""
    safe = "".join(ch for ch in thread_id if ch.isalnum() or ch in "-_")
    return directory / "threads" / f"{safe}.json"


def save_options(directory: Path, thread_id: str, options: dict[str, Any]) -> None:
    """Keep a thread's non-secret options so that ``resume`` can rebuild its context."""
    path = thread_file(directory, thread_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(options, indent=2))


def load_options(directory: Path, thread_id: str) -> dict[str, Any]:
    """Return the options a thread was asked with."""
    path = thread_file(directory, thread_id)
    if not path.exists():
        raise UserInputError(
            f"no thread {thread_id} in {directory}",
            "Use the thread_id printed by `ask`, with the same --state-dir.",
        )
    try:
        loaded = json.loads(path.read_text())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UserInputError(
            f"the options of thread {thread_id} in {path} cannot be read ({error})",
            "Ask the question again; delete that file if it was damaged.",
        ) from error
    return loaded if isinstance(loaded, dict) else {}
