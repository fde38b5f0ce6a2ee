"""Where the command line keeps threads: the ``--state`` / ``--state-dir`` options and their store.

Threads are kept by :mod:`profile_insights.agent.threads`: SQLite in the state directory by
default (``--state-dir``, env ``PROFILE_INSIGHTS_STATE_DIR``), or Postgres with ``--state
postgresql://...`` (env ``PROFILE_INSIGHTS_DATABASE_URL``) when many processes or machines
share threads. A thread's non-secret options (repo, recording, URL, tenant, format, model)
are stored in its checkpoints, so ``resume`` anywhere rebuilds the same context. Tokens are
never written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from profile_insights.agent.errors import UserInputError
from profile_insights.agent.threads.location import (
    DATABASE_URL_ENV,
    STATE_DIR_ENV,
    StoreLocation,
    resolve_location,
)

if TYPE_CHECKING:
    from langgraph.checkpoint.base import BaseCheckpointSaver

    from profile_insights.agent.threads.options import ThreadOptions

StateOption = Annotated[
    str | None,
    typer.Option(
        "--state",
        help=f"Thread store: a postgresql:// URL or a directory (env {DATABASE_URL_ENV}).",
        show_default=False,
    ),
]
StateDirOption = Annotated[
    Path | None,
    typer.Option("--state-dir", help=f"Directory of the SQLite threads (env {STATE_DIR_ENV})."),
]


def store_location(state: str | None, state_dir: Path | None) -> StoreLocation:
    """Return the store the options name (``--state`` wins over ``--state-dir``)."""
    if state is not None and state_dir is not None:
        raise typer.BadParameter("give --state or --state-dir, not both")
    return resolve_location(state, state_dir)


def thread_options(
    saver: BaseCheckpointSaver[Any], location: StoreLocation, thread_id: str
) -> ThreadOptions:
    """Return the options a thread was asked with: from the store, else an older options file.

    Raises:
        UserInputError: the store has no such thread.
    """
    from profile_insights.agent.threads.options import legacy_options, stored_options

    found = stored_options(saver, thread_id)
    if found is None and location.directory is not None:
        found = legacy_options(location.directory, thread_id)
    if found is None:
        raise UserInputError(
            f"no thread {thread_id} in {location.describe()}",
            f"Use the thread_id printed by `ask`, with {location.option_hint()}; or ask the "
            "question again.",
        )
    return found
