"""A chat model's claims of change are checked against the comparison the graph computed.

The model writes its findings and summary from the current window alone; on a comparative
question, a change it claims that the comparison did not measure is dropped and counted.
"""

from __future__ import annotations

from pathlib import Path

from profile_insights.agent import api
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.report.models import Report
from profile_insights.evals.case_models import load_case
from profile_insights.evals.dataset import prepare_case
from tests.conftest import REPO_ROOT
from tests.fake_models import analysis_message, scripted_model

CASE = REPO_ROOT / "evals/cases/go-deploy-cpu-receipt"
GUESSED = {
    "title": "Checkout regressed 40% since the deploy",
    "kind": "cpu_hotspot",
    "why": "The handler got 40% slower after the deploy.",
    "fix": "Roll back the deploy.",
    "rows": [1],
    "refs": [],
}


def test_a_change_the_comparison_did_not_measure_is_dropped_from_findings_and_summary(
    tmp_path: Path,
) -> None:
    prepared = prepare_case(load_case(CASE), tmp_path)
    reply = analysis_message([GUESSED])
    reply.content = str(reply.content).replace(
        "Checkout spends most CPU compiling the coupon regexp per call.",
        "Checkout regressed 40% after the deploy. Receipts are rendered on every request.",
    )
    context = api.make_context(
        repo=prepared.repo,
        source=RecordedSource(prepared.recording),
        model=scripted_model([reply]),
        cache_dir=tmp_path / "cache",
    )
    report = api.ask(prepared.case.spec.question, context=context)
    assert isinstance(report, Report) and report.comparison is not None
    assert GUESSED["title"] not in [finding.title for finding in report.findings]
    assert "40%" not in report.summary
    assert "Receipts are rendered on every request." in report.summary
    assert report.dropped_claims >= 2
    # The computed verdict still leads, and the deterministic findings stay.
    assert report.summary.startswith("Regressed")
    assert any(finding.source == "deterministic" for finding in report.findings)
