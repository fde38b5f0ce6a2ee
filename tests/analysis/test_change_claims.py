"""Claims of change in prose are kept only when the comparison measured them."""

from __future__ import annotations

import pytest

from profile_insights.agent.analysis.change_claims import grounded_sentences, unsupported_claims
from profile_insights.agent.analysis.comparison import Change, Comparison, Side


def comparison() -> Comparison:
    return Comparison(
        verdict="regressed",
        baseline=Side.model_validate({"from": "a", "to": "b", "total": 3.0, "samples": 300}),
        current=Side.model_validate({"from": "c", "to": "d", "total": 6.6, "samples": 660}),
        normalised_by="typical_function",
        load_factor=1.15,
        load_change="unchanged",
        growth_pct=76.8,
        changes=[
            Change(
                function="receipt.Render",
                file="internal/receipt/receipt.go",
                in_repo=True,
                baseline_pct=33.44,
                current_pct=44.92,
                delta_pct=26.01,
            )
        ],
    )


@pytest.mark.parametrize(
    "text",
    [
        "Render grew 26 points since the deploy.",
        "CPU grew by 77% beyond the load.",
        "Its share rose 34% (from 33% to 45%).",
        "The total is 2.2x higher than the baseline.",
        "Render: +26.0 points.",
        "Render is 45% of the CPU and compiles a template per call.",
    ],
)
def test_a_claim_the_comparison_measured_is_supported(text: str) -> None:
    assert unsupported_claims(text, comparison()) == []


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Checkout regressed 40% since yesterday.", "regressed 40%"),
        ("The handler is 5x slower than last week.", "5x slower"),
        ("Search increased by 19 points.", "increased by 19 points"),
        ("Allocation went up +9%.", "+9%"),
    ],
)
def test_a_claim_no_number_of_the_comparison_supports_is_named(text: str, claim: str) -> None:
    assert claim in unsupported_claims(text, comparison())


def test_without_a_baseline_every_claimed_change_is_unsupported() -> None:
    assert unsupported_claims("CPU grew 26 points.", None) == ["grew 26 points"]
    assert unsupported_claims("Render is 45% of the CPU.", None) == []


def test_only_the_sentences_with_unsupported_claims_leave_the_summary() -> None:
    text = "Render grew 26 points. Checkout regressed 40% overall. Fix the template parse."
    kept, removed = grounded_sentences(text, comparison())
    assert kept == "Render grew 26 points. Fix the template parse."
    assert removed == ["regressed 40%"]
