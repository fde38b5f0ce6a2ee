"""What the analysts say about each kind of problem: labels, generic advice, thresholds, impact.

The generic advice is the last resort: a finding names a construct of the code or a knowledge
entry whenever one explains the cost (:mod:`code_findings`).
"""

from __future__ import annotations

from typing import cast, get_args

from profile_insights.agent.analysis.models import Finding, ProblemKind

ALL_KINDS: frozenset[str] = frozenset(get_args(ProblemKind))


# Below this share of the total a library frame is noise, not a finding.
LIBRARY_THRESHOLD_PCT = 3.0


# In-repo rows are reported when they cost this much themselves or with their callees.
REPO_FLAT_THRESHOLD_PCT = 0.5


REPO_CUM_THRESHOLD_PCT = 5.0


#: What the checkout's own code costs in each profile family (``knowledge.profile_family``)
#: when nothing more specific explains it (a construct, the library call under its lines, a
#: pattern on its line, the library work the stacks put inside it): what the profile measures.
#: A wall profile is CPU here: a frame of the checkout at the leaf is running, and waiting
#: shows as the frames under it (a system call, a park, the idle event loop).
FAMILY_DEFAULT_KIND: dict[str, ProblemKind] = {
    "cpu": "cpu_hotspot",
    "wall": "cpu_hotspot",
    "alloc": "allocation_pressure",
    "inuse": "retained_memory",
    "mutex": "lock_contention",
    "block": "channel_blocking",
    "goroutine": "goroutine_leak",
}


#: Kinds of wait that, in a goroutine profile, park goroutines until another side acts (a
#: send, a close, a reply) that may never come: a leak when it does not. A goroutine parked on
#: a lock waits for a holder that is running, so a pile of them is contention, not a leak.
PARKING_KINDS = frozenset({"channel_blocking", "io_wait"})


#: What a lock wait means in a goroutine profile (appended to a lock_contention finding).
GOROUTINE_LOCK_NOTE = (
    " In a goroutine profile these are goroutines waiting for this lock when the profile was "
    "taken: the holder keeps it long enough for callers to pile up behind it."
)


GOROUTINE_LEAK_FIX = (
    "Make sure every goroutine parked here can finish: give a result channel a buffer of one "
    "so the send completes after the receiver has gone, select on ctx.Done() next to the "
    "send or receive, and close the channels goroutines wait on."
)


KIND_ADVICE: dict[str, str] = {
    "cpu_hotspot": "Do less work per call here: cache results, move invariant work out of "
    "loops, or pick a cheaper algorithm.",
    "allocation_pressure": "Allocate less here: reuse buffers, preallocate, avoid "
    "conversions and temporary copies.",
    "retained_memory": "Release what this code holds: bound caches, drop references when "
    "done, stream instead of buffering.",
    "lock_contention": "Shorten the critical section or shard the lock.",
    "channel_blocking": "Unblock the other side: buffer, add workers, or add timeouts.",
    "goroutine_leak": "Make sure every goroutine started here can finish (context "
    "cancellation, closed channels).",
    "serialization": "Encode/decode less often: cache, use typed structs, avoid round trips.",
    "compression": "Compress less often or at a cheaper level.",
    "gc_pressure": "Allocate less so the collector runs less.",
    "io_wait": "Batch or parallelise the I/O, or move it off the request path.",
    "other": "Look at what this code does per call and whether it can do less.",
}


KIND_LABELS: dict[str, str] = {
    "cpu_hotspot": "CPU hotspot",
    "allocation_pressure": "Allocation pressure",
    "retained_memory": "Retained memory",
    "lock_contention": "Lock contention",
    "channel_blocking": "Channel blocking",
    "goroutine_leak": "Goroutine leak",
    "gc_pressure": "GC pressure",
    "compression": "Compression",
    "serialization": "Serialization",
    "io_wait": "I/O wait",
    "other": "Other",
}


def problem_kind(kind: str) -> ProblemKind:
    """Return ``kind`` when it is a known problem kind, else ``other``."""
    return cast(ProblemKind, kind) if kind in ALL_KINDS else "other"


def impact(finding: Finding) -> float:
    """Return the finding's expected impact: its estimate, what its code owns, else its evidence.

    What a function of the checkout owns is its share of the total; a caller's cum covers
    the callee's too, so it never ranks a caller above the code doing the work.
    """
    if finding.estimated_saving_pct is not None:
        return finding.estimated_saving_pct
    if finding.weight_pct is not None:
        return finding.weight_pct
    return max((item.cum_pct for item in finding.evidence), default=0.0)
