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

Scenario folders in the layout of ../shared/scenarios (``expected.json`` with ``profiles[]``,
no ``case.json``) are read as cases too (:func:`scenario_case`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from profile_insights.agent.code import repos as demo_repo
from profile_insights.agent.errors import ConfigurationError
from profile_insights.agent.profiles.combine import encode_pprof
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.pyroscope.ingest import inject_service_version

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
    folders = sorted(p for p in cases_dir.iterdir() if (p / CASE_FILE).is_file() or is_scenario(p))
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
    return [load_case_or_scenario(folder) for folder in folders]


def load_case_or_scenario(directory: Path) -> EvalCase:
    """Load a case folder, or a scenario folder (../shared/scenarios layout)."""
    return scenario_case(directory) if is_scenario(directory) else load_case(directory)


def _shared_recording(case: EvalCase, shared_dir: Path, dest: Path) -> Path:
    spec = case.spec.shared_profile
    assert spec is not None
    source = (shared_dir / spec.path).resolve()
    if not source.is_relative_to(shared_dir.resolve()) or not source.is_file():
        if spec.base == "case":
            raise ConfigurationError(f"case {case.name}: {spec.path} does not exist")
        raise ConfigurationError(
            f"case {case.name} needs {spec.path} from the shared reference data at {shared_dir}",
            hint="Pass --shared DIR (the folder with profiles/), or leave the case out.",
        )
    # Written into a temporary folder only: the shared files stay out of the repository. The
    # bytes are what a Pyroscope server returns for them: its distributor writes the
    # service-version JSON into every mapping's build ID when the series carries
    # service_repository/service_git_ref (pyroscope-api.md 4.4).
    (dest / "profiles").mkdir(parents=True, exist_ok=True)
    target = dest / "profiles" / source.name
    profile = decode_profile(source.read_bytes(), name=spec.path)
    target.write_bytes(encode_pprof(inject_service_version(profile, spec.labels), compress=True))
    entry: dict[str, Any] = {
        "profile_type": spec.profile_type,
        "file": f"profiles/{source.name}",
        "start": "2026-11-25T11:05:00Z",
        "end": "2026-11-25T11:55:00Z",
    }
    if spec.sample_type:
        entry["sample_type"] = spec.sample_type
    others = [
        {**entry, "profile_type": profile_type, "sample_type": sample_type}
        for profile_type, sample_type in spec.other_types.items()
    ]
    document = {
        "format": "profile-insights-recording",
        "version": 1,
        "recorded_at": SHARED_RECORDED_AT,
        "series": [{"labels": spec.labels, "profiles": [entry, *others]}],
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
    commits = [
        demo_repo.create_repo(
            source, repo, spec.commits[0].message, origin=spec.origin, date=spec.commit_date
        )
    ]
    for index, commit in enumerate(spec.commits[1:], start=1):
        overlay = case.directory / commit.overlay if commit.overlay else None
        commits.append(demo_repo.commit_tree(repo, commit.message, index=index, overlay=overlay))
    if spec.shared_profile is not None and spec.shared_profile.base == "case":
        recording = _shared_recording(case, case.directory, workdir / RECORDING_DIR)
    elif spec.shared_profile is not None:
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


# Scenario folders (../shared/scenarios layout) read as eval cases.
#
# A scenario is a small service with its own ``expected.json`` (``service_name``,
# ``module_path``, ``git_ref``, ``git_commit.message``, ``profiles[]`` with
# ``pyroscope_profile_type``, ``pprof_sample_index``, ``primary`` and ``hot_functions``, and
# ``diagnosis.keyword_groups``), its pprof files under ``profiles/`` and a ``.gitignore`` that
# keeps both out of the commit. Its repository is re-created like the scenarios'
# ``restore_git.sh`` does (``git add -A`` honouring the .gitignore, author and committer
# ``Acme Developer <dev@acme.example>``, date 2026-01-15T10:00:00+00:00, the recorded message),
# so HEAD is the profiled ``git_ref``; the primary profile becomes a one-series recording built
# at run time. Where the README leaves a spelling open (``file``/``profile``,
# ``function``/``name``) both are accepted.

#: The commit date restore_git.sh uses for every scenario.
SCENARIO_COMMIT_DATE = "2026-01-15T10:00:00+00:00"
#: Worst acceptable rank of the planted function (issue 4: "in its top 5 rows").
SCENARIO_MAX_RANK = 5

_QUESTIONS = {
    "alloc_space": "Why does the {service} service allocate so much memory?",
    "alloc_objects": "Why does the {service} service allocate so much memory?",
    "inuse_space": "Why is the {service} service holding so much memory?",
    "inuse_objects": "Why is the {service} service holding so much memory?",
    "contentions": "Why is there lock contention in the {service} service?",
    "delay": "Why is there lock contention in the {service} service?",
    "goroutine": "Is the {service} service leaking goroutines?",
}


def is_scenario(directory: Path) -> bool:
    """Return whether a folder looks like a scenario (expected.json with profiles[])."""
    path = directory / "expected.json"
    if not path.is_file() or (directory / "case.json").is_file():
        return False
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return False
    return isinstance(data, dict) and "profiles" in data and "git_ref" in data


def _primary(data: dict[str, Any]) -> dict[str, Any]:
    profiles = [p for p in data.get("profiles") or [] if isinstance(p, dict)]
    if not profiles:
        raise ConfigurationError("the scenario's expected.json lists no profiles")
    return next((p for p in profiles if p.get("primary")), profiles[0])


def _question(profile_type: str, service: str) -> str:
    sample_type = profile_type.split(":")[1] if ":" in profile_type else ""
    if profile_type.startswith("block:"):
        return f"Why are requests of the {service} service blocked waiting?"
    template = _QUESTIONS.get(sample_type, "Why is the {service} service slow?")
    return template.format(service=service)


def scenario_case(directory: Path) -> EvalCase:
    """Return the eval case a scenario folder describes.

    Raises:
        ConfigurationError: when its expected.json lacks what a case needs.
    """
    data = json.loads((directory / "expected.json").read_text(encoding="utf-8"))
    try:
        service = str(data["service_name"])
        git_ref = str(data["git_ref"])
        message = str((data.get("git_commit") or {})["message"])
        primary = _primary(data)
        profile_type = str(primary["pyroscope_profile_type"])
    except (KeyError, TypeError) as error:
        raise ConfigurationError(
            f"scenario {directory.name}: expected.json has no {error}",
            hint="See the scenarios README for the expected.json fields.",
        ) from None
    shipped = Path(str(primary.get("file") or primary.get("profile") or "")).name
    module = str(data.get("module_path") or f"github.com/acme/{service}")
    sample_type = primary.get("pprof_sample_index")
    hot = [
        ExpectedHot(
            function=str(item.get("function") or item.get("name")),
            file=item.get("file"),
            line_range=tuple(item["line_range"]) if item.get("line_range") else None,
            max_rank=SCENARIO_MAX_RANK,
        )
        for item in (primary.get("hot_functions") or [])[:1]
        if item.get("function") or item.get("name")
    ]
    spec = CaseSpec(
        description=str((data.get("diagnosis") or {}).get("summary") or directory.name),
        question=_question(profile_type, service),
        source=".",
        origin=f"https://{module}",
        commits=[Commit(message=message)],
        commit_date=SCENARIO_COMMIT_DATE,
        shared_profile=SharedProfile(
            path=f"profiles/{shipped}",
            profile_type=profile_type,
            sample_type=str(sample_type) if sample_type else None,
            labels={
                "service_name": service,
                "service_repository": f"https://{module}",
                "service_git_ref": git_ref,
            },
            base="case",
        ),
    )
    groups = (data.get("diagnosis") or {}).get("keyword_groups") or []
    expected = Expected(
        service=service,
        profile_type=profile_type,
        hot_functions=hot,
        transitions=ExpectedTransitions(),
        git_status="matches_head",
        keyword_groups=[[str(word) for word in group] for group in groups],
    )
    return EvalCase(name=directory.name, directory=directory, spec=spec, expected=expected)
