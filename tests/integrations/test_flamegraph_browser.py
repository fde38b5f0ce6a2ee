"""The HTML report's flame graph used as a person would, in headless Chromium with Playwright.

Click zooms, reset restores, search highlights and states the matched share, hover shows the
details, labels fit and are cut from the package side only, the layout follows the width, and
the page asks the network for nothing (every request is routed and refused) and logs no error.
Expected values come from the payload the page embeds, itself the tree of the report's profile.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.report.flame_data import OTHER, FlameGraphData
from profile_insights.agent.report.html import render_html, report_flame_data
from profile_insights.agent.report.models import DataUsed, Report
from tests.code.frame_rows import NODE_SDK
from tests.integrations.browser_pages import (
    DEMO_PROFILE,
    FINDING,
    HOT,
    WatchedPage,
    chromium,
    demo_report,
    watched_page,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.integration, pytest.mark.slow]
DEEP = "regexp.compileOnePass"
ELLIPSIS = "\u2026"
FONT_PX = 12


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def demo_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    page_file = tmp_path_factory.mktemp("flamegraph") / "report.html"
    page_file.write_text(render_html(demo_report(), profile_path=DEMO_PROFILE))
    return page_file


@pytest.fixture(scope="module")
def demo_data() -> FlameGraphData:
    profile = decode_profile(DEMO_PROFILE.read_bytes(), name=DEMO_PROFILE.name)
    return report_flame_data(profile, demo_report())


@pytest.fixture
def opened(browser: Browser, demo_page: Path) -> Iterator[WatchedPage]:
    with watched_page(browser, demo_page) as watched:
        yield watched
        assert watched.errors == [], "the page logged errors"
        assert watched.requests == [], "the page asked the network for something"


def column(data: FlameGraphData, name: str) -> int:
    return data.columns.index(name)


def name_of(data: FlameGraphData, node: int) -> str:
    return data.strings[int(data.nodes[node][column(data, "name")])]


def parent_of(data: FlameGraphData, node: int) -> int:
    return int(data.nodes[node][column(data, "parent")])


def ancestors(data: FlameGraphData, node: int) -> list[int]:
    path: list[int] = []
    while (node := parent_of(data, node)) >= 0:
        path.insert(0, node)
    return path


def drawn(page: Page) -> list[dict[str, Any]]:
    """Return every drawn frame: id, name, classes, rectangle width and x, label and its size."""
    frames: list[dict[str, Any]] = page.evaluate(
        """() => [...document.querySelectorAll("svg.flamegraph g.frame")].map((g) => {
          const rect = g.querySelector("rect");
          const text = g.querySelector("text");
          return {
            id: Number(g.dataset.id), name: g.dataset.function, classes: [...g.classList],
            x: rect.getBBox().x, width: rect.getBBox().width,
            label: text ? text.textContent : null,
            labelWidth: text ? text.getBBox().width : 0,
            fontSize: text ? getComputedStyle(text).fontSize : null,
          };
        })"""
    )
    return frames


def frame_width(page: Page, name: str) -> float:
    box = page.locator(f'svg.flamegraph g.frame[data-function="{name}"] rect').first.bounding_box()
    assert box is not None, f"{name} is not drawn"
    return float(box["width"])


def test_frames_are_as_wide_as_their_share_of_the_total(
    opened: WatchedPage, demo_data: FlameGraphData
) -> None:
    frames = drawn(opened.page)
    full = next(f for f in frames if f["name"] == "total")["width"] + 1
    cum = column(demo_data, "cum")
    assert len(frames) > 100
    for frame in frames:
        share = float(demo_data.nodes[frame["id"]][cum]) / demo_data.total
        # Each rectangle is drawn 1 px narrower, leaving a gap; no rectangle is under 0.5 px.
        assert frame["width"] == pytest.approx(max(full * share - 1, 0.5), abs=0.02)


def test_clicking_a_frame_zooms_it_to_the_full_width_under_its_callers(
    opened: WatchedPage, demo_data: FlameGraphData
) -> None:
    page = opened.page
    full = frame_width(page, "total")
    assert frame_width(page, DEEP) < 0.6 * full
    page.locator(f'svg.flamegraph g.frame[data-function="{DEEP}"]').first.click()

    frames = drawn(page)
    focus = [f for f in frames if "focus" in f["classes"]]
    assert [f["name"] for f in focus] == [DEEP]
    assert focus[0]["x"] == 0 and focus[0]["width"] == pytest.approx(full, abs=0.5)
    # The callers stay, each across the width: the strip that leads back to the root.
    strip = [f for f in frames if "ancestor" in f["classes"]]
    path = ancestors(demo_data, focus[0]["id"])
    assert [f["id"] for f in strip] == path
    assert [name_of(demo_data, node) for node in path[:5]] == [
        "total",
        "main.main.func1",
        "github.com/acme/checkout/internal/pricing.Price",
        "github.com/acme/checkout/internal/pricing.discount",
        HOT,
    ]
    assert all(f["width"] == pytest.approx(full, abs=0.5) for f in strip)
    # Everything else drawn is called by the focused frame; its siblings are gone.
    for frame in frames:
        if frame["id"] not in path:
            assert focus[0]["id"] in ancestors(demo_data, frame["id"]) + [frame["id"]]
    assert "Zoomed into regexp.compileOnePass" in page.locator(".fg-zoom").inner_text()
    assert page.locator(".fg-reset").is_enabled()


def test_reset_and_the_root_restore_the_whole_view(opened: WatchedPage) -> None:
    page = opened.page
    before = drawn(page)
    assert page.locator(".fg-reset").is_disabled()
    restores: list[Callable[[], None]] = [
        lambda: page.locator(".fg-reset").click(),
        lambda: page.locator('svg.flamegraph g.frame[data-function="total"]').click(),
        lambda: page.keyboard.press("Escape"),
    ]
    for restore in restores:
        page.locator(f'svg.flamegraph g.frame[data-function="{HOT}"]').first.click()
        assert drawn(page) != before
        restore()
        assert drawn(page) == before
        assert page.locator(".fg-reset").is_disabled()
        assert page.locator(".fg-zoom").inner_text() == ""


def expected_search(data: FlameGraphData, term: str) -> tuple[set[int], float]:
    """Return the frames whose name holds ``term`` and their share, each sample counted once."""
    flags, cum = column(data, "flags"), column(data, "cum")
    matched = {
        node
        for node in range(1, len(data.nodes))
        if term.lower() in name_of(data, node).lower() and not int(data.nodes[node][flags]) & OTHER
    }
    outermost = [n for n in matched if not set(ancestors(data, n)) & matched]
    return matched, 100 * sum(float(data.nodes[n][cum]) for n in outermost) / data.total


@pytest.mark.parametrize("term", ["regexp.MustCompile", "compile", "RUNTIME.mallocgc"])
def test_search_highlights_the_matches_and_states_their_share_of_the_total(
    opened: WatchedPage, demo_data: FlameGraphData, term: str
) -> None:
    page = opened.page
    matched, share = expected_search(demo_data, term)
    assert matched and share <= 100
    page.locator(".fg-search").fill(term)
    plural = "match" if len(matched) == 1 else "matches"
    assert (
        page.locator(".fg-status").inner_text() == f"{len(matched)} {plural}, {share:.1f}% of total"
    )
    frames = drawn(page)
    lit = {f["id"] for f in frames if "match" in f["classes"]}
    assert lit and lit <= matched
    assert all("dim" in f["classes"] for f in frames if f["id"] not in matched)
    page.locator(".fg-search").fill("")
    assert page.locator(".fg-status").inner_text() == ""
    assert page.locator("svg.flamegraph g.match, svg.flamegraph g.dim").count() == 0


def test_search_share_of_one_function_is_its_cum_in_the_report_table(opened: WatchedPage) -> None:
    row = next(r for r in demo_report().hot_functions if r.function == "regexp.MustCompile")
    opened.page.locator(".fg-search").fill("regexp.MustCompile")
    assert f"{row.cum_pct:.1f}% of total" in opened.page.locator(".fg-status").inner_text()


def test_hovering_a_frame_shows_its_name_file_line_self_and_total(
    opened: WatchedPage, demo_data: FlameGraphData
) -> None:
    page = opened.page
    tooltip = page.locator(".fg-tooltip")
    assert tooltip.is_hidden()
    frame = page.locator(f'svg.flamegraph g.frame[data-function="{HOT}"]').first
    frame.hover()
    node = int(frame.get_attribute("data-id") or "-1")
    values = dict(zip(demo_data.columns, demo_data.nodes[node], strict=True))
    cum_text = demo_data.strings[int(values["cum_text"])]
    flat_text = demo_data.strings[int(values["flat_text"])]
    cum_pct = 100 * float(values["cum"]) / demo_data.total
    lines = tooltip.inner_text().splitlines()
    assert lines[0] == HOT
    assert re.fullmatch(r".*internal/pricing/pricing\.go:\d+", lines[1])
    assert f"self {flat_text} (" in lines[2] and lines[2].endswith("%)")
    assert lines[3] == f"total {cum_text} ({cum_pct:.2f}%)"
    assert "code of this checkout" in lines
    assert f"cited by finding 1: {FINDING}" in lines
    page.mouse.move(1, 1)
    assert tooltip.is_hidden()


def assert_labels_fit_and_are_cut_from_the_left(frames: list[dict[str, Any]]) -> int:
    """Assert every label is whole or a left-cut suffix that fits; return how many were cut."""
    cut = 0
    for frame in frames:
        label = frame["label"]
        if label is None:
            continue
        name = frame["name"]
        if "other" in frame["classes"]:
            name = label  # "other (N)": no name of its own
        assert not label.endswith(".."), label
        assert label == name or (label.startswith(ELLIPSIS) and name.endswith(label[1:])), label
        assert frame["fontSize"] == f"{FONT_PX}px"
        assert frame["labelWidth"] <= frame["width"], label
        cut += label != name
    return cut


@pytest.mark.parametrize("width", [800, 2000])
def test_labels_are_whole_or_shortened_from_the_package_side_at_a_fixed_size(
    browser: Browser, demo_page: Path, width: int
) -> None:
    with watched_page(browser, demo_page, width=width) as watched:
        frames = drawn(watched.page)
        assert_labels_fit_and_are_cut_from_the_left(frames)
        labels = {f["name"]: f["label"] for f in frames if f["label"]}
        assert labels[HOT] == HOT, "the hot frame is wide enough for its whole name"
        # A cut keeps the function and what is nearest it: "…syntax.Compile", not "regexp/sy..".
        assert labels["regexp/syntax.Compile"] in {"regexp/syntax.Compile", "…syntax.Compile"}
        assert sum(1 for f in frames if f["label"]) >= 20
        assert watched.errors == [] and watched.requests == []


def test_resizing_the_window_lays_the_graph_out_again(browser: Browser, demo_page: Path) -> None:
    with watched_page(browser, demo_page, width=2000) as watched:
        page = watched.page
        wide = frame_width(page, "total")
        page.set_viewport_size({"width": 800, "height": 900})
        page.wait_for_function(
            f"document.querySelector('svg.flamegraph').getAttribute('width') < {wide - 100}"
        )
        narrow = frame_width(page, "total")
        assert narrow < 760
        frames = drawn(page)
        assert_labels_fit_and_are_cut_from_the_left(frames)
        canvas = page.locator(".fg-canvas").bounding_box()
        assert canvas is not None and narrow == pytest.approx(canvas["width"] - 1, abs=1)
        assert watched.errors == [] and watched.requests == []


def hostile_profile(name: str) -> profile_pb2.Profile:
    profile = profile_pb2.Profile()
    profile.string_table.extend(["", "cpu", "nanoseconds", name, "main.go", "main.main"])
    profile.sample_type.add(type=1, unit=2)
    profile.function.add(id=1, name=3, system_name=3, filename=4)
    profile.function.add(id=2, name=5, system_name=5, filename=4)
    location = profile.location.add(id=1)
    location.line.add(function_id=1, line=7)
    profile.location.add(id=2).line.add(function_id=2, line=3)
    profile.sample.add(location_id=[1, 2], value=[10])
    return profile


def test_a_frame_name_cannot_inject_markup_or_fetch_anything(
    browser: Browser, tmp_path: Path
) -> None:
    # A Go generic's shape survives pprof's name rewriting, and so does what follows it.
    name = 'main.(*T[go.shape.int]).Do"</script><img src="https://example.invalid/x.png">'
    report = Report(question="q", data=DataUsed(sample_type="cpu"))
    page_file = tmp_path / "report.html"
    page_file.write_text(render_html(report, profile=hostile_profile(name)))
    with watched_page(browser, page_file) as watched:
        page = watched.page
        assert page.locator("img").count() == 0
        names = page.evaluate(
            "[...document.querySelectorAll('svg.flamegraph g.frame')]"
            ".map((g) => g.dataset.function)"
        )
        assert name in names
        page.locator(".fg-search").fill("example.invalid")
        assert page.locator(".fg-status").inner_text() == "1 match, 100.0% of total"
        assert json.loads(page.locator("#flamegraph-data").inner_text())["total"] == 10
        assert watched.errors == [] and watched.requests == []


def test_frames_are_drawn_by_their_readable_names(browser: Browser, tmp_path: Path) -> None:
    # A Node.js service recorded with the real @pyroscope/nodejs: its names carry file and line.
    profile = decode_profile((NODE_SDK / "cpu.pb.gz").read_bytes(), name="cpu.pb.gz")
    report = Report(question="q", data=DataUsed(sample_type="cpu"))
    page_file = tmp_path / "report.html"
    page_file.write_text(render_html(report, profile=profile))
    with watched_page(browser, page_file, width=1600) as watched:
        labels = {f["name"]: f["label"] for f in drawn(watched.page) if f["label"]}
        assert labels["./src/password.js:derive:4"] == "derive"
        # Search still finds the frame by pprof's name, file included.
        watched.page.locator(".fg-search").fill("password.js:derive")
        status = watched.page.locator(".fg-status").inner_text()
        assert status.split()[0].isdigit() and int(status.split()[0]) >= 1, status
        assert watched.errors == [] and watched.requests == []
