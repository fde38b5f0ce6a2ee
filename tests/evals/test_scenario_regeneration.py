"""The scenario corpus's regeneration: its commit, its profile summary, its observed numbers."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from profile_insights.agent import demo
from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.pprof_text import parse_top_text
from profile_insights.evals.scenario_regeneration import go_scenario
from profile_insights.evals.scenario_regeneration.observed import (
    ProfileTables,
    observe_sdk_entry,
)
from profile_insights.evals.scenario_regeneration.oracle import summarize
from profile_insights.evals.scenario_regeneration.scenario_tree import export_tree, make_commit
from profile_insights.evals.scenario_regeneration.sdk_scenario import SdkOptions, record_scenario
from tests.conftest import require
from tests.tables import cpu_table, top_row

MESSAGE = "checkout: price carts with coupons and regional tax"
VALID_COUPON = "github.com/acme/checkout/internal/pricing.validCoupon"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True
    ).stdout


def _scenario_with_a_script(root: Path) -> Path:
    scenario = root / "tool-scenario"
    files = {
        ".gitignore": "/profiles/\n/expected.json\n",
        "README.md": "A service with an executable entry script.\n",
        "bin/run.sh": "#!/bin/sh\necho run\n",
        "profiles/cpu.pb.gz": "not committed",
        "expected.json": json.dumps({"git_ref": "0" * 40, "git_commit": {"message": "tool"}}),
    }
    for name, text in files.items():
        (scenario / name).parent.mkdir(parents=True, exist_ok=True)
        (scenario / name).write_text(text)
    (scenario / "bin" / "run.sh").chmod(0o755)
    return scenario


def _restore_git_hash(shared_dir: Path, folder: Path) -> str:
    """Return the hash ../shared/scenarios/restore_git.sh commits the folder to."""
    script = shared_dir / "scenarios" / "restore_git.sh"
    printed = subprocess.run(
        ["bash", str(script), str(folder)], capture_output=True, text=True, check=False
    )
    # "MISMATCH NAME got HASH want ...": expected.json holds a placeholder git_ref.
    return printed.stdout.split()[3]


def test_commit_is_the_one_restore_git_makes_executable_bits_included(
    tmp_path: Path, shared_dir: Path
) -> None:
    require(shutil.which("git") is not None, "git is not installed")
    scenario = _scenario_with_a_script(tmp_path / "corpus")
    made = make_commit(scenario, tmp_path / "repo", "tool")

    shutil.copytree(scenario, tmp_path / "restored")
    assert _restore_git_hash(shared_dir, tmp_path / "restored") == made
    assert _git(tmp_path / "repo", "ls-files", "-s", "bin/run.sh").startswith("100755 ")
    export_tree(tmp_path / "repo", tmp_path / "tree")
    exported = sorted(str(p.relative_to(tmp_path / "tree")) for p in (tmp_path / "tree").rglob("*"))
    assert exported == [".gitignore", "README.md", "bin", "bin/run.sh"]


def _built_profile() -> profile_pb2.Profile:
    """Return a small CPU profile with an inlined call, a lineless location and labels."""
    profile = profile_pb2.Profile()
    strings = ["", "samples", "count", "cpu", "nanoseconds", "main", "app.go", "helper"]
    strings += ["/bin/app", "build-1", "thread", "worker", "run at noon", "runtime\\..*"]
    profile.string_table.extend(strings)
    for kind, unit in ((1, 2), (3, 4)):
        profile.sample_type.add(type=kind, unit=unit)
    profile.period_type.type, profile.period_type.unit = 3, 4
    profile.period, profile.time_nanos, profile.duration_nanos = 10_000_000, 1_700_000, 2_000
    profile.comment.append(12)
    profile.default_sample_type = 3
    profile.drop_frames = 13
    profile.mapping.add(id=1, filename=8, build_id=9, memory_limit=1 << 20)
    profile.function.add(id=1, name=5, system_name=5, filename=6, start_line=3)
    profile.function.add(id=2, name=7, system_name=7, filename=6, start_line=20)
    inlined = profile.location.add(id=1, mapping_id=1, address=0x10)
    inlined.line.add(function_id=2, line=21)
    inlined.line.add(function_id=1, line=5)
    profile.location.add(id=2, mapping_id=1, address=0x20).line.add(function_id=1, line=6)
    profile.location.add(id=3, mapping_id=1, address=0x30)
    first = profile.sample.add(location_id=[1, 2], value=[3, 30_000_000])
    first.label.add(key=10, str=11)
    profile.sample.add(location_id=[3], value=[1, -10_000_000])
    return profile


def test_oracle_summary_reads_the_profile_with_the_projects_decoder(tmp_path: Path) -> None:
    body = _built_profile().SerializeToString()
    path = tmp_path / "cpu.pb.gz"
    path.write_bytes(gzip.compress(body, mtime=0))

    summary = summarize(path)

    assert summary["size_bytes"] == path.stat().st_size and summary["file"] == "cpu.pb.gz"
    assert summary["profile"] == {
        "gzip": True,
        "uncompressed_bytes": len(body),
        "sample_types": [
            {"type": "samples", "unit": "count"},
            {"type": "cpu", "unit": "nanoseconds"},
        ],
        "default_sample_type": "cpu",
        "period_type": {"type": "cpu", "unit": "nanoseconds"},
        "period": 10_000_000,
        "time_nanos": 1_700_000,
        "duration_nanos": 2_000,
        "comments": ["run at noon"],
        "drop_frames": "runtime\\..*",
        "keep_frames": "",
        "doc_url": "",
        "samples": 2,
        "locations": 3,
        "functions": 2,
        "mappings": 1,
        "strings": 14,
        "inline_locations": 1,
        "locations_without_lines": 1,
        "label_keys": ["thread"],
        "main_mapping": {"file": "/bin/app", "build_id": "build-1"},
        "sum_abs_values": [4, 40_000_000],
    }


def test_sdk_observed_numbers_rank_the_services_own_functions(tmp_path: Path) -> None:
    scenario = tmp_path / "py-orders"
    (scenario / "orders").mkdir(parents=True)
    (scenario / "app.py").write_text("")
    (scenario / "orders" / "handler.py").write_text("")
    functions = [
        top_row(1, "<module>", "/srv/orders/app.py", 9, 0, 100),
        top_row(2, "json.dumps", "/usr/lib/python3.11/json/__init__.py", 231, 80, 95),
        top_row(3, "handle", "/srv/orders/orders/handler.py", 12, 15, 90),
    ]
    lines = [
        top_row(1, "<module>", "/srv/orders/app.py", 9, 0, 100),
        top_row(2, "json.dumps", "/usr/lib/python3.11/json/__init__.py", 231, 80, 95),
        top_row(3, "handle", "/srv/orders/orders/handler.py", 14, 5, 70),
        top_row(4, "handle", "/srv/orders/orders/handler.py", 12, 10, 20),
    ]
    tables = ProfileTables(functions=cpu_table(functions), lines=cpu_table(lines))
    entry: dict[str, Any] = {"hot_functions": [{"function": "handle"}, {"function": "gone"}]}

    observe_sdk_entry(entry, tables, {"profile_file_prefix": "/srv/orders/"}, scenario)

    assert entry["top_checkout_functions_by_cum"] == [
        {"function": "<module>", "cum_pct": 100},
        {"function": "handle", "cum_pct": 90},
    ]
    handle, gone = entry["hot_functions"]
    assert handle["observed"] == {
        "flat_pct": 15,
        "cum_pct": 90,
        "rank_by_cum_all": 3,
        "rank_by_cum_checkout": 2,
    }
    assert handle["observed_lines"] == [
        {"line": 14, "cum_pct": 70, "flat_pct": 5},
        {"line": 12, "cum_pct": 20, "flat_pct": 10},
    ]
    assert gone["observed"]["rank_by_cum_all"] is None and gone["observed_lines"] == []


def _demo_as_go_scenario(root: Path) -> Path:
    """Lay the demo service out as a Go scenario built in /build/checkout with a build ID."""
    scenario = root / "go-cpu-checkout"
    shutil.copytree(demo.demo_service_dir(), scenario)
    (scenario / ".gitignore").write_text("/profiles/\n/expected.json\n")
    ref = make_commit(scenario, root.parent / "probe", MESSAGE)
    expected = {
        "service_name": "checkout",
        "module_path": "github.com/acme/checkout",
        "git_ref": ref,
        "git_commit": {"message": MESSAGE},
        "language": "go",
        "build": {
            "binary": "checkout",
            "trimpath": False,
            "build_dir": "/build/checkout",
            "build_id": ref,
            "env": {"CGO_ENABLED": "0"},
        },
        "load": {"args": ["-duration", "1s"]},
        "profiles": [
            {
                "file": "profiles/cpu.pb.gz",
                "pprof_sample_index": "cpu",
                "hot_functions": [{"function": VALID_COUPON, "hot_lines": [61]}],
            }
        ],
    }
    (scenario / "expected.json").write_text(json.dumps(expected))
    return scenario


@pytest.mark.slow
@pytest.mark.integration
def test_go_scenario_is_rebuilt_run_and_observed_as_pprof_prints_it(
    tmp_path: Path, go_binary: str
) -> None:
    require(shutil.which("git") is not None, "git is not installed")
    scenario = _demo_as_go_scenario(tmp_path / "corpus")
    argv = [str(scenario), "--update-observed", "--gocache", str(tmp_path / "gocache")]

    assert go_scenario.main(tmp_path / "corpus", argv) == 0

    profiles = scenario / "profiles"
    oracle = json.loads((profiles / "cpu.pb.gz.oracle.json").read_text())
    expected = json.loads((scenario / "expected.json").read_text())
    assert oracle["profile"]["main_mapping"]["build_id"] == expected["git_ref"]
    assert [run["exit_code"] for run in oracle["runs"]] == [0] * 7
    by_line = (profiles / "cpu.pb.gz.si-cpu.top-cum-lines.txt").read_text()
    assert "/build/checkout/internal/pricing/pricing.go:61" in by_line
    # The observed numbers are the ones pprof printed beside the profile.
    [hot] = expected["profiles"][0]["hot_functions"]
    top = (profiles / "cpu.pb.gz.si-cpu.top.txt").read_text()
    [row] = [r for r in parse_top_text(top).rows if r.function == VALID_COUPON]
    assert (hot["observed"]["flat_pct"], hot["observed"]["cum_pct"]) == (row.flat_pct, row.cum_pct)
    printed = next(line for line in top.splitlines() if line.endswith(VALID_COUPON))
    assert printed.split()[0] == hot["observed"]["flat"]
    assert printed.split()[3] == hot["observed"]["cum"]
    assert hot["observed"]["cum_pct"] > 50
    [line_row] = [
        r for r in parse_top_text(by_line).rows if r.function == VALID_COUPON and r.line == 61
    ]
    assert hot["observed_lines"] == [
        {
            "line": 61,
            "cum_pct": line_row.cum_pct,
            "flat_pct": line_row.flat_pct,
            "inline": line_row.inline == "inline",
        }
    ]


SPIN_APP = '''"""spinner: burns CPU in one function while the Pyroscope SDK pushes its profile."""

import os
import time

import pyroscope

from spinner.work import spin

pyroscope.configure(
    application_name="spinner",
    server_address=os.environ["PYROSCOPE_SERVER_ADDRESS"],
    tags={"service_git_ref": os.environ["SERVICE_GIT_REF"]},
    upload_interval=1,
)
deadline = time.time() + float(os.environ["LOAD_SECONDS"])
while time.time() < deadline:
    spin()
pyroscope.shutdown()
'''

SPIN_WORK = """def spin():
    total = 0
    for number in range(200_000):
        total += number * number
    return total
"""


def _python_scenario(root: Path) -> Path:
    """Lay out a Python scenario run in its own folder, with the ref its files commit to."""
    scenario = root / "py-spinner"
    (scenario / "spinner").mkdir(parents=True)
    (scenario / ".gitignore").write_text("/profiles/\n/expected.json\n")
    (scenario / "app.py").write_text(SPIN_APP)
    (scenario / "spinner" / "__init__.py").write_text("")
    (scenario / "spinner" / "work.py").write_text(SPIN_WORK)
    message = "spinner: spin"
    expected = {
        "scenario": "py-spinner",
        "service_name": "spinner",
        "module_path": "github.com/acme/spinner",
        "git_ref": make_commit(scenario, root.parent / "probe", message),
        "git_commit": {"message": message},
        "language": "python",
        "deployment": {
            "directory": None,
            "command": ["{python}", "app.py"],
            "load_seconds": 3,
            "profile_file_prefix": f"{scenario}/",
        },
        "profiles": [
            {
                "file": "profiles/cpu.pb.gz",
                "pyroscope_profile_type": "process_cpu:cpu:nanoseconds:cpu:nanoseconds",
                "primary": True,
                "hot_functions": [{"function": "spin", "role": "root_cause"}],
            }
        ],
    }
    (scenario / "expected.json").write_text(json.dumps(expected))
    return scenario


@pytest.mark.slow
@pytest.mark.integration
def test_python_scenario_is_recorded_from_real_sdk_pushes_to_profile_insights_serve(
    tmp_path: Path,
) -> None:
    require(shutil.which("git") is not None, "git is not installed")
    command = Path(sys.executable).with_name("profile-insights")
    require(command.is_file(), f"profile-insights is not installed beside {sys.executable}")
    scenario = _python_scenario(tmp_path / "corpus")
    options = SdkOptions(
        profile_insights=[str(command)],
        node_cache=tmp_path / "node-sdk",
        accept_new_ref=False,
        update_expected=True,
    )

    assert record_scenario(scenario, options)

    expected = json.loads((scenario / "expected.json").read_text())
    assert expected["recorded_labels"]["service_name"] == "spinner"
    assert expected["recorded_labels"]["service_git_ref"] == expected["git_ref"]
    [profile] = expected["profiles"]
    [hot] = profile["hot_functions"]
    assert hot["observed"]["cum_pct"] > 50
    assert hot["observed"]["rank_by_cum_checkout"] is not None
    assert {"function": "spin", "cum_pct": hot["observed"]["cum_pct"]} in profile[
        "top_checkout_functions_by_cum"
    ]
    assert (scenario / "profiles" / "cpu.pb.gz").is_file()
    # The run in the scenario folder leaves it as committed: no byte code, no link.
    assert not list(scenario.rglob("__pycache__"))
