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
