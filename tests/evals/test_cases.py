"""Every committed eval case is consistent: its repo commits to the ref its recording names."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from profile_insights.agent.errors import ConfigurationError
from profile_insights.evals.case_models import load_case
from profile_insights.evals.dataset import (
    changed_since,
    load_cases,
    prepare_case,
    recording_git_refs,
)
from tests.conftest import REPO_ROOT, require

CASES_DIR = REPO_ROOT / "evals" / "cases"
CASES = load_cases(CASES_DIR)
RECORDED = [case for case in CASES if case.spec.shared_profile is None]


def test_there_are_at_least_ten_cases_and_no_two_ask_the_same_of_the_same_truth() -> None:
    assert len(CASES) >= 10
    # One question may be asked of other data (a GC-bound and a lock-bound service) or of
    # the same data served another way (no Diff): never twice with the same truth.
    asked = {(case.spec.question, case.expected.model_dump_json()) for case in CASES}
    assert len(asked) == len(CASES)


@pytest.mark.parametrize("case", RECORDED, ids=lambda case: case.name)
def test_case_repo_commit_is_the_git_ref_of_its_recording(case, tmp_path: Path) -> None:
    require(shutil.which("git") is not None, "git is not installed")
    prepared = prepare_case(case, tmp_path)
    refs = recording_git_refs(prepared.recording)
    if case.expected.comparison is not None or len(refs) > 1:
        # Two windows of two deploys: every ref the recording names is a commit of the case,
        # the checkout is at the newest (the user's HEAD is what runs now).
        assert refs <= set(prepared.commits) and prepared.head in refs
        return
    profiled = prepared.commits[(case.spec.recipe or {}).get("ref_commit", 0)]
    assert refs == {profiled}
    for hot in case.expected.hot_functions:
        assert hot.file is not None and hot.line_range is not None
        lines = (prepared.repo / hot.file).read_text().splitlines()
        if prepared.head == profiled:
            # The range is the function's body at the profiled commit.
            assert lines[hot.line_range[0] - 1].startswith(("func ", "def "))
    for path in case.expected.changed_files:
        assert changed_since(prepared.repo, profiled, path) == prepared.commits[1:]


SHARED_CASES = [case for case in CASES if case.spec.shared_profile is not None]


def _short_name(function: str) -> str:
    """Return the last identifier of a profiled name: what its definition line names."""
    names: list[str] = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", function.split("$anonfun$")[-1])
    return names[-1]


@pytest.mark.parametrize("case", SHARED_CASES, ids=lambda case: case.name)
def test_shared_case_checkout_defines_each_expected_function_in_its_range(case) -> None:
    # The checkout stands for the service's sources at the profiled commit: the function the
    # ground truth names is defined on the first line of its range, at the path it expects.
    assert case.spec.source is not None, "a shared case needs the checkout its profile names"
    assert case.expected.hot_functions and case.expected.problem_kind
    for hot in case.expected.hot_functions:
        assert hot.file is not None
        lines = (case.directory / case.spec.source / hot.file).read_text().splitlines()
        name = _short_name(hot.function)
        if hot.line_range is None:  # the profile records no lines (.NET)
            assert any(f"{name}(" in line for line in lines), name
            continue
        first, last = hot.line_range
        assert last <= len(lines), f"{hot.file} has {len(lines)} lines"
        if name != "anonymous":
            assert name in lines[first - 1], f"{hot.file}:{first} does not define {name}"


def test_unknown_case_names_are_refused_with_the_list_of_cases() -> None:
    with pytest.raises(ConfigurationError, match="unknown eval case"):
        load_cases(CASES_DIR, ["no-such-case"])


def test_malformed_case_says_which_field(tmp_path: Path) -> None:
    case = tmp_path / "bad"
    case.mkdir()
    (case / "case.json").write_text('{"question": "q"}')
    (case / "expected.json").write_text('{"service": "x", "profile_type": null}')
    with pytest.raises(ConfigurationError, match="malformed"):
        load_case(case)
