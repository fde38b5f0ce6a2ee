"""With profilecli installed, the graph reads Pyroscope through it (the seed's own path).

profilecli cannot be installed here, so the stand-in of ``tests/pyroscope`` (it reproduces
profilecli's documented output and exit codes) is put first on PATH as ``profilecli``; its
merge answers with the demo's CPU profile.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from profile_insights.agent.cli.app import main
from tests.conftest import REPO_ROOT, install_profilecli_standin

DEMO_PROFILE = REPO_ROOT / "agent/demo/recording/profiles/checkout-cpu-0.pb.gz"
TOKEN = "glsa_GraphPathToken_DoNotLeak_7"


@pytest.fixture
def profilecli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Install the stand-in as ``profilecli`` first on PATH; return its call log."""
    log = install_profilecli_standin(tmp_path, monkeypatch, DEMO_PROFILE)
    monkeypatch.setenv("PROFILE_INSIGHTS_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("PROFILECLI_URL", "http://pyroscope.example:4040")
    monkeypatch.setenv("PROFILECLI_TOKEN", TOKEN)
    return log


def test_an_installed_profilecli_is_the_source_and_its_merge_is_analysed(
    profilecli: Path, demo_checkout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["ask", "Why is checkout slow?", "--repo", str(demo_checkout), "--format", "json"]
        + ["--no-input"]
    )
    out, err = capsys.readouterr()

    assert code == 0, err
    report = json.loads(out)
    assert report["data"]["source"].startswith("profilecli")
    assert report["services"] == ["checkout"]
    hot = [row["function"] for row in report["hot_functions"][:5]]
    assert "github.com/acme/checkout/internal/pricing.validCoupon" in hot
    calls = [json.loads(line) for line in profilecli.read_text().splitlines()]
    assert calls[0]["argv"] == ["--version"]
    merges = [c for c in calls if c["argv"][:2] == ["query", "merge"]]
    assert len(merges) == 1 and merges[0]["token_in_env"]
    argv = merges[0]["argv"]
    assert argv[argv.index("--profile-type") + 1] == "process_cpu:cpu:nanoseconds:cpu:nanoseconds"
    assert TOKEN not in out + err
