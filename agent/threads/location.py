"""Where threads are kept: a Postgres URL or a state directory, and how to name it safely.

Every way in resolves the same way: ``--state`` (a ``postgresql://`` URL or a directory), then
``--state-dir``, then ``PROFILE_INSIGHTS_DATABASE_URL``, then ``PROFILE_INSIGHTS_STATE_DIR``,
then ``$XDG_STATE_HOME/profile-insights``. A URL is only ever shown without its password
(:func:`redact_url`): it names the store in messages, hints and logs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from profile_insights.agent.errors import ThreadStoreError

STATE_DIR_ENV = "PROFILE_INSIGHTS_STATE_DIR"
DATABASE_URL_ENV = "PROFILE_INSIGHTS_DATABASE_URL"
POSTGRES_SCHEMES = ("postgresql", "postgres")
#: How the Python API names a store it was handed (the CLI and MCP name their own options).
GIVEN_STORE = "the checkpointer given"
GIVEN_STORE_HINT = "the checkpointer that holds it (checkpointer=...)"


@dataclass(frozen=True)
class StoreLocation:
    """A thread store: a Postgres URL (``url``) or a directory holding SQLite (``directory``)."""

    url: str | None = None
    directory: Path | None = None

    @property
    def is_postgres(self) -> bool:
        """Return whether the threads are kept in Postgres."""
        return self.url is not None

    def describe(self) -> str:
        """Return the store's name for messages: the URL without its password, or the file."""
        if self.url is not None:
            return redact_url(self.url)
        assert self.directory is not None
        return str(self.directory / "threads.sqlite")

    def option_hint(self) -> str:
        """Return how to point another command at this same store (no secret in it)."""
        if self.url is not None:
            return f"the same --state or {DATABASE_URL_ENV}"
        return f"the same --state-dir ({self.directory})"


def is_database_url(value: str) -> bool:
    """Return whether ``value`` names a Postgres database rather than a directory."""
    return urlsplit(value).scheme.lower() in POSTGRES_SCHEMES


def redact_url(url: str) -> str:
    """Return ``url`` with its password (and any ``password=`` parameter) replaced by ``***``."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        # Unparsable: it cannot be checked for a secret, so show none of it.
        return "a database URL that cannot be parsed"
    netloc = host if ":" not in host else f"[{host}]"
    if port is not None:
        netloc = f"{netloc}:{port}"
    if parts.username:
        user = parts.username + (":***" if parts.password is not None else "")
        netloc = f"{user}@{netloc}"
    query = "&".join(
        "password=***" if item.lower().startswith("password=") else item
        for item in parts.query.split("&")
        if item
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def default_state_dir() -> Path:
    """Return ``$PROFILE_INSIGHTS_STATE_DIR``, else ``$XDG_STATE_HOME/profile-insights``."""
    if os.environ.get(STATE_DIR_ENV):
        return Path(os.environ[STATE_DIR_ENV])
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "profile-insights"


def resolve_location(
    state: str | Path | None = None, state_dir: Path | None = None
) -> StoreLocation:
    """Return where threads are kept, from the options first, then the environment.

    Args:
        state: ``--state``: a ``postgresql://`` URL or a directory.
        state_dir: ``--state-dir``: a directory (SQLite inside it).
    """
    if state is not None and str(state):
        text = str(state)
        if is_database_url(text):
            return StoreLocation(url=text)
        return StoreLocation(directory=Path(text).expanduser())
    if state_dir is not None:
        return StoreLocation(directory=state_dir.expanduser())
    url = os.environ.get(DATABASE_URL_ENV)
    if url:
        if not is_database_url(url):
            raise ThreadStoreError(
                f"{DATABASE_URL_ENV} is not a postgresql:// URL ({redact_url(url)})",
                f"Set it to postgresql://USER:PASSWORD@HOST:PORT/DATABASE, or unset it to keep "
                f"threads in {STATE_DIR_ENV}.",
            )
        return StoreLocation(url=url)
    return StoreLocation(directory=default_state_dir())


def prepare_directory(path: Path) -> Path:
    """Create the state directory when missing; refuse one that cannot hold threads."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        why = "it is not a directory" if path.exists() and not path.is_dir() else error.strerror
        raise ThreadStoreError(
            f"cannot keep threads in {path}: {why or error}",
            f"Point --state-dir (or {STATE_DIR_ENV}) at a writable directory.",
        ) from error
    return path
