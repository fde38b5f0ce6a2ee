"""The options a thread was asked with, kept in its checkpoints so any process can resume it.

A resume must run with the context of the first call: the same checkout, recording or server,
tenant, report format and model. The context itself is never checkpointed (it holds the
secrets), so its non-secret options travel as :class:`ThreadOptions` in the metadata of every
checkpoint of the thread (LangGraph copies a run's ``config["metadata"]`` there): a process with
another state directory, or on another machine, reads them back from the shared store.
Threads asked before kept them in ``<state dir>/threads/<id>.json``; those are still read.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit, urlunsplit

from langgraph.checkpoint.base import BaseCheckpointSaver
from pydantic import BaseModel, Field, ValidationError

if TYPE_CHECKING:
    from profile_insights.graph.context import Context

#: The checkpoint metadata key; its value is the options as a JSON string (LangGraph keeps
#: only flat str/int/float/bool values of a run's metadata).
METADATA_KEY = "profile_insights_options"


class ThreadOptions(BaseModel):
    """What a thread needs to be run again: where the profiles and the code are, how to report."""

    repo: str = Field(description="Absolute path of the git checkout.")
    recording: str | None = Field(default=None, description="Recording directory, if any.")
    url: str | None = Field(
        default=None, description="Pyroscope URL, without credentials (they stay in the env)."
    )
    tenant: str | None = Field(default=None, description="Tenant ID (X-Scope-OrgID).")
    output_format: Literal["markdown", "json", "html"] = Field(default="markdown")
    model: str | None = Field(
        default=None, description="The --model spec (provider:model or module:factory)."
    )
    pprof: bool = Field(default=False, description="Build the table with the pprof tool.")

    def metadata(self) -> dict[str, Any]:
        """Return the run metadata that stores these options in every checkpoint."""
        return {METADATA_KEY: self.model_dump_json(exclude_none=True)}

    def live_url(self) -> str | None:
        """Return the server URL to use, with credentials from ``PROFILECLI_URL`` if it has them.

        The stored URL never carries credentials; a user who wrote them into PROFILECLI_URL
        (``http://user:pass@host``) gets them back when that variable names the same server.
        """
        from_env = os.environ.get("PROFILECLI_URL") or None
        if self.url is None:
            return from_env
        if from_env and without_credentials(from_env) == self.url:
            return from_env
        return self.url


def without_credentials(url: str | None) -> str | None:
    """Return ``url`` without a ``user:password@`` part (secrets never enter a checkpoint)."""
    if not url:
        return url
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None  # unparsable: it cannot be checked for a secret, so keep none of it
    if not (parts.username or parts.password) or host is None:
        return url
    netloc = host if ":" not in host else f"[{host}]"
    if port is not None:
        netloc = f"{netloc}:{port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def options_from_metadata(metadata: dict[str, Any] | None) -> ThreadOptions | None:
    """Return the options stored in one checkpoint's metadata, or None."""
    stored = (metadata or {}).get(METADATA_KEY)
    if not isinstance(stored, str):
        return None
    try:
        return ThreadOptions.model_validate_json(stored)
    except ValidationError:
        return None


def stored_options(checkpointer: BaseCheckpointSaver[Any], thread_id: str) -> ThreadOptions | None:
    """Return the options a thread was asked with, from its latest checkpoint that has them."""
    config = {"configurable": {"thread_id": thread_id}}
    latest = checkpointer.get_tuple(config)  # type: ignore[arg-type]
    if latest is None:
        return None
    found = options_from_metadata(dict(latest.metadata or {}))
    if found is not None:
        return found
    # A run through another way in (an embedder's own call) may have left them out.
    for item in checkpointer.list(config, limit=100):  # type: ignore[arg-type]
        found = options_from_metadata(dict(item.metadata or {}))
        if found is not None:
            return found
    return None


def legacy_options(directory: Path, thread_id: str) -> ThreadOptions | None:
    """Return the options of a thread asked before they moved into the store, if any."""
    safe = "".join(ch for ch in thread_id if ch.isalnum() or ch in "-_")
    path = directory / "threads" / f"{safe}.json"
    try:
        loaded = json.loads(path.read_text())
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(loaded, dict) or not loaded.get("repo"):
        return None
    try:
        return ThreadOptions(
            repo=str(loaded["repo"]),
            recording=loaded.get("recording"),
            url=without_credentials(loaded.get("url")),
            tenant=loaded.get("tenant"),
            output_format=loaded.get("format") or "markdown",
            model=loaded.get("model"),
            pprof=bool(loaded.get("pprof")),
        )
    except ValidationError:
        return None


def options_of(context: Context, model: str | None = None) -> ThreadOptions:
    """Return the options to store for a thread run with ``context`` (``model``: its spec)."""
    return ThreadOptions(
        repo=str(context.repo),
        recording=str(context.recording) if context.recording is not None else None,
        url=without_credentials(context.connection.url),
        tenant=context.connection.tenant,
        output_format=context.output_format,
        model=model,
        pprof=context.use_pprof_tool,
    )
