"""Choosing the profile type: each SDK's spellings, each phrasing, the stand-ins and their notes.

The type ID lists are what each SDK sends: pyroscope-api.md §4.2, the real profiles in
../shared/profiles, and @pyroscope/nodejs 0.6 and pyroscope-io 1.4 run against the replay server
(Node.js: ``wall:*:wall:nanoseconds`` and ``memory:inuse_*:inuse_space:bytes``; Python with
``mem_enabled=True``: ``memory:alloc_*`` and ``memory:inuse_*`` next to ``process_cpu:cpu``).
"""

from __future__ import annotations

import pytest

from profile_insights.agent.analysis.enable_hints import HINTS, LANGUAGES
from profile_insights.agent.analysis.knowledge import profile_family
from profile_insights.agent.analysis.profile_types import (
    choose_profile_type,
    sdk_language,
    without_names,
)

CPU = "process_cpu:cpu:nanoseconds:cpu:nanoseconds"
GO = [
    CPU,
    "memory:alloc_objects:count:space:bytes",
    "memory:alloc_space:bytes:space:bytes",
    "memory:inuse_objects:count:space:bytes",
    "memory:inuse_space:bytes:space:bytes",
    "mutex:contentions:count:contentions:count",
    "mutex:delay:nanoseconds:contentions:count",
    "block:contentions:count:contentions:count",
    "block:delay:nanoseconds:contentions:count",
    "goroutine:goroutine:count:goroutine:count",
]
GO_INUSE_ONLY = [
    CPU,
    "memory:inuse_objects:count:space:bytes",
    "memory:inuse_space:bytes:space:bytes",
]
NODE = [
    "wall:samples:count:wall:nanoseconds",
    "wall:wall:nanoseconds:wall:nanoseconds",
    "memory:inuse_objects:count:inuse_space:bytes",
    "memory:inuse_space:bytes:inuse_space:bytes",
]
NODE_CPU = [*NODE, "wall:cpu:nanoseconds:wall:nanoseconds"]
NODE_OLD = ["wall:wall:microseconds:wall:microseconds"]
PYTHON = [CPU]
PYTHON_MEM = [
    CPU,
    "memory:alloc_objects:count:space:bytes",
    "memory:alloc_space:bytes:space:bytes",
    "memory:inuse_objects:count:space:bytes",
    "memory:inuse_space:bytes:space:bytes",
]
PYSPY_OLD = ["process_cpu:samples:count::milliseconds"]
RUBY = ["process_cpu:samples:count::milliseconds"]
RUST = [CPU]
JAVA = [
    CPU,
    "wall:wall:nanoseconds:wall:nanoseconds",
    "memory:alloc_in_new_tlab_objects:count:space:bytes",
    "memory:alloc_in_new_tlab_bytes:bytes:space:bytes",
    "memory:live:count:objects:count",
    "mutex:contentions:count:mutex:count",
    "mutex:delay:nanoseconds:mutex:count",
]
DOTNET = [
    CPU,
    "process_cpu:exception:count:cpu:nanoseconds",
    "process_cpu:alloc_samples:count:cpu:nanoseconds",
    "process_cpu:alloc_size:bytes:cpu:nanoseconds",
    "process_cpu:lock_count:count:cpu:nanoseconds",
    "process_cpu:lock_time:nanoseconds:cpu:nanoseconds",
]
EBPF = ["process_cpu:samples:count:cpu:nanoseconds"]


@pytest.mark.parametrize(
    ("question", "available", "expected"),
    [
        ("Why is the ingester slow?", GO, CPU),
        ("What allocates so much memory?", GO, "memory:alloc_space:bytes:space:bytes"),
        ("Why is the ingester holding memory?", GO, "memory:inuse_space:bytes:space:bytes"),
        ("Where is the lock contention?", GO, "mutex:delay:nanoseconds:contentions:count"),
        ("What are the workers waiting on?", GO, "block:delay:nanoseconds:contentions:count"),
        ("Why do goroutines pile up?", GO, "goroutine:goroutine:count:goroutine:count"),
        ("Why is the app slow?", NODE_CPU, "wall:cpu:nanoseconds:wall:nanoseconds"),
        ("Why is the app using CPU?", NODE_CPU, "wall:cpu:nanoseconds:wall:nanoseconds"),
        ("Where is the wall time spent?", NODE_CPU, "wall:wall:nanoseconds:wall:nanoseconds"),
        ("What holds memory?", NODE, "memory:inuse_space:bytes:inuse_space:bytes"),
        ("What allocates memory?", PYTHON_MEM, "memory:alloc_space:bytes:space:bytes"),
        ("What retains memory?", PYTHON_MEM, "memory:inuse_space:bytes:space:bytes"),
        ("Why is it slow?", PYSPY_OLD, "process_cpu:samples:count::milliseconds"),
        ("Why is the Rails app slow?", RUBY, "process_cpu:samples:count::milliseconds"),
        ("Why is the rust service slow?", RUST, CPU),
        ("What allocates memory?", JAVA, "memory:alloc_in_new_tlab_bytes:bytes:space:bytes"),
        ("Is the broker leaking memory?", JAVA, "memory:live:count:objects:count"),
        ("Where is lock contention?", JAVA, "mutex:delay:nanoseconds:mutex:count"),
        (
            "Where do requests spend wall-clock time?",
            JAVA,
            "wall:wall:nanoseconds:wall:nanoseconds",
        ),
        ("What allocates memory?", DOTNET, "process_cpu:alloc_size:bytes:cpu:nanoseconds"),
        ("Where is lock contention?", DOTNET, "process_cpu:lock_time:nanoseconds:cpu:nanoseconds"),
        ("What is the native server spending CPU on?", EBPF, EBPF[0]),
        (
            "Do goroutines pile up?",
            ["goroutines:goroutine:count:goroutine:count"],
            "goroutines:goroutine:count:goroutine:count",
        ),
    ],
)
def test_each_sdks_spelling_of_the_wanted_type_is_chosen_without_a_note(
    question: str, available: list[str], expected: str
) -> None:
    choice = choose_profile_type(question, available)
    assert choice.profile_type == expected
    assert choice.missing_note is None


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("What retains memory?", "inuse"),
        ("Which objects does the cache retain?", "inuse"),
        ("What is retained after each request?", "inuse"),
        ("Where is memory retention coming from?", "inuse"),
        ("Is something leaking?", "inuse"),
        ("Do we have a memory leak?", "inuse"),
        ("Why does memory keep growing?", "inuse"),
        ("Why is the RSS so high?", "inuse"),
        ("Why is memory usage so high?", "inuse"),
        ("Why does the pod run out of memory?", "inuse"),
        ("Why is it OOMKilled?", "inuse"),
        ("What allocates so much?", "alloc"),
        ("Where do the allocations come from?", "alloc"),
        ("Which function allocated the most?", "alloc"),
        ("Why so much GC?", "alloc"),
        ("Why is RAM so high?", "alloc"),
        ("Where does heap go?", "alloc"),
        ("Why is there a goroutine leak?", "goroutine"),
        ("Are goroutines leaking?", "goroutine"),
        ("Where are threads locking?", "mutex"),
        ("Which locks are contended?", "mutex"),
        ("Is there a deadlock?", "mutex"),
        ("Why is the mutex hot?", "mutex"),
        ("What are requests blocked on?", "block"),
        ("Which channels are blocking?", "block"),
        ("Where do the workers wait?", "block"),
        ("Where is the wall time spent?", "wall"),
        ("Why is latency high?", "wall"),
        ("Why are p99 latencies bad?", "wall"),
        ("Why are requests slow?", "wall"),
        ("Why is the checkout endpoint so slow?", "wall"),
        ("Where is the time spent off-CPU?", "block"),
        ("Why is the response time bad?", "wall"),
        ("Why is checkout slow?", "cpu"),
        ("What burns CPU?", "cpu"),
        ("What is in the blockchain module?", "cpu"),
        ("Why is the clock service slow?", "cpu"),
        ("Why is the live service slow?", "cpu"),
        ("Why does the latency grow?", "wall"),
    ],
)
def test_each_phrasing_is_about_the_resource_it_names(question: str, wanted: str) -> None:
    assert choose_profile_type(question, GO).wanted == wanted


def test_a_memory_question_on_an_inuse_only_service_uses_inuse_and_says_so() -> None:
    for available in (GO_INUSE_ONLY, NODE):
        choice = choose_profile_type("What allocates so much memory?", available)
        assert choice.profile_type is not None and ":inuse_space:" in choice.profile_type
        assert choice.missing_note is not None
        assert choice.missing_note.startswith(
            "The service sends no allocation profile, so this is the in-use heap: what is "
            "held, not what is allocated."
        )
        assert "never" not in choice.missing_note
    node = choose_profile_type("What allocates so much memory?", NODE).missing_note or ""
    assert "@pyroscope/nodejs has no allocation profile" in node
    go = choose_profile_type("What allocates so much memory?", GO_INUSE_ONLY).missing_note or ""
    assert "pyroscope.ProfileAllocSpace" in go


def test_a_retention_question_on_an_alloc_only_service_uses_allocations_and_says_so() -> None:
    choice = choose_profile_type(
        "Why does checkout hold so much memory?", [CPU, "memory:alloc_space:bytes:space:bytes"]
    )
    assert choice.profile_type == "memory:alloc_space:bytes:space:bytes"
    assert choice.missing_note is not None
    assert "this is allocations: what is allocated, not what is held" in choice.missing_note
    assert "pyroscope.ProfileInuseSpace" in choice.missing_note


@pytest.mark.parametrize(
    ("available", "language_hint"),
    [
        (PYTHON, "oncpu=False"),
        (RUBY, "oncpu = false"),
        (RUST, "no wall-clock profile"),
        (DOTNET, "PYROSCOPE_PROFILING_WALLTIME_ENABLED"),
        ([CPU, "goroutine:goroutine:count:goroutine:count"], "pyroscope-go has no wall-clock"),
    ],
)
def test_a_wall_question_without_wall_profiles_uses_cpu_and_says_so(
    available: list[str], language_hint: str
) -> None:
    choice = choose_profile_type("Where is the wall time spent?", available)
    assert choice.profile_type == available[0]
    assert choice.missing_note is not None
    assert choice.missing_note.startswith(
        "The service sends no wall-clock profile, so this is CPU time: time spent running on a "
        "CPU, not time spent running and waiting alike."
    )
    assert language_hint in choice.missing_note


def test_waiting_prefers_block_then_wall_then_cpu() -> None:
    question = "Why are requests blocked waiting on the event bus?"
    assert choose_profile_type(question, GO).profile_type == (
        "block:delay:nanoseconds:contentions:count"
    )
    assert choose_profile_type(question, NODE).profile_type == (
        "wall:wall:nanoseconds:wall:nanoseconds"
    )
    on_cpu = choose_profile_type(question, PYTHON)
    assert on_cpu.profile_type == CPU
    assert on_cpu.missing_note is not None and "no blocking profile" in on_cpu.missing_note


@pytest.mark.parametrize(
    ("question", "available", "expected"),
    [
        ("Why is the app using CPU?", NODE, "wall:wall:nanoseconds:wall:nanoseconds"),
        ("Why is the app slow?", NODE, "wall:wall:nanoseconds:wall:nanoseconds"),
        ("Why is it slow?", NODE_OLD, "wall:wall:microseconds:wall:microseconds"),
    ],
)
def test_a_node_service_without_cpu_time_is_analysed_on_wall_time_and_says_so(
    question: str, available: list[str], expected: str
) -> None:
    choice = choose_profile_type(question, available)
    assert choice.profile_type == expected
    assert choice.missing_note is not None
    assert "so this is wall-clock time: time spent running and waiting alike" in (
        choice.missing_note
    )
    assert "collectCpuTime: true" in choice.missing_note


def test_a_type_nothing_stands_in_for_is_named_with_the_sdk_setting_that_enables_it() -> None:
    choice = choose_profile_type("Where is the lock contention?", [CPU])
    assert choice.profile_type is None
    assert choice.missing_note is not None
    assert "SetMutexProfileFraction" in choice.missing_note
    assert CPU in choice.missing_note
    for language in LANGUAGES:
        assert f"{language}: " in choice.missing_note


@pytest.mark.parametrize(
    ("available", "language"),
    [
        (GO, "Go"),
        (NODE, "Node.js"),
        (NODE_OLD, "Node.js"),
        (JAVA, "Java"),
        (DOTNET, ".NET"),
        (PYTHON, None),
        (PYTHON_MEM, None),
        (RUBY, None),
    ],
)
def test_the_sdk_is_named_only_when_the_types_can_only_come_from_it(
    available: list[str], language: str | None
) -> None:
    assert sdk_language(available) == language


@pytest.mark.parametrize("resource", sorted(HINTS))
def test_every_resource_has_a_hint_for_every_sdk_that_can_send_it(resource: str) -> None:
    # Goroutines exist only in Go; every other resource names each SDK, if only to say it
    # cannot send it.
    expected = ["Go"] if resource == "goroutine" else list(LANGUAGES)
    assert sorted(HINTS[resource]) == sorted(expected)


@pytest.mark.parametrize(
    ("type_id", "family"),
    [
        ("wall:cpu:nanoseconds:wall:nanoseconds", "cpu"),  # Node.js collectCpuTime
        ("wall:wall:nanoseconds:wall:nanoseconds", "wall"),
        ("memory:inuse_space:bytes:inuse_space:bytes", "inuse"),
        ("process_cpu:alloc_size:bytes:cpu:nanoseconds", "alloc"),
        ("memory:live:count:objects:count", "inuse"),
    ],
)
def test_a_chosen_type_is_analysed_as_what_it_measures(type_id: str, family: str) -> None:
    assert profile_family(type_id) == family


def test_a_service_named_for_its_domain_does_not_choose_the_type() -> None:
    available = [
        "process_cpu:cpu:nanoseconds:cpu:nanoseconds",
        "memory:alloc_space:bytes:space:bytes",
    ]
    question = "Why is the cost-allocation service slow?"
    chosen = choose_profile_type(without_names(question, ["cost-allocation"]), available)
    assert chosen.profile_type == "process_cpu:cpu:nanoseconds:cpu:nanoseconds"
    # The same word asked about still chooses allocations.
    asked = "What allocates in cost-allocation?"
    chosen = choose_profile_type(without_names(asked, ["cost-allocation"]), available)
    assert chosen.profile_type == "memory:alloc_space:bytes:space:bytes"
