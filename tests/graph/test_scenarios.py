"""The scenarios of ../shared/scenarios end to end, with no model: right function, right problem.

Each scenario is a small Go service with one planted bottleneck. The profile comes from
``profiles/`` and the ground truth from ``expected.json`` when the scenario ships them;
otherwise the service is built and run here with ``go`` (as its README says) and the
expectation is the one its README and source state. The profile goes into a recording with the
scenario's labels, and the graph answers the question from the checkout (restored with
``restore_git.sh`` so HEAD is the profiled ref).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from profile_insights.agent import api
from profile_insights.agent.report.models import Report
from tests.code.gitrepo import scenario_checkout
from tests.conftest import SHARED
from tests.graph.conftest import Entry, write_recording

SCENARIOS: dict[str, dict[str, Any]] = {
    "cpu-json-catalog": {
        "service": "catalog",
        "question": "Why is the catalog API slow?",
        "profile_type": "process_cpu:cpu:nanoseconds:cpu:nanoseconds",
        "file": "cpu.pb.gz",
        "sample_type": "cpu",
        "function": "github.com/acme/catalog/internal/render.(*Renderer).Product",
        "repo_file": "internal/render/render.go",
        "line_range": (21, 32),
        "kinds": {"serialization"},
        "words": ("json",),
    },
    "alloc-strings-search": {
        "service": "search",
        "question": "Why does search allocate so much memory?",
        "profile_type": "memory:alloc_space:bytes:space:bytes",
        "file": "heap.pb.gz",
        "sample_type": "alloc_space",
        "function": "github.com/acme/search/internal/query.Render",
        "repo_file": "internal/query/build.go",
        "line_range": (21, 30),
        "kinds": {"allocation_pressure"},
        "words": ("concatenat", "string"),
    },
}


def _expected(scenario: Path, case: dict[str, Any]) -> dict[str, Any]:
    """Return the expectation: expected.json's primary hot function when shipped."""
    path = scenario / "expected.json"
    if not path.is_file():
        return case
    data = json.loads(path.read_text())
    profiles = data.get("profiles") or []
    primary = next((p for p in profiles if p.get("primary")), profiles[0] if profiles else {})
    hot = (primary.get("hot_functions") or [{}])[0]
    shipped = primary.get("file") or primary.get("profile") or case["file"]
    return {
        **case,
        "profile_type": primary.get("pyroscope_profile_type", case["profile_type"]),
        "sample_type": primary.get("pprof_sample_index", case["sample_type"]),
        "file": Path(str(shipped)).name,
        "function": hot.get("function") or hot.get("name") or case["function"],
        "repo_file": hot.get("file", case["repo_file"]),
        "line_range": tuple(hot.get("line_range", case["line_range"])),
    }


def _profile(
    scenario: Path, repo: Path, head: str, case: dict[str, Any], tmp: Path, go: str
) -> bytes:
    shipped = scenario / "profiles" / str(case["file"])
    if shipped.is_file():
        return shipped.read_bytes()
    service = case["service"]
    build = tmp / "build" / service
    shutil.copytree(repo, build, ignore=shutil.ignore_patterns(".git", "expected.json"))
    env = {
        **os.environ,
        "GOPROXY": "off",
        "GOFLAGS": "-mod=mod",
        "CGO_ENABLED": "0",
        "GOWORK": "off",
    }
    env.setdefault("GOCACHE", str(Path.home() / ".cache" / "go-build"))
    # As the scenarios were built: catalog with its commit as GNU build ID, search -trimpath.
    flags = [f"-ldflags=-B 0x{head}"] if service == "catalog" else ["-trimpath"]
    subprocess.run(
        [go, "build", "-o", str(tmp / service), *flags, f"./cmd/{service}"],
        cwd=build,
        env=env,
        check=True,
        timeout=300,
        capture_output=True,
    )
    subprocess.run(
        [str(tmp / service), "-duration", "2s", "-profile-dir", str(tmp)],
        check=True,
        timeout=60,
        capture_output=True,
    )
    return (tmp / str(case["file"])).read_bytes()


def _shipped_scenarios() -> list[str]:
    """Return the scenarios of ../shared that ship profiles and expected.json, known or not."""
    from profile_insights.evals.scenarios import is_scenario

    folder = SHARED / "scenarios"
    if not folder.is_dir():
        return []
    return sorted(d.name for d in folder.iterdir() if d.is_dir() and is_scenario(d))


def _check_as_eval_case(folder: Path, tmp_path: Path) -> None:
    """Run a scenario this module does not describe through the eval, from its expected.json."""
    from profile_insights.evals.dataset import prepare_case
    from profile_insights.evals.runner import run_prepared
    from profile_insights.evals.scenarios import scenario_case

    result, _ = run_prepared(prepare_case(scenario_case(folder), tmp_path), model=None)
    assert result.passed, [score for score in result.scores if not score.passed]


@pytest.mark.slow
@pytest.mark.integration
@pytest.mark.parametrize("name", sorted(set(SCENARIOS) | set(_shipped_scenarios())))
def test_scenario_report_ranks_the_planted_function_and_names_the_problem(
    name: str, shared_dir: Path, go_binary: str, tmp_path: Path
) -> None:
    scenario = shared_dir / "scenarios" / name
    if name not in SCENARIOS:  # a scenario of the same structure, known by its expected.json
        _check_as_eval_case(scenario, tmp_path)
        return
    repo, head = scenario_checkout(shared_dir, name, tmp_path / "checkout")
    case = _expected(scenario, SCENARIOS[name])
    data = _profile(scenario, repo, head, case, tmp_path, go_binary)
    recording = write_recording(
        tmp_path / "recording",
        [
            Entry(
                case["service"],
                case["profile_type"],
                data,
                ago=timedelta(minutes=10),
                repository=f"https://github.com/acme/{case['service']}",
                sample_type=case["sample_type"],
            )
        ],
    )
    context = api.make_context(
        repo=repo, recording=recording, output_format="json", cache_dir=tmp_path / "cache"
    )
    report = api.ask(case["question"], context=context)
    assert isinstance(report, Report), report
    payload = json.loads(api.render(report, "json"))

    assert payload["services"] == [case["service"]]
    assert payload["profile_type"] == case["profile_type"]
    top5 = payload["hot_functions"][:5]
    hits = [row for row in top5 if row["function"] == case["function"]]
    assert hits, [row["function"] for row in top5]
    first, last = case["line_range"]
    assert any(
        row["file"] == case["repo_file"] and row["in_repo"] and first <= row["line"] <= last
        for row in hits
    ), hits
    kinds = {finding["kind"] for finding in payload["findings"]}
    assert kinds & case["kinds"], kinds
    text = " ".join(
        f"{f['title']} {f['explanation']} {f['recommendation']}" for f in payload["findings"]
    ).lower()
    assert all(word in text for word in case["words"]), text
    assert payload["llm"] == {"calls": 0, "input_tokens": 0, "output_tokens": 0, "model": None}
