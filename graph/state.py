"""The graph's state, and the one place its stored values are read back as typed models.

The state is small and JSON-friendly (it is checkpointed after every step, by any checkpointer
a host brings): no secrets, no profile bytes (``profile_digest`` names the cached file and
``profile_query`` how to fetch it again: ``graph/profile_cache.py`` reads it back), and the
top table trimmed to the rows a report uses. Rich values are stored as
``model_dump(mode="json")`` dicts of the pydantic models of the lower layers; the readers at
the end of this module (:func:`table_of`, :func:`matches_of`, ...) are the only code that turns
them back into models, so no node validates state by hand.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired

from pydantic import ConfigDict, with_config
from typing_extensions import TypedDict

from profile_insights.agent.analysis.models import Finding
from profile_insights.agent.code.models import GitRefCheck, SourceMatch
from profile_insights.agent.profiles.nesting import Nesting
from profile_insights.agent.profiles.ownership import Ownership
from profile_insights.agent.profiles.table import TopTable
from profile_insights.agent.report.models import Outcome


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
    last_seen: NotRequired[str]
    """For a service that sent nothing in the last 24 hours: when its last profile was seen."""


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
    data_start: NotRequired[str]
    """When the samples reach outside the range asked (a recording's whole profiles): from."""
    data_end: NotRequired[str]
    """... and to."""


class Window(TypedDict, total=False):
    """A planned query window: its range, how it is named, and labels that scope it."""

    label: str
    start: str
    end: str
    labels: dict[str, str]
    """Extra exact matchers, e.g. ``service_git_ref`` for one deploy's data."""
    refs: list[str]
    shift_seconds: float
    """For a baseline "the same window earlier": how far back from the current window."""
    reason: str


class ProfileQuery(TypedDict):
    """A merge query that fetched a profile (analysed or baseline), to fetch it again elsewhere."""

    selector: str
    profile_type: str
    start: str
    """RFC3339, to the microsecond (exactly the instant asked)."""
    end: str


class LLMUsage(TypedDict):
    """Chat-model calls made for this report and their token counts (from usage_metadata)."""

    calls: int
    input_tokens: int
    output_tokens: int


# The field docstrings are the descriptions LangGraph Server publishes (get_schemas()).
@with_config(ConfigDict(use_attribute_docstrings=True))
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
    baseline_from: str | None
    """Start of a baseline window to compare with (like time_from); makes a comparison."""
    baseline_to: str | None
    """End of that baseline window; defaults to now."""
    baseline_ref: str | None
    """A git ref (hash prefix or version label) to compare with; makes a comparison."""
    ref: str | None
    """The ref compared against the baseline (default: the latest one with data)."""
    breakdown_label: str | None
    """A label to break the cost down by (endpoint, pod, region, ...)."""


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
    unmatched_names: list[str]
    """Names the question gives that no service has (said when asking which one is meant)."""
    chosen_services: list[str]
    service_reason: str
    """Why these services were analysed (shown in the report)."""
    answer_error: str | None
    """Why the last answer to a question was refused (shown when it is asked again)."""
    chosen_type: str
    type_reason: str
    type_note: str | None
    """Which SDK setting enables a wanted but missing profile type."""
    investigation: dict[str, Any] | None
    """Investigation.model_dump(mode="json"): single window, comparison, breakdown or trend."""
    current_window: Window | None
    """The window (and label scope) planned for the profile analysed, when not the ladder's."""
    baseline_window: Window | None
    """The baseline's window and scope (a comparison), None until it is chosen."""
    baseline_options: list[dict[str, Any]]
    """The baselines offered when the question names none (refs with their windows)."""
    baseline_error: str | None
    """Why the last answer to the baseline question was refused."""
    baseline_attempts: list[Attempt]
    """The baseline's merge attempts (widened on its own when empty)."""
    baseline_path: str | None
    baseline_digest: str | None
    baseline_query: ProfileQuery | None
    """The merge that fetched the baseline, to fetch it again where it is not cached."""
    comparison: dict[str, Any] | None
    """Comparison.model_dump(mode="json") for the report's "What changed" section."""
    comparison_note: str | None
    """Why a comparison asked for could not be made (no baseline data)."""
    label_options: list[dict[str, Any]]
    """The labels offered when a breakdown question names none (with their values)."""
    label_error: str | None
    """Why the last answer to the label question was refused."""
    breakdown_by: str | None
    """The label a breakdown splits the cost by, once chosen (None: no breakdown)."""
    label_reason: str
    """Why that label was chosen."""
    breakdown: dict[str, Any] | None
    """Breakdown.model_dump(mode="json"): each value's share and its own top functions."""
    breakdown_note: str | None
    """Why a breakdown asked for was not made (no label fits, no data with the label)."""
    trend: dict[str, Any] | None
    """Trend.model_dump(mode="json"): a trend question's totals over time and their direction."""
    follow_up_plan: list[dict[str, Any]]
    """PlannedFollowUp dumps: the profile types the findings are followed into, in order."""
    follow_ups: list[dict[str, Any]]
    """FollowUp dumps: what each follow-up found (one per planned follow-up done)."""
    attempts: list[Attempt]
    """The widening history, first attempt first."""
    outcome: Outcome
    absence_reason: str
    """Why there is no profile to analyse (never sent vs no recent data)."""
    profile_path: str | None
    """Where this machine cached the profile (another machine looks in its own cache)."""
    profile_digest: str | None
    """SHA-256 of the profile bytes: the cache's file name, checked when fetched again."""
    profile_query: ProfileQuery | None
    table: dict[str, Any] | None
    """TopTable.model_dump(mode="json"), trimmed to the reported rows."""
    nesting: dict[str, Any] | None
    """Nesting.model_dump(mode="json"): which of those rows run inside which."""
    attribution: dict[str, float] | None
    """Row rank -> % of the total whose innermost line of the checkout is that row."""
    ownership: dict[str, Any] | None
    """Ownership.model_dump(mode="json"): what each line of the checkout owns, and what the
    library did below it (the heaviest lines)."""
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
    """The report as Markdown or JSON (empty for HTML: see ``rendered_file``)."""
    rendered_format: str
    """The format the report was rendered in: markdown, json or html."""
    rendered_file: str | None
    """The HTML page, written next to the cached profile (too large for a checkpoint)."""


def table_of(state: State) -> TopTable:
    """Return the stored top table."""
    return TopTable.model_validate(state.get("table") or {})


def nesting_of(state: State) -> Nesting:
    """Return which of the stored table's rows run inside which."""
    return Nesting.model_validate(state.get("nesting") or {})


def matches_of(state: State) -> list[SourceMatch]:
    """Return the stored source matches, one per table row."""
    return [SourceMatch.model_validate(item) for item in state.get("matches") or []]


def findings_of(state: State) -> list[Finding]:
    """Return the stored findings."""
    return [Finding.model_validate(item) for item in state.get("findings") or []]


def git_of(state: State) -> GitRefCheck | None:
    """Return the stored git-ref check, if the mapping step ran."""
    stored = state.get("git")
    return GitRefCheck.model_validate(stored) if stored else None


def ownership_of(state: State) -> Ownership:
    """Return what each line of the checkout owns (empty before the mapping step)."""
    return Ownership.model_validate(state.get("ownership") or {})


def attribution_of(state: State) -> dict[int, float]:
    """Return, by row rank, the % of the total whose innermost line of the checkout it is."""
    return {int(rank): share for rank, share in (state.get("attribution") or {}).items()}


def llm_usage_of(state: State) -> LLMUsage:
    """Return a copy of the chat-model usage so far (zero when none)."""
    usage: LLMUsage = {"calls": 0, "input_tokens": 0, "output_tokens": 0}
    usage.update(state.get("llm") or {})
    return usage
