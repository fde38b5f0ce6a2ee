"""Pass rates per language, per expected problem kind and per split half, from small results."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from profile_insights.agent.cli.evals import breakdown_table
from profile_insights.agent.errors import ConfigurationError
from profile_insights.evals.breakdown import NO_KIND, breakdown, case_labels, tree_language
from profile_insights.evals.case_models import load_case
from profile_insights.evals.dataset import load_cases, read_split
from profile_insights.evals.runner import EvalRun, EvalTotals
from profile_insights.evals.scores import CaseResult, Score
from tests.conftest import REPO_ROOT


def _result(name: str, passed: bool, **labels: Any) -> CaseResult:
    return CaseResult(
        name=name, passed=passed, scores=[Score(name="service", passed=passed)], **labels
    )


RESULTS = [
    _result("go-a", True, language="go", problem_kind="cpu_hotspot", split="dev"),
    _result("go-b", False, language="go", problem_kind="lock_contention", split="check"),
    _result("py-a", True, language="python", problem_kind="cpu_hotspot", split="check"),
    _result("traj", True, language="go"),
]


def test_breakdown_counts_each_label_and_rounds_the_rate() -> None:
    rates = breakdown(RESULTS)

    by_language = {r.group: (r.passed, r.cases, r.pass_rate) for r in rates.language}
    assert by_language == {"go": (2, 3, 66.7), "python": (1, 1, 100.0)}
    by_kind = {r.group: (r.passed, r.cases) for r in rates.problem_kind}
    assert by_kind == {"cpu_hotspot": (2, 2), "lock_contention": (0, 1), NO_KIND: (1, 1)}


def test_only_cases_with_a_half_enter_the_split_rates() -> None:
    rates = breakdown(RESULTS)

    assert [(r.group, r.passed, r.cases) for r in rates.split] == [("check", 1, 2), ("dev", 1, 1)]
    assert breakdown(RESULTS[3:]).split == []


def _case(root: Path, name: str, case: dict[str, Any], expected: dict[str, Any]) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    spec = {"description": name, "question": f"why {name}?", "origin": "https://x.example/r"}
    (folder / "case.json").write_text(json.dumps({**spec, **case}))
    (folder / "expected.json").write_text(
        json.dumps({"service": "svc", "profile_type": None, **expected})
    )
    return folder


def test_a_case_is_labelled_by_its_stated_language_else_by_its_source_files(
    tmp_path: Path,
) -> None:
    tree = tmp_path / "tree"
    (tree / "lib").mkdir(parents=True)
    for name in ("lib/a.rb", "lib/b.rb", "Gemfile", "README.md", "bin/c.py"):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text("")
    stated = _case(
        tmp_path, "stated", {"language": "native", "source": "../tree"}, {"problem_kind": "io_wait"}
    )
    inferred = _case(tmp_path, "inferred", {"source": "../tree"}, {})
    empty = _case(tmp_path, "empty", {}, {})

    assert tree_language(tree) == "ruby"
    assert case_labels(load_case(stated)).model_dump() == {
        "language": "native",
        "problem_kind": "io_wait",
        "split": None,
    }
    assert case_labels(load_case(inferred)).language == "ruby"
    assert case_labels(load_case(empty)).model_dump()["language"] == "unknown"
    assert case_labels(load_case(empty)).problem_kind == NO_KIND


def test_a_comparison_case_is_labelled_by_its_expected_verdict() -> None:
    cases = {case.name: case for case in load_cases(REPO_ROOT / "evals" / "cases")}

    assert case_labels(cases["go-deploy-cpu-receipt"]).problem_kind == "comparison:regressed"
    assert case_labels(cases["go-deploy-improved-coupon"]).problem_kind == "comparison:improved"
    assert case_labels(cases["traj-no-mutex-data"]).problem_kind == NO_KIND


def test_load_cases_puts_each_case_in_the_half_split_json_names(tmp_path: Path) -> None:
    for name in ("alpha", "beta", "gamma"):
        _case(tmp_path, name, {}, {})
    split = {"seed": 7, "how": "shuffled", "dev": ["alpha"], "check": ["beta"]}
    (tmp_path / "split.json").write_text(json.dumps(split))

    halves = {case.name: case.split for case in load_cases(tmp_path)}

    assert halves == {"alpha": "dev", "beta": "check", "gamma": None}
    assert case_labels(load_cases(tmp_path, ["alpha"])[0]).split == "dev"


def test_a_case_in_both_halves_is_refused_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "split.json").write_text(json.dumps({"dev": ["alpha"], "check": ["alpha"]}))

    with pytest.raises(ConfigurationError, match="alpha in both dev and check"):
        read_split(tmp_path)
    assert read_split(tmp_path / "absent") == {}


def test_the_breakdown_table_prints_every_group_with_its_rate() -> None:
    totals = EvalTotals(
        cases=4,
        passed=3,
        pass_rate=75.0,
        deterministic_scores=4,
        deterministic_passed=3,
        model_calls=0,
        input_tokens=0,
        output_tokens=0,
        wall_seconds=1.0,
        median_wall_seconds=0.25,
    )
    run = EvalRun(cases=RESULTS, totals=totals, breakdown=breakdown(RESULTS))
    console = Console(width=120, record=True, color_system=None)

    console.print(breakdown_table(run))
    text = console.export_text()

    for line in ("language", "go", "2/3", "66.7%", "problem kind", "lock_contention", "0/1"):
        assert line in text
    assert "split half" in text and "check" in text and "1/2" in text
    # The JSON form carries the same numbers.
    document = run.model_dump(mode="json")["breakdown"]
    assert document["language"][0] == {"group": "go", "cases": 3, "passed": 2, "pass_rate": 66.7}
