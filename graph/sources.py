"""The profile source of a run: built from the :class:`Context` and the user's connection answers.

The check-tools step chooses the kind (a recording when one is given, else profilecli when it
is installed, else HTTP); every later step asks :func:`open_source` for the same source. Live
sources are built with the secrets of the context's store, which never enter the graph state.
"""

from __future__ import annotations

import hashlib
from typing import cast

from profile_insights.agent.errors import ConfigurationError
from profile_insights.agent.pyroscope.credentials import SecretStore, ServerAddress
from profile_insights.agent.pyroscope.source import ProfileSource, SourceKind
from profile_insights.graph.context import Context
from profile_insights.graph.progress import emit
from profile_insights.graph.state import State


def choose_kind(context: Context, profilecli_version: str | None) -> SourceKind:
    """Return the kind of source a run uses."""
    if context.source is not None:
        return context.source.kind
    if context.recording is not None:
        return "recording"
    return "profilecli" if profilecli_version else "http"


def settings_for(context: Context, url: str | None, tenant: str | None) -> ServerAddress:
    """Return the connection settings: the user's answers first, then the context's."""
    return ServerAddress(
        url=url or context.connection.url, tenant=tenant or context.connection.tenant
    )


def _secret_key(secrets: SecretStore) -> str:
    # Part of the cache key so that a new token builds a new client; only a digest is kept.
    material = "\0".join(f"{name}={secrets.get(name)}" for name in secrets.names())
    return hashlib.sha256(material.encode()).hexdigest()


def _waiting(line: str) -> None:
    # Called by a source between tries, inside the node that queries: a progress line.
    emit("waiting", line)


def default_factory(
    address: ServerAddress, secrets: SecretStore, kind: str, timeout: float | None = None
) -> ProfileSource:
    """Build a live source with profilecli or HTTP, as the check-tools step chose."""
    # Imported here for start-up time: a recording (the demo, the evals) never loads httpx.
    from profile_insights.agent.pyroscope.settings import ConnectionSettings

    if not address.url:
        raise ConfigurationError("PROFILECLI_URL is not set and no recording was given.")
    # from_env, as profilecli reads PROFILECLI_URL: it refuses a malformed URL and moves
    # credentials written into it (http://user:pass@host) to Basic auth, out of every message.
    settings = ConnectionSettings.from_env(
        url=address.url,
        environ={
            "PROFILECLI_TOKEN": secrets.get("token") or "",
            "PROFILECLI_USERNAME": secrets.get("username") or "",
            "PROFILECLI_PASSWORD": secrets.get("password") or "",
            "PROFILECLI_TENANT_ID": address.tenant or "",
        },
    )
    if kind == "profilecli":
        from profile_insights.agent.pyroscope.profilecli_source import ProfilecliSource

        built: ProfileSource = ProfilecliSource(settings, timeout=timeout, on_wait=_waiting)
        return built
    from profile_insights.agent.pyroscope.http_source import HttpSource

    return HttpSource(settings, timeout=timeout, on_wait=_waiting)


def open_source(
    context: Context, kind: SourceKind, url: str | None = None, tenant: str | None = None
) -> ProfileSource:
    """Return the source for this run, building (and caching) it on first use."""
    if context.source is not None:
        return context.source
    settings = settings_for(context, url, tenant)
    key = (
        kind,
        str(context.recording) if kind == "recording" else settings.url or "",
        settings.tenant or "",
        _secret_key(context.secrets),
    )
    with context.opened_lock:
        found = context.opened.get(key)
    if found is not None:
        return found
    if kind == "recording":
        from profile_insights.agent.pyroscope.recorded_source import RecordedSource  # start-up

        if context.recording is None:
            raise ConfigurationError("no recording directory was given")
        source: ProfileSource = RecordedSource(context.recording)
    else:
        if context.source_factory is not None:
            source = context.source_factory(settings, context.secrets, kind)
        else:
            source = default_factory(settings, context.secrets, kind, context.timeout)
    with context.opened_lock:
        context.opened[key] = source
    return source


def source_of(state: State, context: Context) -> ProfileSource:
    """Return the source the check-tools step chose, with the user's connection answers."""
    tools = state.get("tools") or {}
    connection = state.get("connection") or {}
    kind = tools.get("source_kind") or choose_kind(context, None)
    if kind not in ("recording", "profilecli", "http"):
        raise ConfigurationError(f"unknown source kind {kind!r} in the thread's state")
    return open_source(
        context,
        cast(SourceKind, kind),
        connection.get("url"),
        connection.get("tenant"),
    )
