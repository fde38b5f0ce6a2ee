"""What a question names as its service, and when none of the listed services is that one."""

from __future__ import annotations

import pytest

from profile_insights.agent.analysis.selection import clear_choice, rank_services
from profile_insights.agent.analysis.service_names import (
    missing_services,
    names_match,
    question_names,
)


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Why is the ingester slow?", ["ingester"]),
        ("Why is the checkout service slow?", ["checkout"]),
        ("Where is the lock contention in the kafka app?", ["kafka"]),
        ("Is the service called 'billing' leaking?", ["billing"]),
        ("Why is product search in the inventory service slow?", ["product", "inventory"]),
        # Languages, generic nouns and resources do not name a service.
        ("Why is the Java app burning CPU?", []),
        ("Why is there so much lock contention?", []),
        ("Why is it slow?", []),
        ("What allocates memory in the .NET web app?", []),
        # A breakdown's quantifier before "pod" is no name either.
        ("Is checkout's CPU high on only one pod?", []),
        ("Is it a single pod or each pod?", []),
    ],
)
def test_the_question_names_what_stands_where_a_service_goes(
    question: str, names: list[str]
) -> None:
    assert question_names(question) == names


@pytest.mark.parametrize(
    ("word", "service"),
    [
        ("checkout", "checkout"),
        ("ingesters", "ingester"),
        ("ingestor", "ingester"),  # a typo
        ("rideshare", "ride-sharing-app-nodejs"),  # a compound written as one word
        ("controller", "k8s-controller"),
        ("simple.golang.app", "simple.golang.app"),
    ],
)
def test_a_word_means_a_service_despite_spelling(word: str, service: str) -> None:
    assert names_match(word, service)


def test_a_generic_part_of_a_name_does_not_make_it_the_one_named() -> None:
    assert not names_match("app", "checkout-app")
    assert not names_match("ingester", "checkout")


def test_a_service_that_is_not_there_is_missing_and_never_a_clear_choice() -> None:
    question = "Why is the ingester slow?"
    missing = missing_services(question, ["checkout"])
    assert missing == ["ingester"]
    ranked = rank_services(question, [("checkout", None, True)])
    # The only service, and the checkout's own: still not answered about unasked.
    assert clear_choice(ranked) is not None
    assert clear_choice(ranked, missing) is None


def test_a_question_naming_one_listed_service_misses_nothing() -> None:
    assert (
        missing_services("Why is product search in the inventory service slow?", ["inventory"])
        == []
    )
    assert missing_services("Why is it slow?", ["checkout"]) == []
