"""The run-time context of one question: where profiles come from, the checkout, the model, limits.

LangGraph passes it to every node as ``runtime.context`` (``context_schema=Context``) and never
writes it to a checkpoint, which is why the :class:`SecretStore` is held here and not in
the graph state: a token typed by the user must not reach the state, the checkpoint or a log.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from profile_insights.agent.pyroscope.credentials import SecretStore, ServerAddress
from profile_insights.agent.report.render import OutputFormat

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langgraph.runtime import Runtime

    from profile_insights.agent.pyroscope.source import ProfileSource


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
    max_connection_attempts: int = field(
        default=5, metadata={"description": "Configuration questions before giving up."}
    )


SourceFactory = Callable[[ServerAddress, SecretStore, str], "ProfileSource"]
"""Build a live source from (settings, secrets, kind) where kind is "profilecli" or "http"."""


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "profile-insights" / "profiles"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        # A read-only home (containers, CI sandboxes): fall back to the temp directory.
        path = Path(tempfile.gettempdir()) / "profile-insights-profiles"
        path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(kw_only=True)
class Context:
    """Everything a run needs that is not state: sources, the checkout, the model, the limits.

    Give ``source`` to use a ready :class:`ProfileSource` (embedders, tests, shared between
    threads); otherwise ``recording`` selects a recording, and ``connection`` a live server that
    the check-tools node reaches through profilecli (when installed) or HTTP.
    """

    source: ProfileSource | None = field(
        default=None, metadata={"description": "A ready profile source; wins over the rest."}
    )
    recording: Path | None = field(
        default=None, metadata={"description": "A recording directory to read profiles from."}
    )
    connection: ServerAddress = field(
        default_factory=lambda: ServerAddress(
            url=os.environ.get("PROFILECLI_URL") or None,
            tenant=os.environ.get("PROFILECLI_TENANT_ID") or None,
        ),
        metadata={"description": "Pyroscope URL and tenant (defaults from PROFILECLI_*)."},
    )
    source_factory: SourceFactory | None = field(
        default=None,
        metadata={"description": "Builds live sources; defaults to profilecli or HTTP."},
    )
    repo: Path = field(
        default_factory=Path.cwd, metadata={"description": "Root of the user's git checkout."}
    )
    model: BaseChatModel | None = field(
        default=None, metadata={"description": "Chat model for the analysis; None = no LLM."}
    )
    interactive: bool = field(
        default=True, metadata={"description": "Whether a person can answer questions now."}
    )
    limits: Limits = field(default_factory=Limits)
    output_format: OutputFormat = field(
        default="markdown", metadata={"description": "Rendering of the final report."}
    )
    use_pprof_tool: bool = field(
        default=False,
        metadata={"description": "Build the top table with the pprof tool, not the reader."},
    )
    cache_dir: Path = field(
        default_factory=_default_cache_dir,
        metadata={"description": "Where fetched profile bytes are kept (state holds the path)."},
    )
    timeout: float | None = field(
        default=None,
        metadata={
            "description": "Seconds each request to Pyroscope may take; a query with its "
            "retries takes at most twice that (default: PROFILE_INSIGHTS_TIMEOUT, else 60)."
        },
    )
    secrets: SecretStore = field(default_factory=SecretStore.from_environment, repr=False)
    opened: dict[tuple[str, ...], ProfileSource] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """Live sources built for this context, by kind, URL, tenant and a digest of the secrets."""
    opened_lock: threading.Lock = field(
        default_factory=threading.Lock, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        """Turn JSON values into their types: LangGraph Server passes ``context`` as a dict.

        ``runs.wait(..., context={"repo": "/src/app", ...})`` reaches the graph as
        ``Context(**context)`` (langgraph ``_coerce_context``), so paths arrive as strings
        and nested settings as dicts.
        """
        self.repo = Path(self.repo)
        if self.recording is not None:
            self.recording = Path(self.recording)
        self.cache_dir = Path(self.cache_dir)
        if isinstance(self.connection, dict):
            self.connection = ServerAddress(**self.connection)
        if isinstance(self.limits, dict):
            self.limits = Limits(**self.limits)


def context_of(runtime: Runtime[Context]) -> Context:
    """Return the run's context (a default one when the caller passed none)."""
    return runtime.context if runtime.context is not None else Context()
