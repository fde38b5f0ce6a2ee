"""What an eval case is: its spec (case.json), its ground truth (expected.json), the loaded case.

A case is a folder ``evals/cases/<name>/`` with ``case.json`` (:class:`CaseSpec`): the question,
the answers to give when the graph asks, the service's source tree and its git history, and how
its recording is made; ``expected.json`` (:class:`Expected`): the ground truth the scorers
compare with; and ``recording/`` (committed, unless the case reads a shared profile).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from profile_insights.agent.errors import ConfigurationError
from profile_insights.evals.investigation_models import (
    ExpectedBaselineQuestion,
    ExpectedBreakdown,
    ExpectedComparison,
    ExpectedFollowUp,
    ExpectedServer,
    ExpectedTrend,
)

CASE_FILE = "case.json"


EXPECTED_FILE = "expected.json"


RECORDING_DIR = "recording"


#: ``recorded_at`` of recordings built at run time from shared profiles.
SHARED_RECORDED_AT = "2026-11-25T12:00:00Z"


class Commit(BaseModel):
    """One commit of the case repository: a message and an optional overlay folder."""

    model_config = ConfigDict(extra="forbid")

    message: str
    overlay: str | None = Field(
        default=None, description="Folder (relative to the case) copied over the tree first."
    )


class SharedProfile(BaseModel):
    """A real profile from ``../shared`` served as a one-series recording built at run time."""

    model_config = ConfigDict(extra="forbid")

    path: str = Field(description="Path relative to the shared folder, e.g. profiles/X.pb.gz.")
    profile_type: str
    sample_type: str | None = None
    labels: dict[str, str]
    other_types: dict[str, str] = Field(
        default_factory=dict,
        description="Further profile types the same file serves (profile type -> sample type), "
        "so the series lists every type a server would, and the choice among them is tested.",
    )
    base: Literal["shared", "case"] = Field(
        default="shared", description="Whether ``path`` is relative to ../shared or the case."
    )


class CaseSpec(BaseModel):
    """The content of ``case.json``."""

    model_config = ConfigDict(extra="forbid")

    description: str
    question: str
    source: str | None = Field(
        default=None, description="Source tree (relative to the case); None = an empty repo."
    )
    origin: str = Field(description="The repository URL (``git remote get-url origin``).")
    language: str | None = Field(
        default=None,
        description="The service's language for the per-language pass rates (default: the "
        "language most files of ``source`` are written in).",
    )
    commits: list[Commit] = Field(default_factory=lambda: [Commit(message="initial import")])
    commit_date: str | None = Field(
        default=None, description="Date of the first commit (default: demo_repo's fixed date)."
    )
    answers: dict[str, Any] = Field(
        default_factory=dict, description="Answer per question kind, e.g. choose_service."
    )
    refused_answers: dict[str, list[Any]] = Field(
        default_factory=dict,
        description="Answers given first, per question kind, that the graph must refuse "
        "(and ask again) before the one in ``answers``.",
    )
    recipe: dict[str, Any] | None = Field(
        default=None, description="How evals/regenerate.py records it (not used at eval time)."
    )
    shared_profile: SharedProfile | None = None
    recording: str = Field(
        default=RECORDING_DIR, description="The recording folder, relative to the case."
    )
    connection: Literal["recording", "ask"] = Field(
        default="recording",
        description="'recording': the agent reads the recording directly. 'ask': the agent "
        "starts with no server configured, so it must ask; the answer '{replay_url}' is the "
        "URL of a replay server serving the recording over HTTP.",
    )


class ExpectedHot(BaseModel):
    """A function the report must rank, with where it is."""

    model_config = ConfigDict(extra="forbid")

    function: str
    file: str | None = Field(description="Repo-relative path, or as profiled when not in repo.")
    line_range: tuple[int, int] | None = None
    max_rank: int = Field(default=10, description="Worst acceptable rank in the report.")


class ExpectedTransitions(BaseModel):
    """The trajectory: merge attempts and the questions the graph must ask."""

    model_config = ConfigDict(extra="forbid")

    attempts: int = Field(default=1, description="Merge attempts (1 = now-1h was enough).")
    service_question: bool = False
    configuration_question: bool = False
    refused_answers: int = Field(default=0, description="Answers the graph must refuse.")


class Expected(BaseModel):
    """The content of ``expected.json``: the ground truth of a case."""

    model_config = ConfigDict(extra="forbid")

    service: str
    profile_type: str | None = Field(description="None when the report must say it is missing.")
    hot_functions: list[ExpectedHot] = Field(default_factory=list)
    problem_kind: str | None = None
    transitions: ExpectedTransitions = Field(default_factory=ExpectedTransitions)
    git_status: str | None = None
    changed_files: list[str] = Field(default_factory=list)
    outcome: str | None = Field(
        default=None,
        description="The report's outcome: report, never_sent, no_recent_data, missing_type.",
    )
    missing_profile_type: str | None = Field(
        default=None, description="The profile type name the report must say is missing."
    )
    oracle: str | None = Field(
        default=None,
        description="A pprof -lines -top -cum output in ../shared whose top rows are expected.",
    )
    oracle_rows: int = 3
    keyword_groups: list[list[str]] = Field(
        default_factory=list,
        description="The diagnosis matches when every group has a word in the findings text.",
    )
    question: str | None = Field(default=None, description="The case's question, for readers.")
    investigation: Literal["single", "comparison", "breakdown", "trend", "follow_up"] | None = None
    comparison: ExpectedComparison | None = None
    breakdown: ExpectedBreakdown | None = None
    follow_up: ExpectedFollowUp | None = None
    baseline_question: ExpectedBaselineQuestion | None = None
    trend: ExpectedTrend | None = None
    server: ExpectedServer | None = Field(
        default=None, description="Serve the recording over HTTP (with or without Diff)."
    )
    notes: str | None = Field(default=None, description="How the truth was established.")


class EvalCase(BaseModel):
    """A loaded case: its folder, specification and ground truth."""

    name: str
    directory: Path
    spec: CaseSpec
    expected: Expected
    kind_label: str | None = Field(
        default=None,
        description="The problem kind to report the case under when ``expected`` scores none "
        "(a scenario's category).",
    )
    split: str | None = Field(
        default=None, description="The half of a split corpus the case is in: dev or check."
    )


class PreparedCase(BaseModel):
    """A case made ready to run: the checkout and the recording to point the agent at."""

    case: EvalCase
    repo: Path
    recording: Path
    head: str
    commits: list[str]


def read_json(path: Path) -> Any:
    """Return a JSON file's content, or raise a ConfigurationError naming the file."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ConfigurationError(
            f"cannot read {path}: {error}", hint="Each case needs valid case.json/expected.json."
        ) from None


def load_case(directory: Path) -> EvalCase:
    """Load one case folder.

    Raises:
        ConfigurationError: when ``case.json`` or ``expected.json`` is missing or invalid.
    """
    try:
        spec = CaseSpec.model_validate(read_json(directory / CASE_FILE))
        expected = Expected.model_validate(read_json(directory / EXPECTED_FILE))
    except ValidationError as error:
        problem = error.errors()[0]
        where = ".".join(str(part) for part in problem["loc"])
        raise ConfigurationError(
            f"case {directory.name} is malformed: {where}: {problem['msg']}",
            hint="Compare it with the documented fields in docs/evals.md.",
        ) from None
    return EvalCase(name=directory.name, directory=directory, spec=spec, expected=expected)
