"""What a question names as its service, and whether any listed service is that one.

"Why is the ingester slow?" names ``ingester``; when the only service with data is ``checkout``,
answering about checkout without a word would be answering another question. These pure
functions find the names a question puts where a service goes (the subject of "why is ...",
the word before "service"/"app"/..., a quoted name) and check them against the services listed,
so the graph can say so and ask instead.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

# Words that never identify a service on their own: determiners and quantifiers ("one pod",
# "each pod" ask about pods, not a service called "one"), languages and runtimes, generic nouns
# and the resources a question asks about.
GENERIC_WORDS = frozenset(
    """
    a an the my our your their this that these those it its there they we you i me us
    so too very much many more most all any some what which who whose why how where when
    one only single each every per same other another specific particular
    go golang java jvm kotlin scala python py node nodejs js javascript typescript ts ruby rust
    dotnet net .net csharp cpp c php ebpf
    app apps application applications service services server servers program programs
    process processes job jobs worker workers daemon web api backend frontend system code
    binary pod pods container containers cluster host machine
    cpu memory heap lock locks mutex contention latency time request requests gc io disk
    network query queries usage load performance goroutine goroutines thread threads
    """.split()
)

# Nouns after which the word before names a service: "the checkout service", "kafka app".
_SERVICE_NOUNS = (
    "service|services|app|application|server|job|worker|daemon|program|process|pod|"
    "deployment|binary|backend|api"
)
_NAME = r"[A-Za-z0-9][\w.\-]*[A-Za-z0-9]|[A-Za-z0-9]"
_PATTERNS = (
    # The subject of the question: "Why is (the) ingester slow?", "How come checkout ...".
    re.compile(
        rf"^\s*(?:why|how\s+come)\s+(?:is|are|was|were|does|do|did|has|have)\s+"
        rf"(?:(?:the|my|our|your|this|that|a|an)\s+)?({_NAME})",
        re.IGNORECASE,
    ),
    re.compile(rf"\b({_NAME})\s+(?:{_SERVICE_NOUNS})\b", re.IGNORECASE),
    re.compile(rf"\b(?:{_SERVICE_NOUNS})\s+(?:named|called)\s+[\"'`]?({_NAME})", re.IGNORECASE),
    re.compile(rf"[\"'`]({_NAME})[\"'`]"),
)
_TOKEN = re.compile(r"[a-z0-9]+")


def question_names(question: str) -> list[str]:
    """Return the words the question puts where a service's name goes, generic words left out."""
    found: list[str] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(question):
            word = match.group(1).lower()
            if word not in GENERIC_WORDS and word not in found:
                found.append(word)
    return found


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def names_match(word: str, service: str) -> bool:
    """Return whether a word of the question can mean the service, generic parts left out.

    ``rideshare`` means ``ride-sharing-app``, ``ingestor`` means ``ingester``.
    """
    name = service.lower()
    if word == name:
        return True
    tokens = [_stem(token) for token in _TOKEN.findall(name) if token not in GENERIC_WORDS]
    if _stem(word) in tokens:
        return True
    if len(word) < 4:
        return False
    if any(
        len(token) >= 4 and difflib.SequenceMatcher(None, token, word).ratio() >= 0.8
        for token in tokens
    ):
        return True
    # A compound written as one word: most of it runs through the name without separators.
    compact = "".join(_TOKEN.findall(name))
    run = difflib.SequenceMatcher(None, compact, word).find_longest_match(
        0, len(compact), 0, len(word)
    )
    return run.size >= 0.8 * len(word)


def missing_services(question: str, services: Sequence[str]) -> list[str]:
    """Return the names the question gives when none of them is one of ``services``.

    Empty when the question names no service, or when any name it gives is one of them ("Why
    is product search in the inventory service slow?" is about inventory).
    """
    named = question_names(question)
    if any(names_match(word, service) for word in named for service in services):
        return []
    return named
