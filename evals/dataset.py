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
from typing import Any

from profile_insights.agent.code import repos as demo_repo
from profile_insights.agent.errors import ConfigurationError
from profile_insights.agent.profiles.combine import encode_pprof
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.pyroscope.ingest import inject_service_version
from profile_insights.evals.case_models import (
    CASE_FILE,
    RECORDING_DIR,
    SHARED_RECORDED_AT,
    EvalCase,
    PreparedCase,
    load_case,
    read_json,
)
from profile_insights.evals.scenarios import is_scenario, scenario_case


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
    halves = read_split(cases_dir)
    return [
        load_case_or_scenario(folder).model_copy(update={"split": halves.get(folder.name)})
        for folder in folders
    ]


#: A corpus split into halves lists each half's case names here: {"dev": [...], "check": [...]}.
SPLIT_FILE = "split.json"


def read_split(cases_dir: Path) -> dict[str, str]:
    """Return the half (``dev``, ``check``) of each case named in ``cases_dir/split.json``.

    Every key whose value is a list of names is a half; other keys (the seed, how the split was
    made) are ignored. Without the file no case has a half.

    Raises:
        ConfigurationError: when the file is not JSON, or names a case in two halves.
    """
    path = cases_dir / SPLIT_FILE
    if not path.is_file():
        return {}
    document = read_json(path)
    halves: dict[str, str] = {}
    for half, names in document.items() if isinstance(document, dict) else []:
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            continue
        for name in names:
            if halves.setdefault(name, half) != half:
                raise ConfigurationError(
                    f"{path} puts case {name} in both {halves[name]} and {half}",
                    hint="Each case belongs to one half of the split.",
                )
    return halves


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
            source,
            repo,
            spec.commits[0].message,
            origin=spec.origin,
            date=spec.commit_date,
            keep_modes=spec.source is not None,
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
    document = read_json(recording / "recording.json")
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
