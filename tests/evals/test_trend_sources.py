"""A trend question read through profilecli: one ``query top`` a day, then one merge."""

from __future__ import annotations

import json
import shutil
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

import profile_insights.agent.api as api
from profile_insights.agent.pyroscope.profilecli_source import ProfilecliSource
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.pyroscope.settings import ConnectionSettings
from profile_insights.agent.pyroscope.timeparse import parse_range
from profile_insights.agent.report.models import Report
from profile_insights.evals.dataset import load_cases, prepare_case
from tests.conftest import REPO_ROOT, install_profilecli_standin, require


@pytest.mark.eval
def test_a_trend_through_profilecli_reads_a_total_per_day_and_answers_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require(shutil.which("git") is not None, "git is not installed")
    (case,) = load_cases(REPO_ROOT / "evals" / "cases", ["go-trend-mutex-week"])
    prepared = prepare_case(case, tmp_path / "case", None)
    log = install_profilecli_standin(
        tmp_path, monkeypatch, tmp_path / "no-fixed-profile.pb.gz", recording=prepared.recording
    )
    recorded_at = RecordedSource(prepared.recording).now()
    source = ProfilecliSource(
        ConnectionSettings(url="http://127.0.0.1:4040"), clock=lambda: recorded_at
    )
    context = api.make_context(
        repo=prepared.repo, source=source, output_format="json", cache_dir=tmp_path / "cache"
    )
    result = api.ask(case.spec.question, context=context, thread_id=uuid.uuid4().hex)
    assert isinstance(result, Report), result
    assert result.trend is not None and result.trend.direction == "up"
    assert [point.has_data for point in result.trend.points] == [True] * 7
    assert result.summary.startswith("Yes: warehouse's mutex delay went up")
    calls = [json.loads(line)["argv"] for line in log.read_text().splitlines()]
    tops = [argv for argv in calls if argv[:2] == ["query", "top"]]
    days = {
        parse_range(argv[argv.index("--from") + 1], argv[argv.index("--to") + 1], recorded_at)
        for argv in tops
    }
    assert len(days) == 7 and all(end - start == timedelta(days=1) for start, end in days)
    # The code is read from the last day's merge only: one merge, no widening.
    merges = [argv for argv in calls if argv[:2] == ["query", "merge"]]
    assert len(merges) == 1
