"""Every citation says where its file lives: the checkout's files stand out, others say so."""

from __future__ import annotations

import json
import re

import pytest

from profile_insights.agent.analysis.models import Evidence
from profile_insights.agent.report.models import Report
from tests.conftest import REPO_ROOT

DEMO_RECORDING = REPO_ROOT / "agent/demo/recording"
DEMO_REPO = REPO_ROOT / "agent/demo/service"


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    from profile_insights.agent import Report, ask, make_context

    context = make_context(
        recording=DEMO_RECORDING, repo=DEMO_REPO, cache_dir=tmp_path_factory.mktemp("cache")
    )
    report = ask("Why is checkout slow?", context=context)
    assert isinstance(report, Report)
    return report


def test_json_evidence_says_in_repo_and_origin_for_every_item(demo_report: Report) -> None:
    from profile_insights.agent.api import render

    data = json.loads(render(demo_report, "json"))
    items = [item for finding in data["findings"] for item in finding["evidence"]]
    assert items and all({"in_repo", "origin"} <= item.keys() for item in items)
    repo = [item for item in items if item["in_repo"]]
    assert repo and all(item["origin"] == "repo" for item in repo)
    assert all((DEMO_REPO / item["file"]).is_file() for item in repo)
    # The regexp package's files (a -trimpath build's relative paths) are not the checkout's.
    regexp = [item for item in items if item["file"].startswith("regexp/")]
    assert regexp and all(not i["in_repo"] and i["origin"] == "stdlib" for i in regexp)


def test_markdown_marks_checkout_files_and_names_the_origin_of_the_others(
    demo_report: Report,
) -> None:
    from profile_insights.agent.api import render

    evidence = [line for line in render(demo_report).splitlines() if "Evidence:" in line]
    text = "\n".join(evidence)
    assert "(**internal/pricing/pricing.go:61**)" in text
    assert "(regexp/regexp.go:137; standard library, not in this checkout)" in text
    assert "(runtime/slice.go:290; language runtime, not in this checkout)" in text
    # No citation of a file outside the checkout goes unmarked.
    for place in re.findall(r"\(([^()*]+?\.\w+:\d+)\)", text):
        pytest.fail(f"unmarked citation {place}")


def test_html_marks_non_repo_citations_with_a_badge(demo_report: Report) -> None:
    from profile_insights.agent.api import render

    page = render(demo_report, "html")
    section = page.split('<section id="recommendations">', 1)[1].split("</section>", 1)[0]
    assert '<code class="repo">internal/pricing/pricing.go:61</code>' in section
    assert (
        '<code>regexp/regexp.go:137</code> <span class="badge external">'
        "standard library, not in this checkout</span>"
    ) in section


@pytest.mark.parametrize(
    ("evidence", "words"),
    [
        (Evidence(function="f", in_repo=True, origin="repo"), ""),
        (
            Evidence(function="f", origin="dependency", module="github.com/x/y@v1.2.3"),
            "dependency github.com/x/y@v1.2.3, not in this checkout",
        ),
        (Evidence(function="f", origin="dependency"), "dependency, not in this checkout"),
        (Evidence(function="f", origin="native"), "native code, not in this checkout"),
        (Evidence(function="f", origin="profiler"), "the profiler itself, not in this checkout"),
        # A checkout path whose line was never read is not claimed as the checkout's.
        (Evidence(function="f", origin="repo"), "line not found in this checkout"),
    ],
)
def test_origin_words_name_where_a_file_lives(evidence: Evidence, words: str) -> None:
    assert evidence.origin_words() == words
