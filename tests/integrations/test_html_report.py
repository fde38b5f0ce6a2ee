"""The HTML report opened in a real headless Chromium: standalone, flame graph, marks, no errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from profile_insights.agent.report.flame_data import FlameGraphData
from profile_insights.agent.report.html import inline_code, render_html
from profile_insights.agent.report.models import HotFunction, Report
from tests.conftest import REPO_ROOT
from tests.integrations.browser_pages import DEMO_PROFILE, HOT, chromium, demo_report, watched_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser

TWO_SERVICES = REPO_ROOT / "evals/cases/traj-two-services/recording"
DEMO_REPO = REPO_ROOT / "agent/demo/service"
CLI = Path(sys.executable).parent / "profile-insights"
ARTIFACTS = REPO_ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as instance:
        yield instance


@pytest.mark.integration
@pytest.mark.slow
def test_report_opens_in_chromium_with_a_marked_flame_graph_and_no_errors(
    browser: Browser, tmp_path: Path
) -> None:
    html = render_html(demo_report(DEMO_PROFILE), profile_path=DEMO_PROFILE)
    # Standalone: nothing is fetched from anywhere, the script is inline.
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert not re.search(r"<script[^>]*\bsrc=", html)
    page_file = tmp_path / "report.html"
    page_file.write_text(html)

    with watched_page(browser, page_file) as watched:
        page = watched.page
        assert page.locator("svg.flamegraph").count() == 1
        hot = page.locator(f'svg.flamegraph g.frame[data-function="{HOT}"]')
        assert hot.count() >= 1
        first = hot.first
        assert first.get_attribute("data-in-repo") == "true"
        assert first.get_attribute("data-hot-rank") is not None
        assert first.get_attribute("data-finding") == "1"
        assert "cited" in (first.get_attribute("class") or "")
        box = first.locator("rect").bounding_box()
        assert box is not None and box["width"] > 300, "85% of the CPU is a wide frame"
        # The table and the snippet are there and escaped (no element injected from data).
        assert page.locator("table.top-table tbody tr").count() == 10
        assert page.locator("tr.in-repo").count() >= 1
        assert "<compiles a regexp>" in (page.locator("table.top-table").text_content() or "")
        assert "<\\d+>" in (page.locator("#source-analysis pre").text_content() or "")

        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "html-report.png"), full_page=True)
        assert watched.errors == []
        assert watched.requests == []


@pytest.mark.integration
@pytest.mark.slow
def test_cli_format_html_writes_a_page_chromium_renders(browser: Browser, tmp_path: Path) -> None:
    page_file = tmp_path / "report.html"
    done = subprocess.run(
        [
            str(CLI),
            "ask",
            "Why is checkout slow?",
            "--recording",
            str(TWO_SERVICES),
            "--repo",
            str(DEMO_REPO),
            "--service",
            "checkout-worker",
            "--format",
            "html",
            "--output",
            str(page_file),
            "--state-dir",
            str(tmp_path / "state"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with watched_page(browser, page_file) as watched:
        page = watched.page
        hot = page.locator(f'svg.flamegraph g.frame.cited.in-repo[data-function="{HOT}"]')
        assert hot.count() >= 1
        assert 10 < page.locator("svg.flamegraph g.frame").count() <= 1500
        # Markdown code spans of the prose become <code>, not literal backticks.
        assert page.locator("#summary code").count() >= 1
        assert "`" not in (page.locator("#summary").text_content() or "")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "html-report-cli.png"), full_page=True)
        assert watched.errors == []
        assert watched.requests == []


def test_inline_code_escapes_and_marks_code_spans() -> None:
    assert str(inline_code("a `<b>` & `c`")) == "a <code>&lt;b&gt;</code> &amp; <code>c</code>"


def test_report_without_a_profile_has_no_flame_graph_section() -> None:
    report = Report(question="Why is x slow?", summary="No data in the last 24 hours.")
    html = render_html(report)
    assert 'id="flame-graph"' not in html and "No data in the last 24 hours." in html


def test_frames_under_the_build_prefix_of_in_repo_rows_count_as_in_repo() -> None:
    from profile_insights.agent.report.flamegraph import FlameNode, Frame
    from profile_insights.agent.report.html import in_repo_from_report

    root = FlameNode(name="total", cum=10)
    root.children.append(
        FlameNode(name="app.Handle", file="github.com/acme/app/internal/api/h.go", line=3, cum=10)
    )
    row = HotFunction(
        rank=1,
        function="app.Handle",
        file="internal/api/h.go",
        line=3,
        in_repo=True,
        flat=0,
        flat_pct=0,
        cum=10,
        cum_pct=100,
    )
    predicate = in_repo_from_report(Report(question="q", hot_functions=[row]), root)
    assert predicate(Frame("app.other", "github.com/acme/app/internal/db/q.go", 9))
    assert not predicate(Frame("net/http.serve", "net/http/server.go", 1))
    assert not predicate(Frame("x.y", "github.com/other/lib/z.go", 1))


def test_absence_report_says_there_is_no_profile_without_repeating_the_reason() -> None:
    reason = "checkout-api never sent a mutex profile."
    report = Report(
        question="Why is checkout-api waiting on locks?",
        outcome="never_sent",
        summary=reason,
        notes=[reason, "Enable `mutex` profiling in the SDK."],
    )
    html = render_html(report)
    assert "No profile to analyse" in html
    assert html.count(reason) == 1
    assert "<code>mutex</code>" in html
    assert 'id="recommendations"' not in html and 'id="flame-graph"' not in html


def test_the_graph_page_embeds_the_tree_of_the_profile_its_table_came_from(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from profile_insights.agent import api
    from profile_insights.agent.profiles import decoded, frames

    prepared: list[str] = []

    def counted(*args: Any, **kwargs: Any) -> frames.PreparedProfile:
        prepared.append("prepare")
        return frames.prepare(*args, **kwargs)

    monkeypatch.setattr(decoded, "prepare", counted)
    monkeypatch.setattr("profile_insights.agent.report.flamegraph.prepare", counted)
    # A profile decoded by an earlier test in this process would be prepared already.
    monkeypatch.setattr(decoded, "_kept", type(decoded._kept)())
    context = api.make_context(
        recording=REPO_ROOT / "agent/demo/recording",
        repo=DEMO_REPO,
        output_format="html",
        cache_dir=tmp_path,
    )
    report = api.ask("Why is checkout slow?", context=context)
    assert isinstance(report, Report) and report.rendered_format == "html"
    assert prepared == ["prepare"], "the table, the mapping and the graph share one preparation"
    found = re.search(r'id="flamegraph-data">(.*?)</script>', report.rendered, re.S)
    assert found is not None
    data = FlameGraphData.model_validate(json.loads(found.group(1)))
    assert data.total == report.data.total
    assert data.total_text == report.data.total_text
    assert data.findings == [finding.title for finding in report.findings]
    cum_text = data.strings[int(data.nodes[0][data.columns.index("cum_text")])]
    assert cum_text == report.data.total_text
