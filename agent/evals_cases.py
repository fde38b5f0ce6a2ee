"""Evaluation cases: what a case directory holds, and how it becomes a repository + recording.

A case is a folder ``evals/cases/<name>/`` with

* ``case.json`` (:class:`CaseSpec`): the question, the answers to give when the graph asks, the
  service's source tree and its git history, and how its recording is made (a ``recipe`` for
  ``evals/regenerate.py``, or a profile of ``../shared`` read at run time);
* ``expected.json`` (:class:`Expected`): the ground truth the scorers compare with;
* ``recording/`` (committed, unless the case reads a shared profile).

:func:`prepare_case` turns a case into a git checkout whose commits have the same hashes as when
the recording was made (``demo_repo``'s fixed author and dates), so the profile's
``service_git_ref`` can be compared with HEAD exactly as on a user's machine.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from profile_insights.agent import demo_repo
from profile_insights.agent.errors import ConfigurationError

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


class CaseSpec(BaseModel):
    """The content of ``case.json``."""

    model_config = ConfigDict(extra="forbid")

    description: str
    question: str
    source: str | None = Field(
        default=None, description="Source tree (relative to the case); None = an empty repo."
    )
    origin: str = Field(description="The repository URL (``git remote get-url origin``).")
    commits: list[Commit] = Field(default_factory=lambda: [Commit(message="initial import")])
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


class EvalCase(BaseModel):
    """A loaded case: its folder, specification and ground truth."""

    name: str
    directory: Path
    spec: CaseSpec
    expected: Expected


class PreparedCase(BaseModel):
    """A case made ready to run: the checkout and the recording to point the agent at."""

    case: EvalCase
    repo: Path
    recording: Path
    head: str
    commits: list[str]


def _read_json(path: Path) -> Any:
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
        spec = CaseSpec.model_validate(_read_json(directory / CASE_FILE))
        expected = Expected.model_validate(_read_json(directory / EXPECTED_FILE))
    except ValidationError as error:
        problem = error.errors()[0]
        where = ".".join(str(part) for part in problem["loc"])
        raise ConfigurationError(
            f"case {directory.name} is malformed: {where}: {problem['msg']}",
            hint="Compare it with the documented fields in docs/evals.md.",
        ) from None
    return EvalCase(name=directory.name, directory=directory, spec=spec, expected=expected)


def load_cases(cases_dir: Path, names: list[str] | None = None) -> list[EvalCase]:
    """Load every case folder (those with a ``case.json``) under ``cases_dir``, sorted by name.

    Raises:
        ConfigurationError: when the folder has no case, a named case is missing, or one is
            malformed.
    """
    if not cases_dir.is_dir():
        raise ConfigurationError(
            f"no eval cases at {cases_dir}",
            hint="Run from the repository root or pass --cases DIR.",
        )
    folders = sorted(p for p in cases_dir.iterdir() if (p / CASE_FILE).is_file())
    if names:
        known = {p.name for p in folders}
        unknown = sorted(set(names) - known)
        if unknown:
            raise ConfigurationError(
                f"unknown eval case(s): {', '.join(unknown)}",
                hint=f"Cases in {cases_dir}: {', '.join(sorted(known))}.",
            )
        folders = [p for p in folders if p.name in names]
    if not folders:
        raise ConfigurationError(f"no eval cases in {cases_dir}", hint="Each case has case.json.")
    return [load_case(folder) for folder in folders]


def _shared_recording(case: EvalCase, shared_dir: Path, dest: Path) -> Path:
    spec = case.spec.shared_profile
    assert spec is not None
    source = (shared_dir / spec.path).resolve()
    if not source.is_relative_to(shared_dir.resolve()) or not source.is_file():
        raise ConfigurationError(
            f"case {case.name} needs {spec.path} from the shared reference data at {shared_dir}",
            hint="Pass --shared DIR (the folder with profiles/), or leave the case out.",
        )
    # Copied into a temporary folder only: the shared files stay out of the repository.
    (dest / "profiles").mkdir(parents=True, exist_ok=True)
    target = dest / "profiles" / source.name
    shutil.copyfile(source, target)
    entry: dict[str, Any] = {
        "profile_type": spec.profile_type,
        "file": f"profiles/{source.name}",
        "start": "2026-11-25T11:05:00Z",
        "end": "2026-11-25T11:55:00Z",
    }
    if spec.sample_type:
        entry["sample_type"] = spec.sample_type
    document = {
        "format": "profile-insights-recording",
        "version": 1,
        "recorded_at": SHARED_RECORDED_AT,
        "series": [{"labels": spec.labels, "profiles": [entry]}],
    }
    (dest / "recording.json").write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return dest


def prepare_case(case: EvalCase, workdir: Path, shared_dir: Path | None = None) -> PreparedCase:
    """Make the case's repository (and, for shared profiles, its recording) under ``workdir``.

    The repository gets every commit of ``case.json``; the working tree is HEAD, and the
    recording's git ref is the commit the recipe profiled (the first one by default).

    Raises:
        ConfigurationError: when the source tree or the shared profile is missing.
        ToolNotFoundError: when git is not installed.
    """
    spec = case.spec
    repo = workdir / "repo"
    if spec.source is not None:
        source = (case.directory / spec.source).resolve()
        if not source.is_dir():
            raise ConfigurationError(f"case {case.name}: source tree {source} does not exist")
    else:
        source = workdir / "empty-source"
        source.mkdir(parents=True, exist_ok=True)
        (source / "README.md").write_text(f"# {case.name}\n\n{spec.description}\n")
    commits = [demo_repo.create_repo(source, repo, spec.commits[0].message, origin=spec.origin)]
    for index, commit in enumerate(spec.commits[1:], start=1):
        overlay = case.directory / commit.overlay if commit.overlay else None
        commits.append(demo_repo.commit_tree(repo, commit.message, index=index, overlay=overlay))
    if spec.shared_profile is not None:
        if shared_dir is None:
            raise ConfigurationError(
                f"case {case.name} reads {spec.shared_profile.path} from the shared data",
                hint="Pass --shared DIR (the folder with profiles/).",
            )
        recording = _shared_recording(case, shared_dir, workdir / RECORDING_DIR)
    else:
        recording = (case.directory / spec.recording).resolve()
    return PreparedCase(
        case=case, repo=repo, recording=recording, head=commits[-1], commits=commits
    )


def _parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def _format_time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def live_copy(recording: Path, dest: Path, now: datetime) -> Path:
    """Copy a recording with every time moved so that ``recorded_at`` becomes ``now``.

    A replay server answers queries in the client's clock; moving the recording (a pure
    translation, profiles untouched) makes "now-1h" mean the same as it did when recorded.
    """
    shutil.copytree(recording, dest, symlinks=False)
    path = dest / "recording.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    delta = now - _parse_time(document["recorded_at"])
    document["recorded_at"] = _format_time(now)
    for series in document.get("series", []):
        for profile in series.get("profiles", []):
            for key in ("start", "end"):
                profile[key] = _format_time(_parse_time(profile[key]) + delta)
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return dest


def recording_git_refs(recording: Path) -> set[str]:
    """Return the ``service_git_ref`` labels of a recording (to check a case is consistent)."""
    document = _read_json(recording / "recording.json")
    return {
        series["labels"]["service_git_ref"]
        for series in document.get("series", [])
        if "service_git_ref" in series.get("labels", {})
    }


def changed_since(repo: Path, ref: str, path: str) -> list[str]:
    """Return the commits (hashes) after ``ref`` that touched ``path``; used by a sanity test."""
    result = subprocess.run(
        ["git", "log", "--format=%H", f"{ref}..HEAD", "--", path],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return result.stdout.split()
