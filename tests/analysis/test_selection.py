"""Choosing services from the question: the rules, pinned."""

from __future__ import annotations

from profile_insights.agent.analysis.selection import clear_choice, rank_services


def _services(*names: str, checkout: str | None = None) -> list[tuple[str, str | None, bool]]:
    return [(name, f"https://github.com/acme/{name}", name == checkout) for name in names]


def test_a_named_service_is_a_clear_choice_and_says_why() -> None:
    ranked = rank_services("Why is the ingester slow?", _services("ingester", "distributor"))
    chosen = clear_choice(ranked)
    assert chosen is not None
    assert chosen[0] == ["ingester"]
    assert "ingester" in chosen[1]


def test_plural_and_fuzzy_names_still_match() -> None:
    assert rank_services("why are ingesters slow", _services("ingester", "querier"))[0].name == (
        "ingester"
    )
    fuzzy = rank_services("why is the ingestor slow", _services("ingester", "querier"))
    assert fuzzy[0].name == "ingester" and fuzzy[0].score > 0


def test_two_services_matching_the_question_are_not_a_clear_choice() -> None:
    ranked = rank_services(
        "Why is checkout slow?", _services("checkout-api", "checkout-worker", "search")
    )
    assert clear_choice(ranked) is None
    assert {ranked[0].name, ranked[1].name} == {"checkout-api", "checkout-worker"}


def test_the_checkout_repository_ranks_first_between_equal_names() -> None:
    ranked = rank_services(
        "Why is checkout slow?",
        _services("checkout-api", "checkout-worker", checkout="checkout-worker"),
    )
    assert ranked[0].name == "checkout-worker"
    assert ranked[0].matches_checkout


def test_an_unnamed_question_picks_the_only_service_of_this_checkout() -> None:
    ranked = rank_services("Why is it slow?", _services("api", "worker", checkout="worker"))
    chosen = clear_choice(ranked)
    assert chosen is not None and chosen[0] == ["worker"]
    assert "repository is this checkout" in chosen[1]


def test_an_unnamed_question_with_no_checkout_match_asks() -> None:
    assert clear_choice(rank_services("Why is it slow?", _services("api", "worker"))) is None


def test_a_question_naming_two_services_chooses_both() -> None:
    ranked = rank_services(
        "Why are the ingester and the distributor slow?",
        _services("ingester", "distributor", "querier"),
    )
    chosen = clear_choice(ranked)
    assert chosen is not None
    assert sorted(chosen[0]) == ["distributor", "ingester"]


def test_a_token_only_one_service_has_identifies_it_despite_a_shared_prefix() -> None:
    ranked = rank_services(
        "Why is the ingester slow?",
        _services("pyroscope-ingester", "pyroscope-distributor", "pyroscope-querier"),
    )
    chosen = clear_choice(ranked)
    assert chosen is not None and chosen[0] == ["pyroscope-ingester"]
