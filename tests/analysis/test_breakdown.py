"""A breakdown's rows: each value's share, its own top functions, and the summary's lead."""

from __future__ import annotations

from profile_insights.agent.analysis.breakdown import (
    Breakdown,
    BreakdownFunction,
    build_breakdown,
    top_functions,
)
from profile_insights.agent.analysis.breakdown_summary import breakdown_lead
from profile_insights.agent.profiles.frames import prepare
from profile_insights.agent.profiles.values import function_costs
from profile_insights.agent.pyroscope.label_costs import LabelCosts, ValueCost
from tests.profiles.stack_profiles import Frame, stack_profile

SERVE = ("app.serve", "app.py", 52)
QUOTE = ("quote", "shipping/handlers.py", 33)
ROUTE = ("route_cost", "shipping/handlers.py", 25)
ROUTE_FIRST = ("route_cost", "shipping/handlers.py", 18)
HAVERSINE = ("haversine_km", "shipping/geo.py", 12)
SQRT = ("math.sqrt", "<built-in>", 0)
HANDLE = ("server.Handle", "internal/server/server.go", 37)
SEARCH = ("catalog.Search", "internal/catalog/catalog.go", 37)
CONTAINS = ("strings.Contains", "strings/strings.go", 62)
RENDER = ("receipt.Render", "internal/receipt/receipt.go", 33)


def _locate(function: str, file: str) -> tuple[str, str | None]:
    """Files of the checkout are relative; the standard library's are not ours."""
    ours = file.endswith((".py", ".go")) and not file.startswith(("strings/", "<"))
    return ("in_repo", file) if ours else ("stdlib", None)


def _tops(stacks: list[tuple[list[Frame], int]]) -> list[BreakdownFunction]:
    return top_functions(prepare(stack_profile(stacks)), sample_index="cpu", locate=_locate)


def test_a_dispatcher_that_only_passes_its_time_on_is_not_a_top_function() -> None:
    tops = _tops(
        [
            ([CONTAINS, SEARCH, HANDLE], 70),
            ([SEARCH, HANDLE], 10),
            ([RENDER, HANDLE], 18),
            ([HANDLE], 2),
        ]
    )
    assert [(t.function, t.file, t.line) for t in tops] == [
        ("catalog.Search", "internal/catalog/catalog.go", 37),
        ("receipt.Render", "internal/receipt/receipt.go", 33),
    ]
    assert (tops[0].cum_pct, tops[0].own_pct) == (80.0, 80.0)


def test_a_loop_that_calls_a_small_helper_of_the_checkout_ranks_above_the_helper() -> None:
    # route_cost runs haversine_km n^2 times: the helper is hot because of the loop.
    tops = _tops(
        [
            ([SQRT, HAVERSINE, ROUTE, QUOTE, SERVE], 60),
            ([HAVERSINE, ROUTE, QUOTE, SERVE], 20),
            ([ROUTE, QUOTE, SERVE], 12),
            ([HAVERSINE, ROUTE_FIRST, QUOTE, SERVE], 5),
            ([SERVE], 3),
        ]
    )
    assert [t.function for t in tops] == ["route_cost", "haversine_km"]
    # At its costliest line (the inner loop's), with the share of the value on its stack.
    assert (tops[0].line, tops[0].cum_pct, tops[0].own_pct) == (25, 97.0, 12.0)


def test_a_function_counts_once_per_sample_however_often_it_recurses() -> None:
    walk_outer, walk_inner = ("walk", "tree.py", 10), ("walk", "tree.py", 14)
    costs = function_costs(
        prepare(stack_profile([([walk_inner, walk_outer, SERVE], 30), ([SERVE], 70)])),
        sample_index="cpu",
    )
    walk = next(cost for cost in costs if cost.function == "walk")
    assert walk.cum == 30
    assert [cost.function for cost in costs] == ["app.serve", "walk"]


def _costs(values: list[tuple[str | None, float]], **fields: object) -> LabelCosts:
    return LabelCosts.model_validate(
        {
            "label": "pod",
            "method": "group_by",
            "total": sum(total for _, total in values),
            "values": [ValueCost(value=value, total=total) for value, total in values],
            "distinct": sum(1 for value, _ in values if value is not None),
            **fields,
        }
    )


def _breakdown(values: list[tuple[str | None, float]], **fields: object) -> Breakdown:
    search = BreakdownFunction(
        function="github.com/acme/checkout/internal/catalog.(*Catalog).Search",
        file="internal/catalog/catalog.go",
        line=37,
        cum_pct=80.3,
        own_pct=74.6,
    )
    return build_breakdown(
        _costs(values, **fields),
        {"pod-a": [search]},
        reason="the question names the label pod",
        window=("2026-11-25T11:00:00Z", "2026-11-25T12:00:00Z"),
        unit="nanoseconds",
        commands=[],
    )


def test_shares_are_of_the_whole_window_with_the_series_without_the_label_as_a_row() -> None:
    breakdown = _breakdown([("pod-a", 4.92e9), ("pod-b", 1.65e9), (None, 0.6e9), ("pod-c", 1.0e9)])
    rows = [(v.value, v.labelled, v.share_pct, v.total_text) for v in breakdown.values]
    assert rows == [
        ("pod-a", True, 60.2, "4.92s"),
        ("pod-b", True, 20.2, "1.65s"),
        ("(no pod)", False, 7.3, "600ms"),
        ("pod-c", True, 12.2, "1s"),
    ]
    assert breakdown.values[0].top_functions[0].line == 37
    assert breakdown.total_text == "8.17s"
    assert breakdown.notes == []


def test_per_value_merges_and_values_left_out_are_said_in_the_notes() -> None:
    values: list[tuple[str | None, float]] = [(f"pod-{n}", 100.0 - n) for n in range(12)]
    breakdown = _breakdown(values, method="per_value_merges", distinct=40)
    assert len(breakdown.values) == 10
    assert breakdown.method == "per_value_merges"
    assert "without grouping by pod" in breakdown.notes[0]
    assert "the 10 heaviest of the 40 values of pod" in breakdown.notes[1]
    assert "the 5 heaviest values" in breakdown.notes[2]


def test_the_lead_names_the_one_value_that_carries_most_and_its_code() -> None:
    lead = breakdown_lead(
        _breakdown([("pod-a", 60.0), ("pod-b", 20.0), ("pod-c", 20.0)]), "checkout", "CPU time"
    )
    assert lead == (
        "One pod carries 60% of checkout's CPU time: pod-a, where `catalog.(*Catalog).Search` "
        "(internal/catalog/catalog.go:37) is on the stack of 80% of it. Next: pod-b (20%)."
    )


def test_the_lead_answers_which_value_costs_most_when_none_carries_half() -> None:
    breakdown = _breakdown([("pod-a", 42.0), ("pod-b", 34.0), (None, 15.0), ("pod-c", 9.0)])
    lead = breakdown_lead(breakdown, "checkout", "CPU time")
    # The code named is the heaviest value's, right after it.
    assert lead.startswith(
        "pod-a carries the most of checkout's CPU time by pod: 42%, where "
        "`catalog.(*Catalog).Search` (internal/catalog/catalog.go:37) is on the stack of 80% "
        "of it. Next: pod-b (34%)."
    )
    assert lead.endswith("15% of the total carries no pod label.")


def test_the_lead_says_when_the_cost_is_spread_evenly() -> None:
    lead = breakdown_lead(
        _breakdown([("pod-a", 34.0), ("pod-b", 33.0), ("pod-c", 33.0)]), "checkout", "CPU time"
    )
    assert lead.startswith(
        "checkout's CPU time is spread over 3 values of pod with no single one carrying it: "
        "pod-a 34%, pod-b 33%, pod-c 33%."
    )
