"""Choosing the profile type for a question among the types the service actually sends.

A question asks about a resource (memory held, allocations, CPU, wall-clock time, waiting,
locks, goroutines); each rule names the resources that answer it, best first, so a service
that lacks the best one is still analysed with the closest type it sends, and the report says
in plain words what that type shows instead. Only when no type of the service can answer does
the choice come back empty, with the SDK setting that would enable one.

Profile type IDs are ``name:sample_type:unit:period_type:period_unit``; the same resource is
spelled differently per SDK (pyroscope-api.md §4.2, and the SDKs run against the replay server):
Node.js sends ``wall:wall:nanoseconds:wall:nanoseconds`` (``wall:cpu:…`` with
``collectCpuTime``; older versions ``wall:wall:microseconds:…``) and only
``memory:inuse_*:…:inuse_space:bytes``; Java sends ``wall:wall:nanoseconds:…``, JFR
``memory:alloc_in_new_tlab_*`` and ``memory:live``; .NET keeps allocations, locks and its heap
under the ``process_cpu`` name; Python and Ruby send ``process_cpu`` (``samples`` on older SDKs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel

from profile_insights.agent.analysis.enable_hints import enable_hint
from profile_insights.agent.analysis.question_words import terms

ANY = "*"


@dataclass(frozen=True)
class Resource:
    """What one kind of profile measures, and the IDs that carry it."""

    key: str
    #: (profile name or ANY, sample types), most preferred first.
    accepts: tuple[tuple[str, tuple[str, ...]], ...]
    #: The profile's kind, as in "sends no allocation profile".
    kind: str
    #: A noun phrase: "the in-use heap".
    noun: str
    #: What its numbers are, in plain words: "what is held".
    shows: str


RESOURCES = {
    resource.key: resource
    for resource in (
        Resource(
            "cpu",
            (
                ("process_cpu", ("cpu", "samples")),
                ("cpu", ("cpu", "samples")),
                # Node.js with collectCpuTime: CPU time rides in the wall profile.
                ("wall", ("cpu",)),
            ),
            "CPU",
            "CPU time",
            "time spent running on a CPU",
        ),
        Resource(
            "wall",
            (("wall", ("wall",)), (ANY, ("wall",))),
            "wall-clock",
            "wall-clock time",
            "time spent running and waiting alike",
        ),
        Resource(
            "alloc",
            (
                (
                    ANY,
                    (
                        "alloc_space",
                        "alloc_in_new_tlab_bytes",
                        "alloc_size",
                        "alloc_objects",
                        "alloc_in_new_tlab_objects",
                        "alloc_samples",
                        "alloc_outside_tlab_bytes",
                        "alloc_outside_tlab_objects",
                    ),
                ),
            ),
            "allocation",
            "allocations",
            "what is allocated",
        ),
        Resource(
            "inuse",
            ((ANY, ("inuse_space", "inuse_objects", "live")),),
            "in-use heap",
            "the in-use heap",
            "what is held",
        ),
        Resource(
            "mutex",
            (("mutex", ("delay", "contentions")), (ANY, ("lock_time", "lock_count"))),
            "lock contention",
            "lock contention",
            "time spent waiting for locks",
        ),
        Resource(
            "block",
            (("block", ("delay", "contentions")),),
            "blocking",
            "blocking",
            "time spent blocked on channels, select and sync primitives",
        ),
        Resource(
            "goroutine",
            (
                ("goroutine", ("goroutine", "goroutines")),
                ("goroutines", ("goroutine", "goroutines")),
            ),
            "goroutine",
            "goroutines",
            "the goroutines that exist and where they are parked",
        ),
    )
}


@dataclass(frozen=True)
class TypeRule:
    """Words (base forms) that point at a resource, and the resources that answer, best first."""

    words: frozenset[str]
    wants: tuple[str, ...]
    label: str


# Order matters: "goroutine leak" is about goroutines, "memory leak" about what is held, "lock
# wait" about locks, "blocked waiting" about blocking before wall-clock time.
RULES = (
    TypeRule(frozenset({"goroutine"}), ("goroutine",), "goroutines"),
    TypeRule(
        frozenset({"lock", "mutex", "contend"}),
        # Go's block profile also records goroutines waiting in sync.Mutex.Lock; a wall
        # profile shows threads parked on a lock.
        ("mutex", "block", "wall"),
        "lock contention",
    ),
    TypeRule(
        frozenset(
            {"hold", "retain", "leak", "resident", "inuse", "rss", "out-of-memory", "memory-growth"}
        ),
        ("inuse", "alloc"),
        "memory in use",
    ),
    TypeRule(
        frozenset({"memory", "allocate", "heap", "garbage"}),
        ("alloc", "inuse"),
        "memory allocations",
    ),
    TypeRule(frozenset({"cpu", "compute"}), ("cpu", "wall"), "CPU time"),
    TypeRule(
        frozenset({"wait", "block", "channel", "chan", "park", "sleep", "idle", "off-cpu"}),
        ("block", "wall", "cpu"),
        "waiting",
    ),
    TypeRule(
        frozenset({"wall", "wall-time", "latency", "slow-request", "elapsed", "duration"}),
        ("wall", "cpu"),
        "wall-clock time",
    ),
)
#: What a question naming no resource gets.
DEFAULT_RULE = TypeRule(frozenset(), ("cpu", "wall"), "CPU time")

# Words that mean a resource only together, anywhere in the question: "slow" alone is the
# default CPU question, but slow requests or endpoints are about latency, which a wall profile
# shows whole; "grows" is about memory only when memory is what grows.
_TOGETHER: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "slow-request": (
        frozenset({"slow"}),
        frozenset({"request", "response", "endpoint", "call", "query", "page", "route"}),
    ),
    "memory-growth": (
        frozenset({"grow", "increase", "climb", "balloon"}),
        frozenset({"memory", "heap", "rss"}),
    ),
}
_VOCABULARY = frozenset().union(
    *(rule.words for rule in RULES), *(part for pair in _TOGETHER.values() for part in pair)
)


class TypeChoice(BaseModel):
    """The profile type chosen for a question, or why none fits."""

    profile_type: str | None
    reason: str
    #: Plain words on what the chosen type shows when it is not the one the question wants,
    #: or on the missing type and how to enable it when none fits.
    missing_note: str | None = None
    #: The resource the question is about (``cpu``, ``wall``, ``inuse``, ...).
    wanted: str = "cpu"


def question_rule(question: str) -> tuple[TypeRule, str]:
    """Return the rule a question falls under and the word of the question that chose it."""
    words = terms(question, _VOCABULARY)
    for concept, (first, second) in _TOGETHER.items():
        one = next((shown for base, shown in words if base in first), None)
        other = next((shown for base, shown in words if base in second), None)
        if one and other:
            words.append((concept, f"{one} ... {other}"))
    for rule in RULES:
        hits = [shown for base, shown in words if base in rule.words]
        if hits:
            return rule, hits[0]
    return DEFAULT_RULE, ""


def matching_type(resource: Resource, available: list[str]) -> str | None:
    """Return the first available type ID that carries ``resource``, in preference order."""
    for name, sample_types in resource.accepts:
        for sample_type in sample_types:
            for type_id in available:
                parts = type_id.split(":")
                if len(parts) == 5 and parts[1] == sample_type and name in (ANY, parts[0]):
                    return type_id
    return None


def sdk_language(available: list[str]) -> str | None:
    """Return the SDK a set of type IDs can only come from, or None when it is not certain."""
    ids = [type_id.split(":") for type_id in available if type_id.count(":") == 4]
    if any(parts[0] == "process_cpu" and parts[1] in _DOTNET_ONLY for parts in ids):
        return ".NET"
    if any(parts[1] in ("alloc_in_new_tlab_bytes", "alloc_in_new_tlab_objects") for parts in ids):
        return "Java"
    if any(parts[0] == "memory" and parts[3] == "inuse_space" for parts in ids) or any(
        parts[0] == "wall" and (parts[1] == "samples" or parts[2] == "microseconds")
        for parts in ids
    ):
        return "Node.js"
    # Go's mutex and block types count per "contentions"; Java's per "mutex" / "block".
    if any(parts[0] in ("goroutine", "goroutines") for parts in ids) or any(
        parts[0] in ("mutex", "block") and parts[3] == "contentions" for parts in ids
    ):
        return "Go"
    return None


_DOTNET_ONLY = frozenset(
    {"alloc_size", "alloc_samples", "lock_time", "lock_count", "exception", "inuse_space"}
)


def choose_profile_type(question: str, available: list[str]) -> TypeChoice:
    """Choose the type a question needs among the types the service sends.

    Memory held/leaks/retention -> in-use heap, else allocations; allocations/memory/heap ->
    allocations, else the in-use heap; locks -> mutex, else block, else wall; waiting/blocked
    -> block, else wall, else CPU; wall time/latency/slow requests -> wall, else CPU;
    goroutines -> goroutine; otherwise CPU, else wall. A stand-in type comes with a note on what
    it shows instead; when nothing fits, the note names the missing type and its SDK setting.
    """
    rule, word = question_rule(question)
    why = (
        f"the question mentions {word!r}, which is about {rule.label}"
        if word
        else "the question names no resource, so CPU time is the default"
    )
    return resource_choice(rule.wants, available, why)


def resource_choice(
    wants: tuple[str, ...],
    available: list[str],
    why: str,
    language: str | None = None,
    exclude: str | None = None,
) -> TypeChoice:
    """Return the first available type of ``wants`` (resource keys, best first).

    A stand-in for the first resource comes with a note on what it shows instead and how to
    get the wanted one; when none is sent, the note names the missing type and its SDK setting
    (for the SDK the types come from, else for ``language``, else for every SDK). The
    follow-up of a finding into the next profile type chooses with the same chain, never
    choosing the type it follows from (``exclude``).
    """
    wanted = RESOURCES[wants[0]]
    language = sdk_language(available) or language
    candidates = [type_id for type_id in available if type_id != exclude]
    for key in wants:
        found = matching_type(RESOURCES[key], candidates)
        if found is None:
            continue
        if key == wanted.key:
            return TypeChoice(profile_type=found, reason=why, wanted=wanted.key)
        chosen = RESOURCES[key]
        return TypeChoice(
            profile_type=found,
            reason=f"{why}; the service sends no {wanted.kind} profile, so {chosen.noun} "
            f"({found}) is used",
            missing_note=(
                f"The service sends no {wanted.kind} profile, so this is {chosen.noun}: "
                f"{chosen.shows}, not {wanted.shows}. How to get a {wanted.kind} profile: "
                f"{enable_hint(wanted.key, language)}"
            ),
            wanted=wanted.key,
        )
    listed = ", ".join(available) if available else "none"
    return TypeChoice(
        profile_type=None,
        reason=why,
        missing_note=(
            f"The service has no {wanted.kind} profile (types available: {listed}). "
            f"To enable it: {enable_hint(wanted.key, language)}"
        ),
        wanted=wanted.key,
    )


def measure_words(profile_type: str) -> str:
    """Return what a profile type ID measures, in words for a summary ("mutex delay")."""
    parts = profile_type.split(":")
    name, sample_type = (parts[0], parts[1]) if len(parts) > 1 else ("", parts[0])
    words = {
        "cpu": "CPU time",
        "alloc_space": "allocated memory",
        "alloc_objects": "allocations",
        "inuse_space": "memory in use",
        "inuse_objects": "objects in use",
        "delay": f"{name} delay",
        "contentions": f"{name} contentions",
        "wall": "wall time",
        "goroutine": "goroutine count",
    }
    return words.get(sample_type, sample_type.replace("_", " "))


def without_names(question: str, names: list[str]) -> str:
    """Return the question with the services' names taken out.

    A service is called what its domain calls it: "why is cost-allocation slow?" asks about
    time, and "allocation" there is a name, not the resource the question wants.
    """
    for name in sorted(names, key=len, reverse=True):
        if name:
            question = re.sub(
                rf"(?<![\w-]){re.escape(name)}(?![\w-])", " ", question, flags=re.IGNORECASE
            )
    return question
