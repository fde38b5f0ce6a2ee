"""Choosing what to analyse: which services the question is about, and which profile type.

Pure functions over the question text and what the server lists, so the graph's choose-services
and choose-profile-type steps are one call each and tests pin the rules directly.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from pydantic import BaseModel

_WORD = re.compile(r"[a-z0-9]+")


class RankedService(BaseModel):
    """A service scored against the question, with the reason for its score."""

    name: str
    score: float
    reason: str
    repository: str | None = None
    matches_checkout: bool = False


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _stem(word: str) -> str:
    # "ingesters" and "ingester" name the same service; strip one plural s.
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def rank_services(
    question: str, services: list[tuple[str, str | None, bool]]
) -> list[RankedService]:
    """Rank services (name, repository, matches_checkout) for the question, best first.

    The name scores by token overlap with the question (exact, then fuzzy); a token only this
    name has counts fully; a repository that is this checkout adds a bonus so that, between
    equal names, the checkout's service ranks first.
    """
    words = {_stem(word) for word in _words(question)}
    # A token most names share ("pyroscope" in pyroscope-ingester, pyroscope-querier) says
    # little; one that only this name has ("ingester") identifies it.
    token_sets = [{_stem(token) for token in _words(name)} for name, _, _ in services]
    frequency: dict[str, int] = {}
    for token_set in token_sets:
        for token in token_set:
            frequency[token] = frequency.get(token, 0) + 1
    ranked: list[RankedService] = []
    for name, repository, matches in services:
        tokens = [_stem(token) for token in _words(name)]
        score = 0.0
        reason = "its name does not appear in the question"
        if tokens and name.lower() in question.lower():
            score, reason = 1.0, f"the question names it ({name!r})"
        elif tokens:
            hits = [token for token in tokens if token in words]
            if hits:
                distinctive = len(services) > 1 and any(frequency[hit] == 1 for hit in hits)
                score = 0.9 if distinctive else 0.9 * len(hits) / len(tokens)
                reason = f"the question mentions {', '.join(repr(hit) for hit in hits)}"
            else:
                best, best_word = 0.0, ""
                for token in tokens:
                    for word in words:
                        if len(token) < 4 or len(word) < 4:
                            continue
                        ratio = difflib.SequenceMatcher(None, token, word).ratio()
                        if ratio > best:
                            best, best_word = ratio, word
                if best >= 0.8:
                    score = 0.7 * best
                    reason = f"the question mentions {best_word!r}, close to {name!r}"
        if matches:
            score += 0.2
            reason += "; its repository is this checkout"
        ranked.append(
            RankedService(
                name=name,
                score=round(score, 3),
                reason=reason,
                repository=repository,
                matches_checkout=matches,
            )
        )
    ranked.sort(key=lambda item: (-item.score, item.name))
    return ranked


def clear_choice(ranked: list[RankedService]) -> tuple[list[str], str] | None:
    """Return the services to analyse and why, when one choice is clear; None means ask.

    Clear means: the only service there is; or one service whose name the question mentions
    and no other comes close; or several services the question spells out by name; or, when
    the question names none, the only service whose repository is this checkout.
    """
    if len(ranked) == 1:
        only = ranked[0]
        return [only.name], f"{only.name} is the only service with data"
    if not ranked:
        return None
    top, second = ranked[0], ranked[1]
    named = [item for item in ranked if item.score - (0.2 if item.matches_checkout else 0) > 0]
    spelled = [item for item in ranked if item.reason.startswith("the question names it")]
    if len(spelled) >= 2 and all(item.score < 0.6 for item in ranked if item not in spelled):
        names = [item.name for item in spelled]
        return names, f"{' and '.join(names)} were chosen because the question names each of them"
    if top.score >= 0.6 and top.score - second.score >= 0.25:
        return [top.name], f"{top.name} was chosen because {top.reason}"
    if not named:
        checkout = [item for item in ranked if item.matches_checkout]
        if len(checkout) == 1:
            return [checkout[0].name], (
                f"{checkout[0].name} was chosen because its repository is this checkout "
                "and the question names no service"
            )
    return None


@dataclass(frozen=True)
class _TypeRule:
    words: tuple[str, ...]
    #: (profile name, sample types) pairs, most preferred first: each language's SDK spells the
    #: same resource differently (pyroscope-api.md §4.2).
    accepts: tuple[tuple[str, tuple[str, ...]], ...]
    label: str
    enable: str


# Order matters: "goroutine leak" is about goroutines, "memory leak" about retained memory.
_RULES = (
    _TypeRule(
        ("goroutine", "goroutines"),
        # Both spellings of the profile name exist (goroutine: and goroutines:).
        (("goroutine", ("goroutine", "goroutines")), ("goroutines", ("goroutine", "goroutines"))),
        "goroutines",
        "Go SDK: add pyroscope.ProfileGoroutines to Config.ProfileTypes.",
    ),
    _TypeRule(
        (
            "hold",
            "holding",
            "holds",
            "leak",
            "leaks",
            "leaking",
            "resident",
            "retained",
            "retain",
            "inuse",
            "rss",
            "growing",
            "grows",
        ),
        # Go and Node.js send inuse_*; Java's JFR sends live objects.
        (("memory", ("inuse_space", "inuse_objects", "live")),),
        "memory in use (inuse_space)",
        "Go SDK: add pyroscope.ProfileInuseSpace to Config.ProfileTypes; Java: "
        "PYROSCOPE_PROFILER_ALLOC; Python's pyroscope-io SDK records CPU only.",
    ),
    _TypeRule(
        (
            "memory",
            "allocation",
            "allocations",
            "alloc",
            "allocs",
            "allocate",
            "allocates",
            "allocating",
            "heap",
            "garbage",
        ),
        # Go: alloc_*; Java (JFR): alloc_in_new_tlab_* / alloc_outside_tlab_*; .NET sends its
        # allocations under the process_cpu name.
        (
            (
                "memory",
                (
                    "alloc_space",
                    "alloc_objects",
                    "alloc_in_new_tlab_bytes",
                    "alloc_outside_tlab_bytes",
                    "alloc_in_new_tlab_objects",
                ),
            ),
            ("process_cpu", ("alloc_size", "alloc_samples")),
        ),
        "memory allocations (alloc_space)",
        "Go SDK: add pyroscope.ProfileAllocSpace to Config.ProfileTypes; Java: "
        "PYROSCOPE_PROFILER_ALLOC=512k; .NET: PYROSCOPE_PROFILING_ALLOCATION_ENABLED=true; "
        "Python's pyroscope-io SDK records CPU only.",
    ),
    _TypeRule(
        ("lock", "locks", "locking", "mutex", "mutexes", "contention", "contended"),
        # Go and Java: mutex:delay / mutex:contentions; .NET: process_cpu:lock_time / lock_count.
        (("mutex", ("delay", "contentions")), ("process_cpu", ("lock_time", "lock_count"))),
        "lock contention (mutex)",
        "Go SDK: call runtime.SetMutexProfileFraction(5) and add pyroscope.ProfileMutexCount "
        "and pyroscope.ProfileMutexDuration; Java: PYROSCOPE_PROFILER_LOCK=10ms; .NET: "
        "PYROSCOPE_PROFILING_LOCK_ENABLED=true.",
    ),
    _TypeRule(
        (
            "waiting",
            "wait",
            "waits",
            "blocking",
            "blocked",
            "block",
            "blocks",
            "channel",
            "channels",
            "chan",
        ),
        (("block", ("delay", "contentions")),),
        "blocking (block)",
        "Go SDK: call runtime.SetBlockProfileRate(5) and add pyroscope.ProfileBlockCount and "
        "pyroscope.ProfileBlockDuration to Config.ProfileTypes.",
    ),
)

# CPU comes in several spellings: Go and Java SDKs send process_cpu:cpu (nanoseconds), eBPF
# and py-spy send process_cpu:samples (a count per period), Node.js may send only wall.
_CPU = _TypeRule(
    (),
    (
        ("process_cpu", ("cpu", "samples")),
        ("cpu", ("cpu", "samples")),
        ("wall", ("wall",)),
    ),
    "CPU time",
    "Go SDK: pyroscope.ProfileCPU is on by default; check that the application calls "
    "pyroscope.Start and that the agent can push.",
)


class TypeChoice(BaseModel):
    """The profile type chosen for a question, or why none fits."""

    profile_type: str | None
    reason: str
    missing_note: str | None = None


def _matching(rule: _TypeRule, available: list[str]) -> str | None:
    for name, sample_types in rule.accepts:
        for sample_type in sample_types:
            for type_id in available:
                parts = type_id.split(":")
                if len(parts) == 5 and parts[0] == name and parts[1] == sample_type:
                    return type_id
    return None


def choose_profile_type(question: str, available: list[str]) -> TypeChoice:
    """Choose the profile type a question needs among the types the service has.

    memory/allocations -> alloc_space (inuse_space for holding, leak, resident), locks ->
    mutex, waiting/blocking/channels -> block, goroutines -> goroutine, otherwise CPU. When the
    needed type is not there, say so and which SDK setting enables it.
    """
    words = set(_words(question))
    rule = _CPU
    matched_word = ""
    for candidate in _RULES:
        hit = sorted(words.intersection(candidate.words))
        if hit:
            rule, matched_word = candidate, hit[0]
            break
    found = _matching(rule, available)
    why = (
        f"the question mentions {matched_word!r}, which is about {rule.label}"
        if matched_word
        else "the question names no resource, so CPU time is the default"
    )
    if found:
        return TypeChoice(profile_type=found, reason=why)
    listed = ", ".join(available) if available else "none"
    return TypeChoice(
        profile_type=None,
        reason=why,
        missing_note=(
            f"The service has no {rule.label} profile (types available: {listed}). "
            f"To enable it: {rule.enable}"
        ),
    )
