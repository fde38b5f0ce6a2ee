"""Reading a question's words: whole tokens reduced to their base form, and a few phrases.

The profile-type rules name base forms ("retain", "allocate", "block"); a question says
"retains", "allocations", "blocked". A token matches a rule only when, as a whole word, it
reduces to one of those base forms by a regular English inflection (plural, -ing, -ed, -er,
comparative) or by the table of irregular and derived forms below. Nothing matches inside
another word: "blockchain", "clock" and "wallet" stay what they are.
"""

from __future__ import annotations

import re
from collections.abc import Collection

_TOKEN = re.compile(r"[a-z0-9]+")

#: Forms no suffix rule reaches, and short forms people write, mapped to their base form.
IRREGULAR: dict[str, str] = {
    "held": "hold",
    "retention": "retain",
    "contention": "contend",
    "allocation": "allocate",
    "alloc": "allocate",
    "allocs": "allocate",
    "allocator": "allocate",
    "reallocate": "allocate",
    "malloc": "allocate",
    "leakage": "leak",
    "leaky": "leak",
    "mem": "memory",
    "memories": "memory",
    "ram": "memory",
    "deadlock": "lock",
    "livelock": "lock",
    "mutexes": "mutex",
    "semaphore": "lock",
    "synchronized": "lock",
    "slept": "sleep",
    "grew": "grow",
    "grown": "grow",
    "waiter": "wait",
    "blocker": "block",
    "latencies": "latency",
    "laggy": "latency",
    "lag": "latency",
    "wallclock": "wall-time",
    "walltime": "wall-time",
    "offcpu": "off-cpu",
    "gc": "garbage",
    "oom": "out-of-memory",
    "oomkilled": "out-of-memory",
}

#: Suffixes stripped in order, each with the endings that may restore the base form
#: ("allocat|ing" -> "allocate", "latenc|ies" -> "latency"). Doubled final consonants
#: ("stopp|ed") are undone too.
_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ies", ("y",)),
    ("ing", ("", "e")),
    ("ed", ("", "e")),
    ("es", ("", "e")),
    ("est", ("",)),
    ("er", ("",)),
    ("s", ("",)),
)

#: Multi-word phrases (as base forms) read as one term, longest first.
PHRASES: dict[tuple[str, ...], str] = {
    ("out", "of", "memory"): "out-of-memory",
    ("wall", "clock", "time"): "wall-time",
    ("wall", "clock"): "wall-time",
    ("wall", "time"): "wall-time",
    ("off", "cpu"): "off-cpu",
    ("on", "cpu"): "cpu",
    ("response", "time"): "latency",
    ("in", "use"): "inuse",
    ("memory", "usage"): "inuse",
    ("memory", "use"): "inuse",
    ("memory", "footprint"): "inuse",
    ("heap", "size"): "inuse",
    ("heap", "usage"): "inuse",
    ("live", "object"): "inuse",
    ("live", "heap"): "inuse",
}


def tokens(text: str) -> list[str]:
    """Return the lower-case word tokens of ``text`` (letters and digits only)."""
    return _TOKEN.findall(text.lower())


def base_form(token: str, vocabulary: Collection[str]) -> str:
    """Return the base form of one token if it inflects a word of ``vocabulary``, else the token.

    Only whole tokens are reduced, and only to a word the vocabulary knows, so an unrelated
    word that happens to end like an inflection ("canvas", "bless") is left alone.
    """
    if token in IRREGULAR:
        return IRREGULAR[token]
    if token in vocabulary:
        return token
    for suffix, endings in _SUFFIXES:
        stem = token[: -len(suffix)]
        if not token.endswith(suffix) or len(stem) < 2:
            continue
        candidates = [stem + ending for ending in endings]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            candidates.append(stem[:-1])
        for candidate in candidates:
            known = IRREGULAR.get(candidate, candidate)
            if known in vocabulary:
                return known
    return token


def terms(text: str, vocabulary: Collection[str]) -> list[tuple[str, str]]:
    """Return (base form, as written) for each word, with known phrases joined into one term."""
    known = set(vocabulary).union(*PHRASES, IRREGULAR.values())
    written = tokens(text)
    words = [base_form(token, known) for token in written]
    result: list[tuple[str, str]] = []
    index = 0
    longest = max(len(phrase) for phrase in PHRASES)
    while index < len(words):
        for size in range(longest, 1, -1):
            phrase = tuple(words[index : index + size])
            if len(phrase) == size and phrase in PHRASES:
                result.append((PHRASES[phrase], " ".join(written[index : index + size])))
                index += size
                break
        else:
            result.append((words[index], written[index]))
            index += 1
    return result
