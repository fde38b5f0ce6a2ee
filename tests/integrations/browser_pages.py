"""Open report pages in Debian's headless Chromium through Playwright, offline and watched.

Playwright's own browser download does not work here, so it drives ``/usr/bin/chromium``
(flags from /work/shared/docs/environment-notes.md). Every page is opened with every request
routed: the page's own file is served, anything else is aborted and recorded, and console
errors and uncaught exceptions are recorded too, for the test to assert there were none.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from profile_insights.agent.analysis.models import Evidence
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.profiles.top import top_table
from profile_insights.agent.report.models import (
    CodeSnippet,
    DataUsed,
    FindingView,
    HotFunction,
    Report,
)
from tests.conftest import REPO_ROOT, require

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

DEMO_PROFILE = REPO_ROOT / "agent/demo/recording/profiles/checkout-cpu-0.pb.gz"
HOT = "github.com/acme/checkout/internal/pricing.validCoupon"
FINDING = "A regexp is compiled on every coupon check"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    """Return Debian's Chromium, skipping locally (failing in CI) when it is not installed."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    require(Path(path).exists(), "Debian chromium is not installed (make system-deps)")
    return path


@contextmanager
def chromium() -> Iterator[Browser]:
    """Launch headless Chromium for the block, and close it after."""
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright is not installed (dev extra)")
        raise
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class WatchedPage:
    """A page, with what it asked the network for and what it logged as an error."""

    page: Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@contextmanager
def watched_page(browser: Browser, page_file: Path, *, width: int = 1280) -> Iterator[WatchedPage]:
    """Open ``page_file`` with every other request refused and recorded; close it after."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    watched = WatchedPage(page)
    url = page_file.as_uri()

    def only_the_page(route: Route) -> None:
        if route.request.url == url:
            route.continue_()
        else:
            watched.requests.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_page)
    page.on(
        "console",
        lambda message: watched.errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: watched.errors.append(str(error)))
    page.goto(url)
    try:
        yield watched
    finally:
        context.close()


def demo_report(profile_path: Path = DEMO_PROFILE) -> Report:
    """Return a report made from the real top table of the demo profile (the graph's own data)."""
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
                title=FINDING,
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
