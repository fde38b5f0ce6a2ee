"""evals/regenerate.py really rebuilds recordings: Go via runtime/pprof, Python via the SDK."""

from __future__ import annotations

import gzip
import importlib.util
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from profile_insights.agent import demo
from profile_insights.agent.profiles import profile_pb2
from tests.conftest import REPO_ROOT, require


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("regenerate", REPO_ROOT / "evals/regenerate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("regenerate", module)
    spec.loader.exec_module(module)
    return module


def _function_names(path: Path) -> set[str]:
    profile = profile_pb2.Profile()
    profile.ParseFromString(gzip.decompress(path.read_bytes()))
    return {profile.string_table[f.name] for f in profile.function}


@pytest.mark.slow
@pytest.mark.integration
def test_go_recipe_rebuilds_the_demo_recording_at_the_same_git_ref(
    tmp_path: Path, go_binary: str
) -> None:
    require(shutil.which("git") is not None, "git is not installed")
    regenerate = _script()
    case = json.loads(json.dumps(regenerate.DEMO_CASE))
    case["recipe"]["runs"][0]["args"] = ["-duration", "1s"]
    out = tmp_path / "recording"
    regenerate.generate_go(REPO_ROOT / "agent" / "demo", case, out)
    document = json.loads((out / "recording.json").read_text())
    committed = json.loads((demo.demo_recording_dir() / "recording.json").read_text())
    labels = document["series"][0]["labels"]
    assert labels == committed["series"][0]["labels"]
    [entry] = document["series"][0]["profiles"]
    assert entry["start"] == "2026-11-25T11:05:00Z" and entry["sample_type"] == "cpu"
    assert "github.com/acme/checkout/internal/pricing.validCoupon" in _function_names(
        out / entry["file"]
    )


@pytest.mark.slow
@pytest.mark.integration
def test_python_recipe_records_real_sdk_pushes_ending_before_recorded_at(tmp_path: Path) -> None:
    require(shutil.which("git") is not None, "git is not installed")
    try:
        import pyroscope  # noqa: F401
    except ImportError:
        require(False, "pyroscope-io is not installed (dev extra)")
    regenerate = _script()
    case_dir = REPO_ROOT / "evals" / "cases" / "py-json-etag"
    case = json.loads((case_dir / "case.json").read_text())
    case["recipe"]["seconds"] = 3
    out = tmp_path / "recording"
    regenerate.generate_python(case_dir, case, out)
    document = json.loads((out / "recording.json").read_text())
    assert document["recorded_at"] == "2026-11-25T12:00:00Z"
    [series] = document["series"]
    assert series["labels"]["service_name"] == "report-renderer"
    assert (
        series["labels"]["service_git_ref"]
        == json.loads((case_dir / "recording" / "recording.json").read_text())["series"][0][
            "labels"
        ]["service_git_ref"]
    )
    ends = sorted(p["end"] for p in series["profiles"])
    assert ends[-1].startswith("2026-11-25T11:55:00")
    names = set().union(*(_function_names(out / p["file"]) for p in series["profiles"]))
    assert "etag" in names


def _windows(recording: Path) -> set[tuple[str, str, str, str]]:
    """Return (service, git ref, profile type, start..end) of every recorded profile."""
    document = json.loads((recording / "recording.json").read_text())
    return {
        (
            series["labels"]["service_name"],
            series["labels"]["service_git_ref"],
            profile["profile_type"],
            f"{profile['start'][:19]}..{profile['end'][:19]}",
        )
        for series in document["series"]
        for profile in series["profiles"]
    }


@pytest.mark.slow
@pytest.mark.integration
def test_go_refs_recipe_records_each_commit_under_its_own_window_and_ref(
    tmp_path: Path, go_binary: str
) -> None:
    require(shutil.which("git") is not None, "git is not installed")
    regenerate = _script()
    case_dir = REPO_ROOT / "evals" / "cases" / "go-deploy-cpu-receipt"
    case = json.loads((case_dir / "case.json").read_text())
    for run in case["recipe"]["runs"]:
        run["args"] = ["-duration", "3s", "-rps", "2000"]
    out = tmp_path / "recording"
    regenerate.record_go_runs(
        case_dir,
        case,
        out,
        materialize=regenerate.materialize,
        stamp=regenerate._stamp,
        recorded_at=regenerate.RECORDED_AT,
    )
    # The same series, refs and windows as the committed recording: two deploys, two windows.
    assert _windows(out) == _windows(case_dir / "recording")
    assert len({ref for _service, ref, _type, _window in _windows(out)}) == 2
    document = json.loads((out / "recording.json").read_text())
    files = [out / p["file"] for s in document["series"] for p in s["profiles"]]
    assert all(
        "github.com/acme/checkout/internal/receipt.Render" in _function_names(f) for f in files
    )


def test_split_by_label_moves_a_sample_label_into_one_profile_per_value() -> None:
    from profile_insights.evals.recording_runs import split_by_label

    profile = profile_pb2.Profile()
    profile.string_table.extend(["", "cpu", "nanoseconds", "endpoint", "/search", "/cart"])
    profile.sample_type.add(type=1, unit=2)
    for value, endpoint in ((5, 4), (7, 5), (1, 0)):
        sample = profile.sample.add(value=[value])
        if endpoint:
            sample.label.add(key=3, str=endpoint)
    parts = split_by_label(profile.SerializeToString(), "endpoint")
    totals: dict[str, int] = {}
    for label, data in parts.items():
        part = profile_pb2.Profile()
        part.ParseFromString(gzip.decompress(data))
        totals[label] = sum(s.value[0] for s in part.sample)
        assert all(not s.label for s in part.sample)
    assert totals == {"/search": 5, "/cart": 7, "": 1}


@pytest.mark.slow
@pytest.mark.integration
def test_python_refs_recipe_pushes_each_commit_with_the_sdk_under_its_own_window(
    tmp_path: Path,
) -> None:
    require(shutil.which("git") is not None, "git is not installed")
    try:
        import pyroscope  # noqa: F401
    except ImportError:
        require(False, "pyroscope-io is not installed (dev extra)")
    regenerate = _script()
    case_dir = REPO_ROOT / "evals" / "cases" / "py-deploy-cpu-tax"
    case = json.loads((case_dir / "case.json").read_text())
    case["recipe"]["args"] = ["3"]
    out = tmp_path / "recording"
    regenerate.record_sdk_runs(
        case_dir, case, out, materialize=regenerate.materialize, recorded_at=regenerate.RECORDED_AT
    )
    assert _windows(out) == _windows(case_dir / "recording")
