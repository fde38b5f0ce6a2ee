"""Following a finding of the CPU profile into the profile type that shows where it comes from.

A CPU profile tells *that* the program allocates and collects garbage (Go's ``mallocgc`` and
``gcBgMarkWorker``, CPython's collector, V8's ``(garbage collector)``, the JVM's and the CLR's
GC threads), spins and sleeps on locks (``sync.Mutex`` slow paths, futex waits) or waits on I/O;
the allocation, mutex/block or wall profile of the same window tells *where*. The analyst has
already named those costs: its findings carry the knowledge base's kinds
(``allocation_pressure``, ``gc_pressure``, ``lock_contention``, ``io_wait``,
``channel_blocking``), whatever the runtime, so the decision reads the kinds, never names.

A kind is followed when its strongest finding accounts for :data:`THRESHOLD_PCT` of the
profile; the types are chosen with the question's own fallback chains
(``profile_types.resource_choice``): allocations, else the in-use heap with a note; mutex, else
block; wall, else block for I/O; block, else wall for channels. At most
:data:`MAX_FOLLOW_UPS` per question, strongest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from profile_insights.agent.analysis.enable_hints import SDK_OF_LANGUAGE
from profile_insights.agent.analysis.knowledge import profile_family
from profile_insights.agent.analysis.models import Finding, ProblemKind
from profile_insights.agent.analysis.profile_types import (
    RESOURCES,
    matching_type,
    measure_words,
    resource_choice,
)
from profile_insights.agent.code.languages import language_of
from profile_insights.agent.code.models import SourceMatch
from profile_insights.agent.profiles.table import TopTable

#: Share of the analysed profile a kind's strongest finding needs to be followed. Below a
#: fifth of the CPU, allocation, collection and lock slow paths are the ordinary running cost
#: of a managed runtime, and the CPU profile's own findings are the answer; from a fifth on
#: they are a cause of their own, whose source the other profile type names.
THRESHOLD_PCT = 20.0
#: Follow-up profiles fetched per question, at most.
MAX_FOLLOW_UPS = 2
#: The profiles a follow-up starts from: what the CPU (or wall-clock) time was spent on.
_FROM_FAMILIES = frozenset({"cpu", "wall"})

LeadKey = Literal["memory", "locks", "io", "channels"]


@dataclass(frozen=True)
class Lead:
    """Finding kinds that one profile type explains, and the resources to follow them into."""

    key: LeadKey
    kinds: frozenset[ProblemKind]
    #: Resource keys of ``profile_types.RESOURCES``, best first.
    wants: tuple[str, ...]
    #: What the findings show, in words: "allocation and garbage-collection work".
    words: str


LEADS: tuple[Lead, ...] = (
    Lead(
        "memory",
        frozenset({"allocation_pressure", "gc_pressure"}),
        ("alloc", "inuse"),
        "allocation and garbage-collection work",
    ),
    Lead("locks", frozenset({"lock_contention"}), ("mutex", "block"), "lock contention"),
    Lead("io", frozenset({"io_wait"}), ("wall", "block"), "waiting on I/O and system calls"),
    Lead(
        "channels",
        frozenset({"channel_blocking"}),
        ("block", "wall"),
        "blocking on channels and queues",
    ),
)


class Signal(BaseModel):
    """The findings of one lead in the analysed profile, and how much they weigh."""

    lead: LeadKey
    weight_pct: float = Field(description="% of the analysed total of its strongest finding.")
    findings: list[str] = Field(description="Titles of the findings, strongest first.")
    functions: list[str] = Field(description="The runtime and library frames they cite.")


class PlannedFollowUp(BaseModel):
    """A follow-up decided on: the type to fetch (None when not sent), why, and any caveat."""

    lead: LeadKey
    wanted: str = Field(description="The resource the findings call for (alloc, mutex, ...).")
    resource: str | None = Field(description="The resource of the type chosen (a stand-in).")
    profile_type: str | None
    cause: str = Field(description="What the findings show, as a clause: the summary's words.")
    reason: str
    note: str | None = Field(default=None, description="A stand-in's caveat, or how to enable.")


class Site(BaseModel):
    """A line of the checkout the follow-up profile charges: what ends in it."""

    function: str
    file: str
    line: int | None
    own_pct: float


class FollowUp(BaseModel):
    """What following a finding into another profile type of the same window found."""

    model_config = {"populate_by_name": True}

    profile_type: str | None = Field(description="The type followed into (None: not sent).")
    reason: str
    status: Literal["followed", "not_sent", "empty"]
    wanted: str
    cause: str = ""
    from_: str = Field(default="", alias="from")
    to: str = ""
    note: str | None = None
    findings: list[Finding] = Field(default_factory=list)
    sites: list[Site] = Field(default_factory=list)
    total_text: str = ""
    sample_count: int = 0
    summary: str = ""
    commands: list[str] = Field(default_factory=list)


def finding_weight(finding: Finding) -> float:
    """Return the % of the profile a finding's cost accounts for.

    A finding about the checkout's code weighs what ends in that code; one about runtime and
    library frames weighs what runs through its heaviest frame (its self time for waiting,
    as the analyst weighs it), never the residual left once a cause elsewhere was named: the
    collector's work under a function is exactly what the follow-up is to explain.
    """
    library = [item for item in finding.evidence if not item.in_repo]
    if len(library) < len(finding.evidence) and finding.weight_pct is not None:
        return finding.weight_pct
    flat = sum(item.flat_pct for item in library)
    if finding.kind == "io_wait":
        return flat
    return max([flat, *(item.cum_pct for item in library)])


def signals(
    findings: list[Finding], analysed_type: str, threshold: float = THRESHOLD_PCT
) -> list[Signal]:
    """Return the leads whose findings reach ``threshold``, strongest first.

    Only a CPU or wall-clock profile is followed (an allocation profile already shows the
    allocation sites), and a lead whose resources include the analysed one is skipped: waiting
    in a wall profile is already there.
    """
    family = profile_family(analysed_type)
    if family not in _FROM_FAMILIES:
        return []
    found = []
    for lead in LEADS:
        if family in lead.wants:
            continue
        mine = sorted(
            (f for f in findings if f.kind in lead.kinds), key=finding_weight, reverse=True
        )
        if not mine or finding_weight(mine[0]) < threshold:
            continue
        # Each finding's heaviest frame first, then the rest: one frame's variants
        # (gcAssistAlloc, gcAssistAlloc.func1) do not crowd out another finding's.
        library = [[e.function for e in f.evidence if not e.in_repo] for f in mine]
        frames = [names[0] for names in library if names] + [n for ns in library for n in ns]
        found.append(
            Signal(
                lead=lead.key,
                weight_pct=round(finding_weight(mine[0]), 2),
                findings=[f.title for f in mine],
                functions=list(dict.fromkeys(frames))[:3],
            )
        )
    return sorted(found, key=lambda signal: -signal.weight_pct)


def _language(findings: list[Finding]) -> str | None:
    """Return the SDK the profile's frames are written for, when they say."""
    for finding in findings:
        for item in finding.evidence:
            language = language_of(item.function, item.file)
            if language in SDK_OF_LANGUAGE:
                return SDK_OF_LANGUAGE[language]
    return None


def plan(
    findings: list[Finding],
    analysed_type: str,
    available: list[str],
    *,
    measure: str,
    threshold: float = THRESHOLD_PCT,
    limit: int = MAX_FOLLOW_UPS,
) -> list[PlannedFollowUp]:
    """Return the follow-ups the findings call for, at most ``limit``, strongest first.

    Args:
        findings: The verified findings of the analysed profile.
        analysed_type: Its profile type ID.
        available: The profile type IDs the service sends.
        measure: What the analysed profile measures, in words ("CPU time").
        threshold: The weight a lead's strongest finding needs, in % of the total.
        limit: Follow-ups at most.
    """
    language = _language(findings)
    planned: list[PlannedFollowUp] = []
    by_key = {lead.key: lead for lead in LEADS}
    for signal in signals(findings, analysed_type, threshold):
        lead = by_key[signal.lead]
        cited = ", ".join(f"`{name}`" for name in signal.functions) or signal.findings[0]
        cause = f"{lead.words} is {signal.weight_pct:.1f}% of the {measure}"
        reason = f"{cause} ({cited}); a finding is followed from {threshold:g}%"
        choice = resource_choice(lead.wants, available, reason, language, exclude=analysed_type)
        taken = {(p.profile_type, p.wanted if p.profile_type is None else "") for p in planned}
        key = (choice.profile_type, lead.wants[0] if choice.profile_type is None else "")
        if key in taken:
            continue  # I/O and channels may both lead to the block profile
        resource = next(
            (k for k in lead.wants if choice.profile_type and _carries(k, choice.profile_type)),
            None,
        )
        planned.append(
            PlannedFollowUp(
                lead=lead.key,
                wanted=lead.wants[0],
                resource=resource,
                profile_type=choice.profile_type,
                cause=cause,
                reason=reason,
                note=choice.missing_note,
            )
        )
        if len(planned) >= limit:
            break
    return planned


def _carries(resource: str, type_id: str) -> bool:
    return matching_type(RESOURCES[resource], [type_id]) == type_id


def sites(
    table: TopTable, matches: list[SourceMatch], attribution: dict[int, float], count: int = 3
) -> list[Site]:
    """Return the checkout's lines the followed profile charges most (what ends in each)."""
    found = [
        Site(
            function=row.function or row.name,
            file=match.repo_path,
            line=row.line,
            own_pct=round(attribution[row.rank], 2),
        )
        for row, match in zip(table.rows, matches, strict=False)
        if match.kind == "in_repo" and match.repo_path and row.rank in attribution
    ]
    found.sort(key=lambda site: -site.own_pct)
    return found[:count]


def _short(function: str) -> str:
    return function.rsplit("/", 1)[-1]


def sentence(follow_up: FollowUp) -> str:
    """Return the summary's sentence on a follow-up: what was followed, why, what it found."""
    kind = RESOURCES[follow_up.wanted].kind
    cause = follow_up.cause[:1].upper() + follow_up.cause[1:]
    if follow_up.status == "not_sent" or follow_up.profile_type is None:
        return (
            f"{cause}, but the service sends no {kind} profile to follow it into "
            "(the follow-up section says how to enable it)."
        )
    measure = measure_words(follow_up.profile_type)
    if follow_up.status == "empty":
        return f"{cause}; its {measure} profile of the same window has no samples."
    lead = f"{cause}, so the {measure} profile of the same window was read"
    located = next((f for f in follow_up.findings if f.code_refs), None)
    if located is not None:
        cited = next((e for e in located.evidence if e.in_repo), located.evidence[0])
        share = located.weight_pct or cited.cum_pct
        # A library finding's "what" is its title, a noun phrase ("sync.Mutex contention").
        noun = located.title.lower().startswith(located.what.lower())
        what = f", which {'shows ' if noun else ''}{located.what}" if located.what else ""
        return (
            f"{lead}: {share:.1f}% of it goes through `{_short(cited.function)}` at "
            f"{located.code_refs[0]}{what}."
        )
    if follow_up.sites:
        site = follow_up.sites[0]
        where = f"{site.file}:{site.line}" if site.line is not None else site.file
        return f"{lead}: {site.own_pct:.1f}% of it ends in `{_short(site.function)}` at {where}."
    return f"{lead}: none of it ends in code of this checkout."
