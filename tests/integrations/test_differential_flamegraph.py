"""A comparison's HTML report: a "What changed" section and a differential flame graph.

The case is a recorded deploy regression of this repository's eval corpus (two windows, two
``service_git_ref`` values): its report is asked through the API in HTML, and the page's
payload, text and drawing are checked against the comparison the same report computed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from profile_insights.agent import api
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.report.flame_data import FlameGraphData
from profile_insights.agent.report.models import Report
from profile_insights.evals.case_models import load_case
from profile_insights.evals.dataset import prepare_case
from tests.conftest import REPO_ROOT
from tests.integrations.browser_pages import chromium, watched_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CASE = REPO_ROOT / "evals/cases/go-deploy-cpu-receipt"
GROWER = "github.com/acme/checkout/internal/receipt.Render"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Report]:
    workdir = tmp_path_factory.mktemp("diff-flame")
    prepared = prepare_case(load_case(CASE), workdir)
    context = api.make_context(
        repo=prepared.repo,
        source=RecordedSource(prepared.recording),
        output_format="html",
        cache_dir=workdir / "cache",
    )
    report = api.ask(prepared.case.spec.question, context=context)
    assert isinstance(report, Report), "the deploy case asks no question"
    assert report.comparison is not None and report.rendered_format == "html"
    return report.rendered, report


def payload(html: str) -> FlameGraphData:
    found = re.search(r'<script type="application/json" id="flamegraph-data">(.*?)</script>', html)
    assert found is not None
    return FlameGraphData.model_validate(json.loads(found.group(1)))


def test_comparison_page_colours_frames_by_their_change_beyond_the_load(
    page: tuple[str, Report],
) -> None:
    html, report = page
    comparison = report.comparison
    assert comparison is not None
    data = payload(html)
    diff = data.diff
    assert diff is not None
    assert diff.load_factor == comparison.load_factor
    columns = {name: i for i, name in enumerate(data.columns)}
    name, cum, base = columns["name"], columns["cum"], columns["base"]
    root = data.nodes[0]
    assert diff.baseline_total == pytest.approx(comparison.baseline.total, rel=1e-6)
    assert root[base] == pytest.approx(comparison.baseline.total, rel=1e-6)

    def change(row: list[int | float]) -> float:
        return 100 * (float(row[cum]) - diff.load_factor * float(row[base])) / data.total

    grower = [row for row in data.nodes if data.strings[int(row[name])] == GROWER]
    assert grower, "the function that grew is drawn"
    # The colours measure what the table does: summed over the call paths the function is on,
    # its frames' change is the table's change of the function.
    grown = sum(change(row) for row in grower)
    table = next(c for c in comparison.changes if c.function == GROWER)
    assert grown == pytest.approx(table.delta_pct, abs=1.0)
    # Every frame's baseline is at most its parent's: the values follow call paths.
    parent = columns["parent"]
    for row in data.nodes[1:]:
        assert float(row[base]) <= float(data.nodes[int(row[parent])][base]) + 1e-6


def test_comparison_page_has_a_what_changed_section_with_verdict_and_commits(
    page: tuple[str, Report],
) -> None:
    html, report = page
    comparison = report.comparison
    assert comparison is not None
    section = html[html.index('<section id="what-changed">') :]
    section = section[: section.index("</section>")]
    assert f"Verdict: {comparison.verdict}." in section
    assert "Differential flame graph" in html and "shrank" in html
    for commit in comparison.commits:
        assert commit.hash[:9] in section
    assert GROWER in section


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as instance:
        yield instance


@pytest.mark.integration
@pytest.mark.slow
def test_grown_frame_is_drawn_red_and_says_its_change_on_hover(
    browser: Browser, page: tuple[str, Report], tmp_path: Path
) -> None:
    html, _report = page
    page_file = tmp_path / "report.html"
    page_file.write_text(html, encoding="utf-8")
    with watched_page(browser, page_file) as watched:
        chrome = watched.page
        assert chrome.locator("svg.flamegraph.differential").count() == 1
        frames = chrome.locator(f'svg.flamegraph g.frame[data-function="{GROWER}"]')
        changes = [
            float(frames.nth(i).get_attribute("data-change") or 0) for i in range(frames.count())
        ]
        widest = frames.nth(changes.index(max(changes)))
        fill = widest.locator("rect").get_attribute("fill") or ""
        assert fill.startswith("hsl(0,"), f"a grown frame is red, got {fill}"
        widest.hover()
        tip = chrome.locator(".fg-tooltip").text_content() or ""
        assert "points beyond the load" in tip and "baseline" in tip
        assert watched.errors == []
        assert watched.requests == []
