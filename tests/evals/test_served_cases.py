"""Comparison cases read the way a user's would be: over HTTP from a server, and through profilecli.

A case whose ``expected.json`` has ``server`` is served by a replay server with ``Diff`` on or
off as it says; the same deploy comparison also runs through the profilecli stand-in pointed at
the case's recording (``query top`` per hour for the deploy history, ``query series`` for each
side's refs, one ``query merge`` per side), and every deterministic score must pass either way.
"""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest

import profile_insights.agent.api as api
from profile_insights.agent.pyroscope.profilecli_source import ProfilecliSource
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.pyroscope.settings import ConnectionSettings
from profile_insights.agent.report.models import Report
from profile_insights.evals.dataset import load_cases, prepare_case
from profile_insights.evals.investigation_models import ExpectedServer
from profile_insights.evals.investigation_scoring import score_served
from profile_insights.evals.runner import run_prepared
from profile_insights.evals.scores import Score, Trace
from profile_insights.evals.scoring import score_case
from tests.conftest import REPO_ROOT, install_profilecli_standin, require

CASES = {case.name: case for case in load_cases(REPO_ROOT / "evals" / "cases")}


def _failed(scores: list[Score]) -> list[str]:
    return [f"{s.name}: got {s.value!r}, {s.detail}" for s in scores if not s.passed]


@pytest.mark.eval
@pytest.mark.parametrize(
    ("name", "diff"), [("go-deploy-cpu-receipt-nodiff", False), ("go-deploy-cpu-receipt", True)]
)
def test_a_case_marked_server_is_compared_over_http_with_diff_as_it_says(
    name: str, diff: bool, tmp_path: Path
) -> None:
    require(shutil.which("git") is not None, "git is not installed")
    case = CASES[name]
    assert case.expected.server == ExpectedServer(diff=diff)
    result, report = run_prepared(prepare_case(case, tmp_path, None))
    assert result.passed, _failed(result.scores)
    served = result.score("served")
    assert served is not None and served.value["diff"] is diff
    hits = served.value["hits"]
    # Both sides were merged over the Pyroscope API, the deploy's refs found from its series.
    assert hits.get("SelectMergeStacktraces", 0) + hits.get("SelectMergeProfile", 0) >= 2
    assert hits.get("Series", 0) >= 1
    assert report is not None and report["comparison"]["verdict"] == "regressed"


def test_served_fails_when_the_profiles_did_not_come_from_the_server_asked_for() -> None:
    merged = {"SelectMergeStacktraces": 2}
    want = ExpectedServer(diff=False)
    assert score_served(want, Trace(server_diff=False, server_hits=merged)).passed
    # Read from the recording directly, from a server with Diff, or with no merge over HTTP.
    assert not score_served(want, Trace()).passed
    assert not score_served(want, Trace(server_diff=True, server_hits=merged)).passed
    assert not score_served(want, Trace(server_diff=False, server_hits={"Series": 3})).passed


def _flag(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


@pytest.mark.eval
def test_a_deploy_comparison_through_profilecli_finds_the_planted_regression(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require(shutil.which("git") is not None, "git is not installed")
    case = CASES["go-deploy-cpu-receipt"]
    want = case.expected.comparison
    assert want is not None
    prepared = prepare_case(case, tmp_path / "case", None)
    log = install_profilecli_standin(
        tmp_path, monkeypatch, tmp_path / "no-fixed-profile.pb.gz", recording=prepared.recording
    )
    # "now" is when the recording was made, so "the last deploy" is the recording's.
    recorded_at = RecordedSource(prepared.recording).now()
    source = ProfilecliSource(
        ConnectionSettings(url="http://127.0.0.1:4040"), clock=lambda: recorded_at
    )
    context = api.make_context(
        repo=prepared.repo, source=source, output_format="json", cache_dir=tmp_path / "cache"
    )
    result = api.ask(case.spec.question, context=context, thread_id=uuid.uuid4().hex)
    assert isinstance(result, Report), result
    report: dict[str, Any] = result.to_json_dict()
    # Scored as a case read from its recording: profilecli, not a replay server, answered.
    expected = case.expected.model_copy(update={"server": None})
    scored = score_case(case.name, expected, report, Trace(), prepared.repo)
    assert scored.passed, _failed(scored.scores)
    calls = [json.loads(line)["argv"] for line in log.read_text().splitlines()]
    # The deploy was found from totals per ref (query top), each side from its own query merge.
    assert any(argv[:2] == ["query", "top"] and "service_git_ref" in argv for argv in calls)
    assert any(argv[:2] == ["query", "series"] for argv in calls)
    merges = [argv for argv in calls if argv[:2] == ["query", "merge"]]
    windows = {(_flag(argv, "--from"), _flag(argv, "--to")) for argv in merges}
    assert len(merges) == 2 and len(windows) == 2, merges
    sides = {side: report["comparison"][side]["git_refs"] for side in ("baseline", "current")}
    assert sides["baseline"][0].startswith(want.baseline.git_ref or "?")
    assert sides["current"][0].startswith(want.current.git_ref or "?")
