"""The run-time context of one question: where profiles come from, the checkout, the model, limits.

LangGraph passes it to every node as ``runtime.context`` (``context_schema=Context``) and never
writes it to a checkpoint, which is why the :class:`SecretStore` is held here and not in
the graph state: a token typed by the user must not reach the state, the checkpoint or a log.

LangGraph Server describes this dataclass to its clients (``assistants.get_schemas()`` is
pydantic's JSON Schema of it) and builds it from a run's JSON ``context`` with
``Context(**context)`` on the server's event loop. Hence three rules: every JSON field is
documented with its default; the Python-only fields (a ready source, a chat model, the secrets)
are left out of the schema, so the server drops them from a JSON context; and nothing here
touches the disk: the default cache directory is made, and the checkout checked, by the nodes,
which the server runs off the loop.
"""

from __future__ import annotations

import os
import tempfile
import threading
from _thread import LockType
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from pydantic import ConfigDict
from pydantic.json_schema import SkipJsonSchema

from profile_insights.agent.errors import ConfigurationError, shown
from profile_insights.agent.pyroscope.credentials import SecretStore, ServerAddress
from profile_insights.agent.pyroscope.source import ProfileSource
from profile_insights.agent.report.render import OutputFormat

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel as ChatModel
    from langgraph.runtime import Runtime
else:
    # Left out of the schema, so pydantic need not know the type: importing LangChain's chat
    # models costs every run without one (the default) start-up time.
    ChatModel = Any


@dataclass(frozen=True, kw_only=True)
class Limits:
    """Bounds that keep a run small: table rows, code read, attempts and model calls."""

    rows: int = field(default=15, metadata={"description": "Rows of the top table reported."})
    analysis_rows: int = field(
        default=40, metadata={"description": "Rows kept for mapping and analysis (>= rows)."}
    )
    candidate_rows: int = field(
        default=400,
        metadata={
            "description": "Rows past analysis_rows kept as possible checkout code (by name)."
        },
    )
    window: int = field(default=20, metadata={"description": "Source lines read each side."})
    code_windows: int = field(
        default=6, metadata={"description": "In-repo code windows given to the analysts."}
    )
    model_rows: int = field(
        default=10, metadata={"description": "Most table rows sent to the chat model."}
    )
    model_code_lines: int = field(
        default=4, metadata={"description": "Hot in-repo lines the chat model sees code around."}
    )
    model_radius: int = field(
        default=6, metadata={"description": "Source lines sent each side of such a line."}
    )
    max_attempts: int = field(
        default=3, metadata={"description": "Merge attempts: 1h, then 6h, then 24h."}
    )
    max_model_calls: int = field(
        default=2, metadata={"description": "Chat-model calls allowed per report."}
    )
    max_follow_ups: int = field(
        default=2,
        metadata={"description": "Profiles of other types a finding is followed into."},
    )
    max_connection_attempts: int = field(
        default=5, metadata={"description": "Configuration questions before giving up."}
    )


SourceFactory = Callable[[ServerAddress, SecretStore, str], ProfileSource]
"""Build a live source from (settings, secrets, kind) where kind is "profilecli" or "http"."""

#: What each JSON field takes, for the error that names a missing or wrong one.
FIELD_HELP: dict[str, tuple[str, str]] = {
    "repo": ("the path of the service's git checkout, as this process sees it", '"/src/checkout"'),
    "recording": ("a recording directory (recording.json and its profiles)", '"/data/recording"'),
    "connection": (
        "the Pyroscope URL and, for a multi-tenant server, the tenant",
        '{"url": "http://localhost:4040", "tenant": "team-a"}',
    ),
    "cache_dir": ("a writable directory for fetched profiles", '"/tmp/profile-insights-cache"'),
    "limits": ("whole numbers for any of the limits", '{"rows": 15, "max_attempts": 3}'),
    "interactive": ("true or false", "false"),
    "use_pprof_tool": ("true or false", "false"),
    "output_format": ('"markdown", "json" or "html"', '"markdown"'),
}


def context_error(name: str, problem: str) -> ConfigurationError:
    """Return the error for a missing or wrong context field: what is wrong, what to put there."""
    what, example = FIELD_HELP[name]
    return ConfigurationError(
        f"the run's context {problem}",
        f'Set "{name}" to {what}, e.g. "{name}": {example} (LangGraph Server: the run\'s '
        "context=...; Python: make_context(...)).",
    )


def default_cache_dir() -> Path:
    """Return (and create) the user's profile cache, or one in the temp directory."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "profile-insights" / "profiles"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        # A read-only home (containers, CI sandboxes): fall back to the temp directory.
        path = Path(tempfile.gettempdir()) / "profile-insights-profiles"
        path.mkdir(parents=True, exist_ok=True)
    return path


def _environment_address() -> ServerAddress:
    return ServerAddress(
        url=os.environ.get("PROFILECLI_URL") or None,
        tenant=os.environ.get("PROFILECLI_TENANT_ID") or None,
    )


@dataclass(kw_only=True)
class Context:
    """Everything a run needs that is not state: sources, the checkout, the model, the limits.

    Give ``source`` to use a ready :class:`ProfileSource` (embedders, tests, shared between
    threads); otherwise ``recording`` selects a recording, and ``connection`` a live server that
    the check-tools node reaches through profilecli (when installed) or HTTP. ``repo`` is
    needed by every run.
    """

    # pydantic describes this dataclass for LangGraph Server: the Python-only fields hold
    # objects it cannot check (a Protocol, a chat model, a lock), hence arbitrary types.
    __pydantic_config__ = ConfigDict(arbitrary_types_allowed=True)

    repo: Path | None = field(
        default=None,
        metadata={
            "description": "Root of the service's git checkout, as the process running the "
            "graph sees it (needed: a run without it stops with an error naming it)."
        },
    )
    recording: Path | None = field(
        default=None,
        metadata={
            "description": "A recording directory to read profiles from instead of a server "
            "(default: none, use the connection)."
        },
    )
    connection: ServerAddress = field(
        default_factory=_environment_address,
        metadata={
            "description": "The live Pyroscope server: URL and tenant (default: PROFILECLI_URL "
            "and PROFILECLI_TENANT_ID of the process running the graph). Tokens never go "
            "here: give that process PROFILECLI_TOKEN."
        },
    )
    interactive: bool = field(
        default=True, metadata={"description": "Whether a person can answer questions now."}
    )
    output_format: OutputFormat = field(
        default="markdown", metadata={"description": "Rendering of the final report."}
    )
    use_pprof_tool: bool = field(
        default=False,
        metadata={"description": "Build the top table with the pprof tool, not the reader."},
    )
    cache_dir: Path | None = field(
        default=None,
        metadata={
            "description": "Where fetched profile bytes are kept (default: "
            "$XDG_CACHE_HOME/profile-insights/profiles, else one in the temp directory)."
        },
    )
    timeout: float | None = field(
        default=None,
        metadata={
            "description": "Seconds each request to Pyroscope may take; a query with its "
            "retries takes at most twice that (default: PROFILE_INSIGHTS_TIMEOUT, else 60)."
        },
    )
    limits: Limits = field(
        default_factory=Limits,
        metadata={"description": "Bounds of the run (each has its default)."},
    )
    source: SkipJsonSchema[ProfileSource | None] = field(
        default=None, metadata={"description": "A ready profile source; wins over the rest."}
    )
    source_factory: SkipJsonSchema[SourceFactory | None] = field(
        default=None,
        metadata={"description": "Builds live sources; defaults to profilecli or HTTP."},
    )
    model: SkipJsonSchema[ChatModel | None] = field(
        default=None, metadata={"description": "Chat model for the analysis; None = no LLM."}
    )
    secrets: SkipJsonSchema[SecretStore] = field(
        default_factory=SecretStore.from_environment, repr=False
    )
    opened: SkipJsonSchema[dict[tuple[str, ...], ProfileSource]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """Live sources built for this context, by kind, URL, tenant and a digest of the secrets."""
    opened_lock: SkipJsonSchema[LockType] = field(
        default_factory=threading.Lock, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        """Turn JSON values into their types, refusing a wrong one with the field's name.

        LangGraph Server passes ``context`` as a dict, so paths arrive as strings and nested
        settings as dicts; this runs on the server's event loop, so it does no I/O.

        Raises:
            ConfigurationError: a field has a value of the wrong kind.
        """
        self.repo = _optional_path("repo", self.repo)
        self.recording = _optional_path("recording", self.recording)
        self.cache_dir = _optional_path("cache_dir", self.cache_dir)
        self.connection = _address(self.connection)
        self.limits = _limits(self.limits)
        for name in ("interactive", "use_pprof_tool"):
            if not isinstance(getattr(self, name), bool):
                raise context_error(name, f'has "{name}": {getattr(self, name)!r}, not a boolean')
        if self.output_format not in get_args(OutputFormat):
            raise context_error(
                "output_format", f'has "output_format": {self.output_format!r}, not a format'
            )

    def checkout(self) -> Path:
        """Return the root of the user's checkout.

        Raises:
            ConfigurationError: the context names no ``repo``, or it is not a directory.
        """
        if self.repo is None:
            raise context_error("repo", 'has no "repo"')
        if not _is_directory(self.repo):
            raise context_error(
                "repo", f'has "repo": "{shown(self.repo)}", which is not a directory'
            )
        return self.repo

    def check_paths(self) -> None:
        """Check ``repo`` (needed) and ``recording`` (when given), as this process sees them.

        Raises:
            ConfigurationError: one is missing or not a directory (the message names it).
        """
        self.checkout()
        if self.recording is not None and not _is_directory(self.recording):
            raise context_error(
                "recording",
                f'has "recording": "{shown(self.recording)}", which is not a directory',
            )

    def profiles_dir(self) -> Path:
        """Return where fetched profiles are kept, creating the directory on first use."""
        if self.cache_dir is None:
            return default_cache_dir()
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        return self.cache_dir


def _is_directory(path: Path) -> bool:
    """Return whether ``path`` is a directory; a path no file system holds is not one."""
    try:
        return path.is_dir()
    except (OSError, ValueError):  # too long, a NUL byte
        return False


def _optional_path(name: str, value: object) -> Path | None:
    if value is None or value == "":
        return None
    if isinstance(value, str | os.PathLike):
        return Path(value)
    raise context_error(name, f'has "{name}": {value!r}, not a path')


def _address(value: object) -> ServerAddress:
    if value is None:
        return _environment_address()
    if isinstance(value, ServerAddress):
        return value
    if not isinstance(value, Mapping):
        raise context_error("connection", f'has "connection": {value!r}, not an object')
    unknown = sorted(set(value) - {"url", "tenant"})
    if unknown:
        raise context_error("connection", f'has "connection" with unknown keys {unknown}')
    for key in ("url", "tenant"):
        if value.get(key) is not None and not isinstance(value.get(key), str):
            raise context_error("connection", f'has "connection.{key}": {value[key]!r}')
    # A key left out falls back to the environment, as make_context's url/tenant do.
    environment = _environment_address()
    return ServerAddress(
        url=value.get("url") or environment.url, tenant=value.get("tenant") or environment.tenant
    )


def _limits(value: object) -> Limits:
    if isinstance(value, Limits):
        return value
    if not isinstance(value, Mapping):
        raise context_error("limits", f'has "limits": {value!r}, not an object')
    known = {item.name for item in fields(Limits)}
    unknown = sorted(set(value) - known)
    if unknown:
        listed = ", ".join(sorted(known))
        raise context_error("limits", f'has "limits" with unknown keys {unknown} (known: {listed})')
    numbers: dict[str, Any] = dict(value)
    for key, number in numbers.items():
        if isinstance(number, bool) or not isinstance(number, int) or number < 0:
            raise context_error("limits", f'has "limits.{key}": {number!r}, not a whole number')
    return Limits(**numbers)


def context_of(runtime: Runtime[Context]) -> Context:
    """Return the run's context (a default one when the caller passed none)."""
    return runtime.context if runtime.context is not None else Context()
