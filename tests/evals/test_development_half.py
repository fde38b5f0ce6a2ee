"""Every scenario of the corpus's development half passes with no model.

The development half (``evals/scenarios/split.json`` ``dev``) is what the recognisers and the
knowledge base are written against, so it pins them: a change that breaks one of its
diagnoses fails here, in ``make test``. The check half is never run here: it is scored by
``make evals`` when a piece of work is finished.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from profile_insights.evals.dataset import load_case_or_scenario, prepare_case
from profile_insights.evals.runner import run_prepared
from tests.conftest import REPO_ROOT

CORPUS = REPO_ROOT / "evals" / "scenarios"
SPLIT = json.loads((CORPUS / "split.json").read_text())


def test_the_halves_are_disjoint_and_cover_the_corpus() -> None:
    folders = {p.name for p in CORPUS.iterdir() if (p / "expected.json").is_file()}
    assert not set(SPLIT["dev"]) & set(SPLIT["check"])
    assert set(SPLIT["dev"]) | set(SPLIT["check"]) == folders


#: Development scenarios the analyst does not diagnose yet, with why: each is a strict xfail, so
#: the entry must go when a change makes the scenario pass.
KNOWN_MISSES: dict[str, str] = {
    "go-inuse-courierzones": "the retention is a chain of replaced versions (next.prev = "
    "l.cur) made in a function that is on no stack of the in-use profile: the analyst reads "
    "only the functions the samples' stacks hold",
    "go-mutex-loyaltypoints": "the contention comes from a stripe index hashed over only the "
    "keys' shared first 8 bytes, two calls away from the locking function: the analyst does "
    "not follow how a lock is chosen",
}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_MISSES[name], strict=True))
        if name in KNOWN_MISSES
        else name
        for name in SPLIT["dev"]
    ],
)
def test_a_development_scenario_passes_every_score(name: str, tmp_path: Path) -> None:
    case = load_case_or_scenario(CORPUS / name)
    result, _ = run_prepared(prepare_case(case, tmp_path))
    failed = [f"{score.name}: {score.detail}" for score in result.scores if not score.passed]
    assert result.error is None and failed == [], failed


@pytest.mark.parametrize("name", sorted(SPLIT["dev"] + SPLIT["check"]))
def test_every_scenario_is_recreated_at_the_git_ref_it_was_profiled_at(
    name: str, tmp_path: Path
) -> None:
    # Integrity of the harness only (no analysis runs): the check half is not scored here.
    expected = json.loads((CORPUS / name / "expected.json").read_text())
    prepared = prepare_case(load_case_or_scenario(CORPUS / name), tmp_path)
    assert prepared.head == expected["git_ref"]
