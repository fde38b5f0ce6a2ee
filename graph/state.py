"""The graph's state, and the questions it asks the user with the answers it accepts.

The state is small and JSON-friendly (it is checkpointed after every step): no secrets, no
profile bytes (``profile_path`` and ``profile_digest`` point at the cached file), and the top
table trimmed to the rows a report uses. Rich values are stored as ``model_dump(mode="json")``
dicts of the pydantic models in ``agent`` and validated again where they are read.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator
from typing_extensions import TypedDict

QuestionKind = Literal["configure_connection", "choose_service"]
Outcome = Literal["report", "never_sent", "no_recent_data", "empty_window", "missing_type"]


class ToolsInfo(TypedDict, total=False):
    """What the check-tools step found on this machine."""

    profilecli: str | None
    """profilecli's version, or None when it is not installed."""
    pprof: str | None
    """The pprof command found (``pprof`` or ``go tool pprof``), or None."""
    source_kind: str
    """The source chosen: recording, profilecli or http."""
    source: str
    """The source's own description (URL without credentials, or the recording path)."""


class ConnectionInfo(TypedDict, total=False):
    """The live server settings answered by the user (a token never goes here)."""

    url: str | None
    tenant: str | None


class ConnectionProblem(TypedDict):
    """Why the last connection check failed."""

    kind: Literal["unset", "unreachable", "auth", "error"]
    message: str


class ServiceInfo(TypedDict):
    """A service seen in the series, with its repository and whether it is this checkout."""

    name: str
    repository: str | None
    matches_checkout: bool


class Candidate(TypedDict):
    """A service ranked against the question."""

    name: str
    score: float
    reason: str
    repository: str | None
    matches_checkout: bool


class Attempt(TypedDict):
    """One merge query of the widening loop and what it returned."""

    label: str
    """The relative range asked, e.g. now-6h..now."""
    start: str
    end: str
    empty: bool


class LLMUsage(TypedDict):
    """Chat-model calls made for this report and their token counts (from usage_metadata)."""

    calls: int
    input_tokens: int
    output_tokens: int


class InputState(TypedDict, total=False):
    """What a caller passes in: the question and optional choices made up front."""

    question: str
    """The user's question, e.g. "Why is the ingester slow?"."""
    services: list[str]
    """Services chosen up front (--service); skips the service question."""
    profile_type: str | None
    """A profile type ID chosen up front (--profile-type)."""
    time_from: str | None
    """Explicit start (now-2h, RFC3339, unix); disables widening."""
    time_to: str | None
    """Explicit end; defaults to now."""


class State(InputState, total=False):
    """The whole state of one question, from the tools found to the rendered report."""

    tools: ToolsInfo
    connection: ConnectionInfo
    """Server settings answered by the user; None fields fall back to the context."""
    connection_problem: ConnectionProblem | None
    """Why the connection check failed, or None once it succeeded."""
    connection_attempts: int
    available_types: list[str]
    """Profile type IDs the server has (series over __profile_type__)."""
    catalog: list[ServiceInfo]
    """Every service seen, with repository and checkout match."""
    origin: str | None
    """``git remote get-url origin`` of the checkout."""
    candidates: list[Candidate]
    """Services ranked for the question, best first."""
    chosen_services: list[str]
    service_reason: str
    """Why these services were analysed (shown in the report)."""
    answer_error: str | None
    """Why the last answer to the service question was refused."""
    chosen_type: str
    type_reason: str
    type_note: str | None
    """Which SDK setting enables a wanted but missing profile type."""
    attempts: list[Attempt]
    """The widening history, first attempt first."""
    outcome: Outcome
    absence_reason: str
    """Why there is no profile to analyse (never sent vs no recent data)."""
    profile_path: str | None
    profile_digest: str | None
    table: dict[str, Any] | None
    """TopTable.model_dump(mode="json"), trimmed to the reported rows."""
    nesting: dict[str, Any] | None
    """Nesting.model_dump(mode="json"): which of those rows run inside which."""
    attribution: dict[str, float] | None
    """Row rank -> % of the total whose innermost line of the checkout is that row."""
    commands: list[str]
    """profilecli and pprof commands that reproduce the data."""
    matches: list[dict[str, Any]]
    """SourceMatch dumps, one per reported row."""
    git: dict[str, Any] | None
    """GitRefCheck dump."""
    mapping_note: str | None
    """What the bounded search of the checkout left out (nested clones, file cap), or None."""
    findings: list[dict[str, Any]]
    """Finding dumps after verification."""
    summary: str
    analysis_note: str | None
    """Why the model's analysis is missing (the deterministic findings stand)."""
    dropped_claims: int
    llm: LLMUsage
    report: dict[str, Any]
    """The report data (agent.report.Report dump)."""
    rendered: str
    """The report as Markdown, or JSON when the context asks for JSON (never the HTML page:
    it is rendered outside the graph from ``report``)."""


class Question(BaseModel):
    """A question put to the user through ``interrupt``: what to ask and the options offered."""

    kind: QuestionKind
    message: str
    options: list[dict[str, Any]] = Field(default_factory=list)


class ServiceAnswer(BaseModel):
    """The answer to the service question: one or more of the listed service names."""

    services: list[str] = Field(min_length=1)

    @field_validator("services")
    @classmethod
    def _strip(cls, value: list[str]) -> list[str]:
        names = [name.strip() for name in value if name.strip()]
        if not names:
            raise ValueError("name at least one service")
        return names


class ConnectionAnswer(BaseModel):
    """The answer to the configuration question: a new URL and/or tenant, or just retry.

    A token is never part of the answer: the caller puts it in the context's secret store.
    """

    url: str | None = None
    tenant: str | None = None
    retry: bool = False

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("the URL must start with http:// or https://")
        if "@" in value.split("//", 1)[1].split("/", 1)[0]:
            raise ValueError("put credentials in the token, not in the URL")
        return value
