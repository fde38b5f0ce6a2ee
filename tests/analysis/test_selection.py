"""Choosing services and the profile type from the question: the rules, pinned."""

from __future__ import annotations

import pytest

from profile_insights.agent.analysis.selection import (
    choose_profile_type,
    clear_choice,
    rank_services,
)

TYPES = [
    "process_cpu:cpu:nanoseconds:cpu:nanoseconds",
    "memory:alloc_space:bytes:space:bytes",
    "memory:inuse_space:bytes:space:bytes",
    "mutex:contentions:count:mutex:count",
    "mutex:delay:nanoseconds:mutex:count",
    "block:delay:nanoseconds:block:count",
    "goroutine:goroutine:count:goroutine:count",
]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Why is the ingester slow?", "process_cpu:cpu:nanoseconds:cpu:nanoseconds"),
        ("What allocates so much memory?", "memory:alloc_space:bytes:space:bytes"),
        ("Why is the ingester holding memory?", "memory:inuse_space:bytes:space:bytes"),
        ("Do we have a memory leak?", "memory:inuse_space:bytes:space:bytes"),
        ("Where is the lock contention?", "mutex:delay:nanoseconds:mutex:count"),
        ("What are the workers waiting on?", "block:delay:nanoseconds:block:count"),
        ("Are channels blocking the pipeline?", "block:delay:nanoseconds:block:count"),
        ("Why do goroutines pile up?", "goroutine:goroutine:count:goroutine:count"),
        ("Is there a goroutine leak?", "goroutine:goroutine:count:goroutine:count"),
    ],
)
def test_the_question_picks_the_profile_type(question: str, expected: str) -> None:
    choice = choose_profile_type(question, TYPES)
    assert choice.profile_type == expected
    assert choice.missing_note is None


DOTNET = [
    "process_cpu:cpu:nanoseconds:cpu:nanoseconds",
    "process_cpu:exception:count:cpu:nanoseconds",
    "process_cpu:alloc_samples:count:cpu:nanoseconds",
    "process_cpu:alloc_size:bytes:cpu:nanoseconds",
    "process_cpu:lock_count:count:cpu:nanoseconds",
    "process_cpu:lock_time:nanoseconds:cpu:nanoseconds",
]
JAVA = [
    "process_cpu:cpu:nanoseconds:cpu:nanoseconds",
    "wall:wall:nanoseconds:wall:nanoseconds",
    "memory:alloc_in_new_tlab_objects:count:space:bytes",
    "memory:alloc_in_new_tlab_bytes:bytes:space:bytes",
    "memory:live:count:objects:count",
    "mutex:contentions:count:mutex:count",
    "mutex:delay:nanoseconds:mutex:count",
]


@pytest.mark.parametrize(
    ("question", "available", "expected"),
    [
        ("Why is the API slow?", DOTNET, "process_cpu:cpu:nanoseconds:cpu:nanoseconds"),
        ("What allocates memory?", DOTNET, "process_cpu:alloc_size:bytes:cpu:nanoseconds"),
        ("Where is lock contention?", DOTNET, "process_cpu:lock_time:nanoseconds:cpu:nanoseconds"),
        ("What allocates memory?", JAVA, "memory:alloc_in_new_tlab_bytes:bytes:space:bytes"),
        ("Is the broker leaking memory?", JAVA, "memory:live:count:objects:count"),
        ("Where is lock contention?", JAVA, "mutex:delay:nanoseconds:mutex:count"),
        (
            "Do goroutines pile up?",
            ["goroutines:goroutine:count:goroutine:count"],
            "goroutines:goroutine:count:goroutine:count",
        ),
        (
            "Why is it slow?",
            ["wall:wall:microseconds:wall:microseconds"],
            "wall:wall:microseconds:wall:microseconds",
        ),
        (
            "Why is it slow?",
            ["process_cpu:samples:count::milliseconds"],
            "process_cpu:samples:count::milliseconds",
        ),
    ],
)
def test_each_sdks_spelling_of_a_resource_is_recognised(
    question: str, available: list[str], expected: str
) -> None:
    # .NET sends allocations and locks under the process_cpu name; Java's JFR has its own names;
    # both goroutine spellings exist; Node.js may only have wall time (pyroscope-api.md §4.2).
    assert choose_profile_type(question, available).profile_type == expected


def test_a_missing_type_is_named_with_the_sdk_setting_that_enables_it() -> None:
    choice = choose_profile_type(
        "Where is the lock contention?", ["process_cpu:cpu:nanoseconds:cpu:nanoseconds"]
    )
    assert choice.profile_type is None
    assert choice.missing_note is not None
    assert "SetMutexProfileFraction" in choice.missing_note
    assert "process_cpu:cpu:nanoseconds:cpu:nanoseconds" in choice.missing_note


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


@pytest.mark.parametrize(
    ("available", "expected"),
    [
        (["process_cpu:samples:count::milliseconds"], "process_cpu:samples:count::milliseconds"),
        (
            ["wall:wall:microseconds:wall:microseconds", "memory:alloc_space:bytes:space:bytes"],
            "wall:wall:microseconds:wall:microseconds",
        ),
        (
            [
                "process_cpu:samples:count::milliseconds",
                "process_cpu:cpu:nanoseconds:cpu:nanoseconds",
            ],
            "process_cpu:cpu:nanoseconds:cpu:nanoseconds",
        ),
    ],
)
def test_cpu_is_found_in_its_other_spellings(available: list[str], expected: str) -> None:
    assert choose_profile_type("Why is it slow?", available).profile_type == expected


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
