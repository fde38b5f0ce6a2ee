"""The chat-model path with a fake model: one call, a JSON reply, bounded input, grounded output.

The fake subclasses langchain-core's ``GenericFakeChatModel`` the way LangGraph's own tests do;
both calls (the service pick and the analysis) are answered with JSON in the reply text.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from profile_insights.agent.report.models import Report
from tests.fake_models import (
    COUPON_RANK,
    GROUNDED,
    analysis_message,
    scripted_model,
)
from tests.graph.conftest import CPU, Entry

_analysis = analysis_message


UNREAD_LINE = {
    "title": "Tax rounding is slow",
    "kind": "cpu_hotspot",
    "why": "The tax loop rounds every line.",
    "fix": "Round once.",
    "rows": [COUPON_RANK],
    "refs": ["internal/pricing/pricing.go:400"],
}
NOT_A_ROW = {
    "title": "JSON encoding dominates",
    "kind": "serialization",
    "why": "encoding/json is hot.",
    "fix": "Cache the encoded response.",
    "rows": [999],  # no such row was sent (the table has 40 rows)
    "refs": [],
}


def _run(harness_for, demo_cpu: bytes, findings: list[dict[str, Any]]) -> tuple[Report, Any]:
    model = scripted_model([_analysis(findings)])
    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))])
    report = harness.ask("Why is checkout slow?", model=model)
    assert isinstance(report, Report)
    return report, model


def test_one_call_writes_the_analysis_and_tokens_are_counted(harness_for, demo_cpu: bytes) -> None:
    report, model = _run(harness_for, demo_cpu, [GROUNDED])

    assert len(model.seen) == 1
    assert (report.llm.calls, report.llm.input_tokens, report.llm.output_tokens) == (1, 1234, 321)
    assert report.summary.startswith("Checkout spends most CPU")
    first = report.findings[0]
    assert first.source == "model" and first.title == GROUNDED["title"]
    # The saving is capped at the cited row's cum%, whatever the model claimed.
    assert first.estimated_saving_pct == first.evidence[0].cum_pct < 100
    assert first.evidence[0].cum_pct > 80  # re-read from the table, not taken from the model
    assert report.dropped_claims == 0


def test_the_model_sees_only_top_rows_and_in_repo_code_windows(
    harness_for, demo_cpu: bytes
) -> None:
    _, model = _run(harness_for, demo_cpu, [GROUNDED])
    prompt = "\n".join(str(message.content) for message in model.seen[0])

    assert "internal/pricing/pricing.go" in prompt and "regexp.MustCompile" in prompt
    # One line per row: rank, flat%, cum%, short name, repo-relative file:line.
    row = rf"^{COUPON_RANK} 0 8\d\.\d pricing\.validCoupon internal/pricing/pricing\.go:61$"
    assert re.search(row, prompt, re.MULTILINE)
    assert re.search(r"runtime\.gcAssistAlloc \(1\d\.\d% cum\)", prompt)  # runtime rows: a hint
    assert "func (c *compiler)" not in prompt  # stdlib source is never read or sent
    assert "61>\tre := regexp.MustCompile(couponPattern)" in prompt  # real line numbers
    assert "40\t" not in prompt  # only a few lines around the hot line, not the 41 read
    assert len(prompt) < 2_500


def test_a_claim_citing_a_line_never_read_is_dropped_and_counted(
    harness_for, demo_cpu: bytes
) -> None:
    report, _ = _run(harness_for, demo_cpu, [GROUNDED, UNREAD_LINE, NOT_A_ROW])

    titles = [finding.title for finding in report.findings]
    assert GROUNDED["title"] in titles
    assert UNREAD_LINE["title"] not in titles
    assert NOT_A_ROW["title"] not in titles
    assert report.dropped_claims == 2
    assert any(finding.source == "deterministic" for finding in report.findings)


def _pick(services: list[str], confident: bool) -> AIMessage:
    answer = {
        "services": services,
        "confident": confident,
        "reason": "the question is about the storefront API",
    }
    return AIMessage(
        content=json.dumps(answer),
        usage_metadata={"input_tokens": 100, "output_tokens": 20, "total_tokens": 120},
    )


def _two_services(demo_cpu: bytes) -> list[Entry]:
    return [
        Entry("checkout-api", CPU, demo_cpu, ago=timedelta(minutes=5)),
        Entry("checkout-worker", CPU, demo_cpu, ago=timedelta(minutes=5), repository=None),
    ]


def test_the_model_settles_an_ambiguous_service_and_both_calls_are_counted(
    harness_for, demo_cpu: bytes
) -> None:
    model = scripted_model([_pick(["checkout-api"], True), _analysis([GROUNDED])])
    harness = harness_for(_two_services(demo_cpu))
    report = harness.ask("Why is checkout slow?", model=model)

    assert isinstance(report, Report)
    assert report.services == ["checkout-api"]
    assert "chat model" in report.data.service_reason
    assert "checkout-worker" in str(model.seen[0][0].content)
    assert (report.llm.calls, report.llm.input_tokens, report.llm.output_tokens) == (2, 1334, 341)


def test_a_chat_model_without_tool_calling_answers_both_calls(harness_for, demo_cpu: bytes) -> None:
    # langchain-core's own fake has no bind_tools: with_structured_output would raise on it.
    model = GenericFakeChatModel(
        messages=iter([_pick(["checkout-api"], True), _analysis([GROUNDED])])
    )
    harness = harness_for(_two_services(demo_cpu))
    report = harness.ask("Why is checkout slow?", model=model)

    assert isinstance(report, Report)
    assert report.services == ["checkout-api"]
    assert report.llm.calls == 2
    assert any(finding.source == "model" for finding in report.findings)


def test_an_unsure_or_invented_model_pick_falls_back_to_asking_the_user(
    harness_for, demo_cpu: bytes
) -> None:
    from profile_insights.agent.api import NeedsInput

    for pick in (_pick(["checkout-api"], False), _pick(["payments"], True)):
        model = scripted_model([pick, _analysis([GROUNDED])])
        harness = harness_for(_two_services(demo_cpu))
        asked = harness.ask("Why is checkout slow?", model=model)
        assert isinstance(asked, NeedsInput)
        assert asked.question.kind == "choose_service"
        report = harness.resume(asked.thread_id, "checkout-worker", model=model)
        assert isinstance(report, Report)
        assert report.services == ["checkout-worker"]
        assert report.llm.calls == 2  # the service pick and the analysis


def test_a_model_that_answers_garbage_leaves_the_deterministic_report_and_says_so(
    harness_for, demo_cpu: bytes
) -> None:
    model = scripted_model(
        [
            AIMessage(
                content="I think it is the database.",
                usage_metadata={"input_tokens": 900, "output_tokens": 9, "total_tokens": 909},
            )
        ]
    )
    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))])
    report = harness.ask("Why is checkout slow?", model=model)

    assert isinstance(report, Report)
    assert (report.llm.calls, report.llm.input_tokens, report.llm.output_tokens) == (1, 900, 9)
    assert report.findings and all(f.source == "deterministic" for f in report.findings)
    assert any("chat model" in note for note in report.notes)
