"""Scenario folders (the ../shared/scenarios layout) run as eval cases, hash and all."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

from profile_insights.agent import demo
from profile_insights.agent.profiles import profile_pb2
from profile_insights.evals.dataset import load_cases, prepare_case
from profile_insights.evals.runner import run_prepared
from profile_insights.evals.scenarios import scenario_case
from tests.conftest import require

MESSAGE = "checkout: price carts with coupons and regional tax"


def _scenario(root: Path, shared_dir: Path) -> Path:
    """Lay the demo service out as a scenario and let the shared restore_git.sh pin its ref."""
    scenario = root / "regexp-checkout"
    shutil.copytree(demo.demo_service_dir(), scenario)
    (scenario / ".gitignore").write_text("/profiles/\n/expected.json\n")
    (scenario / "profiles").mkdir()
    # A scenario ships runtime/pprof's own file: no Pyroscope build-ID JSON in its mappings.
    profile = profile_pb2.Profile()
    raw = demo.demo_recording_dir() / "profiles" / "checkout-cpu-0.pb.gz"
    profile.ParseFromString(gzip.decompress(raw.read_bytes()))
    for mapping in profile.mapping:
        mapping.build_id = 0
    (scenario / "profiles" / "cpu.pb.gz").write_bytes(gzip.compress(profile.SerializeToString()))
    expected = {
        "service_name": "checkout",
        "module_path": "github.com/acme/checkout",
        "git_ref": "0" * 40,
        "git_commit": {"message": MESSAGE},
        "profiles": [
            {
                "file": "profiles/cpu.pb.gz",
                "pyroscope_profile_type": "process_cpu:cpu:nanoseconds:cpu:nanoseconds",
                "pprof_sample_index": "cpu",
                "primary": True,
                "hot_functions": [
                    {
                        "function": "github.com/acme/checkout/internal/pricing.validCoupon",
                        "file": "internal/pricing/pricing.go",
                        "line_range": [60, 67],
                    }
                ],
            }
        ],
        "diagnosis": {
            "summary": "A regular expression is compiled on every call.",
            "keyword_groups": [["regexp", "regular expression"], ["compile"]],
        },
    }
    (scenario / "expected.json").write_text(json.dumps(expected))
    # restore_git.sh reports the hash it made; it is the git_ref a real scenario records.
    restore = shared_dir / "scenarios" / "restore_git.sh"
    run = subprocess.run(
        ["bash", str(restore), str(scenario)], capture_output=True, text=True, check=False
    )
    made = run.stdout.split()[3]
    shutil.rmtree(scenario / ".git")
    expected["git_ref"] = made
    (scenario / "expected.json").write_text(json.dumps(expected))
    return scenario


def test_a_scenario_folder_becomes_a_case_at_its_recorded_git_ref(
    tmp_path: Path, shared_dir: Path
) -> None:
    require(shutil.which("git") is not None, "git is not installed")
    scenario = _scenario(tmp_path / "scenarios", shared_dir)
    [case] = load_cases(tmp_path / "scenarios")
    assert case == scenario_case(scenario)
    assert case.spec.question == "Why is the checkout service slow?"
    prepared = prepare_case(case, tmp_path / "work")
    expected = json.loads((scenario / "expected.json").read_text())
    assert prepared.head == expected["git_ref"]
    # .gitignore keeps the profiles and the ground truth out of the commit, as in the scenarios.
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=prepared.repo, capture_output=True, text=True, check=True
    ).stdout.split()
    assert "expected.json" not in tracked and not any(t.startswith("profiles/") for t in tracked)

    result, report = run_prepared(prepared)
    failed = [(s.name, s.value, s.detail) for s in result.scores if not s.passed]
    assert result.passed, failed
    assert {s.name for s in result.scores} >= {"diagnosis", "git_ref", "rank:pricing.validCoupon"}
