"""The HTML report opened in a real headless Chromium: standalone, flame graph, marks, no errors."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from profile_insights.agent.analysis.models import Evidence
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.profiles.top import top_table
from profile_insights.agent.report.html import inline_code, render_html
from profile_insights.agent.report.models import (
    CodeSnippet,
    DataUsed,
    FindingView,
    HotFunction,
    Report,
)
from tests.conftest import REPO_ROOT, require

DEMO_PROFILE = REPO_ROOT / "agent/demo/recording/profiles/checkout-cpu-0.pb.gz"
TWO_SERVICES = REPO_ROOT / "evals/cases/traj-two-services/recording"
DEMO_REPO = REPO_ROOT / "agent/demo/service"
CLI = Path(sys.executable).parent / "profile-insights"
ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOT = "github.com/acme/checkout/internal/pricing.validCoupon"


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    require(Path(path).exists(), "Debian chromium is not installed (make system-deps)")
    return path


def demo_report(profile_path: Path) -> Report:
    """A report made from the real top table of the demo profile (the graph's own data)."""
    profile = decode_profile(profile_path.read_bytes(), name=profile_path.name)
    table = top_table(profile, lines=True, cum=True, nodecount=10)
    rows = [
        HotFunction(
            rank=row.rank,
            function=row.function,
            file=(row.file or "").removeprefix("github.com/acme/checkout/") or None,
            line=row.line,
            in_repo=row.function.startswith(("github.com/acme/checkout", "main.")),
            flat=row.flat,
            flat_pct=row.flat_pct,
            cum=row.cum,
            cum_pct=row.cum_pct,
            what="<compiles a regexp> & more",
        )
        for row in table.rows
    ]
    hot = next(row for row in rows if row.function == HOT)
    return Report(
        question="Why is the checkout service slow?",
        services=["checkout"],
        profile_type="process_cpu:cpu:nanoseconds:cpu:nanoseconds",
        hot_functions=rows,
        findings=[
            FindingView(
                title="A regexp is compiled on every coupon check",
                kind="cpu_hotspot",
                explanation="regexp.MustCompile runs per call.",
                recommendation="Compile the pattern once at package level.",
                evidence=[Evidence(function=HOT, file=hot.file, line=hot.line, cum_pct=85.9)],
                snippets=[
                    CodeSnippet(
                        path=hot.file or "",
                        start_line=hot.line or 1,
                        focus_line=hot.line or 1,
                        text="re := regexp.MustCompile(`^[A-Z]{4}<\\d+>$`)",
                    )
                ],
            )
        ],
        summary="validCoupon compiles a regexp per call: 85.9% of CPU.",
        data=DataUsed(sample_type="cpu", sample_unit="nanoseconds", total=table.total),
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright is not installed (dev extra)")
        raise
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.mark.integration
@pytest.mark.slow
def test_report_opens_in_chromium_with_a_marked_flame_graph_and_no_errors(
    browser: object, tmp_path: Path
) -> None:
    html = render_html(demo_report(DEMO_PROFILE), profile_path=DEMO_PROFILE)
    # Standalone: nothing is fetched from anywhere.
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<script" not in html
    page_file = tmp_path / "report.html"
    page_file.write_text(html)

    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_file.as_uri())

    assert page.locator("svg.flamegraph").count() == 1
    hot = page.locator(f'svg.flamegraph g.frame[data-function="{HOT}"]')
    assert hot.count() >= 1
    first = hot.first
    assert first.get_attribute("data-in-repo") == "true"
    assert first.get_attribute("data-hot-rank") is not None
    assert "hot" in (first.get_attribute("class") or "")
    box = first.locator("rect").bounding_box()
    assert box is not None and box["width"] > 300, "85% of the CPU is a wide frame"
    title = first.locator("title").text_content() or ""
    assert HOT in title and "pricing.go:" in title and "flat " in title and "cum " in title
    # The table and the snippet are there and escaped (no element injected from data).
    assert page.locator("table.top-table tbody tr").count() == 10
    assert page.locator("tr.in-repo").count() >= 1
    assert "<compiles a regexp>" in (page.locator("table.top-table").text_content() or "")
    assert "<\\d+>" in (page.locator("#source-analysis pre").text_content() or "")

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-report.png"), full_page=True)
    page.close()
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests


@pytest.mark.integration
@pytest.mark.slow
def test_cli_format_html_writes_a_page_chromium_renders(browser: object, tmp_path: Path) -> None:
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
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(page_file.as_uri())
    hot = page.locator(f'svg.flamegraph g.frame.hot.in-repo[data-function="{HOT}"]')
    assert hot.count() >= 1
    assert 10 < page.locator("svg.flamegraph g.frame").count() <= 1500
    # Markdown code spans of the prose become <code>, not literal backticks.
    assert page.locator("#summary code").count() >= 1
    assert "`" not in (page.locator("#summary").text_content() or "")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-report-cli.png"), full_page=True)
    page.close()
    assert errors == []


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
