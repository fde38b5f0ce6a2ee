"""The graph follows strong CPU findings into another profile type, and says so in the report."""

from __future__ import annotations

import shutil
from pathlib import Path

import profile_insights.agent.api as api
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.report.models import Report
from profile_insights.evals.dataset import load_cases, prepare_case
from profile_insights.graph.context import Limits
from tests.conftest import REPO_ROOT, require

CASES = REPO_ROOT / "evals" / "cases"


def _ask(name: str, tmp_path: Path, limits: Limits | None = None) -> Report:
    require(shutil.which("git") is not None, "git is not installed")
    (case,) = load_cases(CASES, [name])
    prepared = prepare_case(case, tmp_path / "case")
    context = api.make_context(
        repo=prepared.repo,
        source=RecordedSource(prepared.recording),
        limits=limits,
        cache_dir=tmp_path / "cache",
    )
    result = api.ask(case.spec.question, context=context)
    assert isinstance(result, Report)
    return result


def test_a_type_not_sent_is_reported_with_its_sdk_setting_and_leaves_the_summary_alone(
    tmp_path: Path,
) -> None:
    # go-cpu-search sends CPU only; allocation and GC work is most of its CPU time.
    report = _ask("go-cpu-search", tmp_path)
    (follow_up,) = report.follow_ups
    assert follow_up.status == "not_sent" and follow_up.profile_type is None
    assert follow_up.note is not None and "pyroscope.ProfileAllocSpace" in follow_up.note
    assert report.investigation == "single"
    assert "follow" not in report.summary and "allocation profile" not in report.summary
    text = api.render(report, "markdown")
    assert "## Followed up" in text and "**Not sent:**" in text
    assert text.index("## Recommendations") < text.index("## Followed up")


def test_a_followed_type_is_fetched_for_the_same_window_and_named_in_the_summary(
    tmp_path: Path,
) -> None:
    report = _ask("go-followup-lock-metrics", tmp_path)
    (follow_up,) = report.follow_ups
    assert follow_up.status == "followed"
    assert follow_up.profile_type == "mutex:delay:nanoseconds:contentions:count"
    assert (follow_up.from_, follow_up.to) == (report.time_range.from_, report.time_range.to)
    assert report.investigation == "follow_up"
    assert "mutex delay profile of the same window" in report.summary
    assert any(site.file == "internal/metrics/registry.go" for site in follow_up.sites)
    document = report.model_dump(mode="json", by_alias=True)
    assert {"profile_type", "reason", "findings"} <= set(document["follow_ups"][0])


def test_no_follow_up_is_fetched_when_the_limit_is_zero(tmp_path: Path) -> None:
    report = _ask("go-followup-lock-metrics", tmp_path, Limits(max_follow_ups=0))
    assert report.follow_ups == [] and report.investigation == "single"
    assert "## Followed up" not in api.render(report, "markdown")
