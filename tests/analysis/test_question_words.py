"""Question words: whole tokens reduced to base forms, phrases joined, no match inside words."""

from __future__ import annotations

import pytest

from profile_insights.agent.analysis.question_words import base_form, terms

VOCABULARY = {
    "retain",
    "leak",
    "allocate",
    "lock",
    "contend",
    "goroutine",
    "block",
    "memory",
    "heap",
    "wait",
    "latency",
    "slow",
    "hold",
    "grow",
    "wall",
}


@pytest.mark.parametrize(
    ("word", "base"),
    [
        *[(form, "retain") for form in ("retain", "retains", "retained", "retaining", "retention")],
        *[(form, "leak") for form in ("leak", "leaks", "leaked", "leaking", "leaky", "leakage")],
        *[
            (form, "allocate")
            for form in (
                "allocate",
                "allocates",
                "allocated",
                "allocating",
                "allocation",
                "allocations",
                "alloc",
                "allocs",
                "allocator",
            )
        ],
        *[(form, "lock") for form in ("lock", "locks", "locked", "locking", "deadlock")],
        *[(form, "contend") for form in ("contention", "contentions", "contended", "contending")],
        *[(form, "goroutine") for form in ("goroutine", "goroutines")],
        *[(form, "block") for form in ("block", "blocks", "blocked", "blocking", "blockers")],
        *[(form, "memory") for form in ("memory", "memories", "mem", "ram")],
        *[(form, "heap") for form in ("heap", "heaps")],
        *[(form, "wait") for form in ("wait", "waits", "waited", "waiting")],
        *[(form, "latency") for form in ("latency", "latencies")],
        *[(form, "slow") for form in ("slow", "slower", "slowest")],
        *[(form, "hold") for form in ("hold", "holds", "holding", "held")],
        *[(form, "grow") for form in ("grow", "grows", "growing", "grew", "grown")],
    ],
)
def test_every_inflection_reduces_to_its_base_form(word: str, base: str) -> None:
    assert base_form(word, VOCABULARY) == base


@pytest.mark.parametrize(
    "word", ["blockchain", "clock", "clocks", "wallet", "unlocked", "memorial", "heaping2", "bless"]
)
def test_a_word_that_only_contains_a_vocabulary_word_stays_itself(word: str) -> None:
    assert base_form(word, VOCABULARY) == word


def test_phrases_become_one_term_and_keep_how_they_were_written() -> None:
    assert terms("Where is the wall-clock time spent, off-CPU?", VOCABULARY) == [
        ("where", "where"),
        ("is", "is"),
        ("the", "the"),
        ("wall-time", "wall clock time"),
        ("spent", "spent"),
        ("off-cpu", "off cpu"),
    ]
    assert ("inuse", "memory usage") in terms("Why is memory usage so high?", VOCABULARY)
    assert ("out-of-memory", "out of memory") in terms("Why does it run out of memory", VOCABULARY)
