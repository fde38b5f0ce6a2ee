"""Following a CPU finding into the next profile type: the trigger, the cap, the not-sent hint."""

from __future__ import annotations

import pytest

from profile_insights.agent.analysis import knowledge
from profile_insights.agent.analysis.analyst import analyse
from profile_insights.agent.analysis.follow_ups import (
    MAX_FOLLOW_UPS,
    THRESHOLD_PCT,
    FollowUp,
    plan,
    sentence,
    signals,
)
from profile_insights.agent.analysis.models import Finding, ProblemKind, evidence_of
from profile_insights.agent.code.models import SourceMatch
from profile_insights.agent.profiles.nesting import Nesting
from tests.analysis.analyst_helpers import in_repo_match
from tests.tables import cpu_table, top_row

CPU = "process_cpu:cpu:nanoseconds:cpu:nanoseconds"
ALLOC = "memory:alloc_space:bytes:space:bytes"
INUSE = "memory:inuse_space:bytes:space:bytes"
MUTEX = "mutex:delay:nanoseconds:contentions:count"
BLOCK = "block:delay:nanoseconds:contentions:count"
WALL = "wall:wall:nanoseconds:wall:nanoseconds"


SUFFIX = {"go": ".go", "python": ".py", "nodejs": ".js", "java": ".java", "ruby": ".rb"}
SUFFIX["dotnet"] = ".cs"


def findings_under(function: str, language: str, share: float) -> list[Finding]:
    """Return the deterministic findings of a CPU table where ``function`` costs ``share``%."""
    handler = top_row(1, "app.handle", f"app/handler{SUFFIX[language]}", 10, 100 - share, 100)
    runtime = top_row(2, function, "", 0, share, share)
    runtime = runtime.model_copy(update={"file": None, "line": None})
    matches = [
        in_repo_match(handler, "\tdo()"),
        SourceMatch(
            function=function,
            profile_file=None,
            line=None,
            kind="runtime" if language == "go" else "unknown",
            language=language,
        ),
    ]
    table = cpu_table([handler, runtime])
    return analyse(table, matches, knowledge.lookup, nesting=Nesting(shares={}))


#: Runtime frames of allocation, collection and lock slow paths, as each runtime's profiler
#: names them (Pyroscope's .NET frames carry their assembly before a "!").
RUNTIME_FRAMES = [
    ("go", "runtime.mallocgc", "memory"),
    ("go", "runtime.gcBgMarkWorker", "memory"),
    ("go", "sync.(*Mutex).lockSlow", "locks"),
    ("go", "runtime.procyield", "locks"),
    ("python", "<gc>", "memory"),
    ("python", "take_gil", "locks"),
    ("nodejs", ":(garbage collector)", "memory"),
    ("java", "G1ParScanThreadState::trim_queue_partially", "memory"),
    ("java", "java/util/concurrent/locks/AbstractQueuedSynchronizer.acquire", "locks"),
    ("ruby", "(garbage collection)", "memory"),
    ("ruby", "Thread::Mutex#lock", "locks"),
    ("dotnet", "WKS::gc_heap::mark_phase", "memory"),
    ("dotnet", "System.Private.CoreLib!System.Threading.Monitor.Enter", "locks"),
]


@pytest.mark.parametrize(("language", "function", "lead"), RUNTIME_FRAMES)
def test_gc_allocation_and_lock_frames_of_every_runtime_lead_to_their_profile_type(
    language: str, function: str, lead: str
) -> None:
    found = signals(findings_under(function, language, 30.0), CPU)
    assert [signal.lead for signal in found] == [lead]
    assert found[0].weight_pct == pytest.approx(30.0)
    assert function in found[0].functions


def test_a_lead_is_followed_from_the_threshold_and_not_just_below_it() -> None:
    below = findings_under("runtime.mallocgc", "go", THRESHOLD_PCT - 0.5)
    at = findings_under("runtime.mallocgc", "go", THRESHOLD_PCT)
    assert any(f.kind == "allocation_pressure" for f in below)
    assert signals(below, CPU) == []
    assert [s.lead for s in signals(at, CPU)] == ["memory"]
    # The threshold is the caller's to move.
    assert signals(below, CPU, threshold=THRESHOLD_PCT - 1) != []


def test_only_cpu_and_wall_profiles_are_followed_and_wall_is_not_followed_into_wall() -> None:
    gc = findings_under("runtime.gcBgMarkWorker", "go", 40.0)
    assert signals(gc, ALLOC) == [] and signals(gc, MUTEX) == []
    io = [_finding("io_wait", "syscall.Syscall", 35.0)]
    assert [s.lead for s in signals(io, CPU)] == ["io"]
    assert signals(io, WALL) == []


def _finding(kind: ProblemKind, function: str, share: float) -> Finding:
    """Return a library finding of ``kind`` whose frame costs ``share``% (flat and cum)."""
    row = top_row(2, function, "", 0, share, share).model_copy(update={"file": None})
    return Finding(
        title=f"{kind} in {function}",
        kind=kind,
        explanation="library work",
        recommendation="do less of it",
        evidence=[evidence_of(row)],
    )


def test_at_most_two_follow_ups_are_planned_strongest_first() -> None:
    findings = [
        _finding("lock_contention", "sync.(*Mutex).lockSlow", 30.0),
        _finding("io_wait", "syscall.Syscall", 25.0),
        _finding("gc_pressure", "runtime.gcBgMarkWorker", 45.0),
    ]
    sent = [CPU, ALLOC, MUTEX, WALL]
    planned = plan(findings, CPU, sent, measure="CPU time")
    assert MAX_FOLLOW_UPS == 2
    assert [(p.lead, p.profile_type) for p in planned] == [("memory", ALLOC), ("locks", MUTEX)]
    assert "45.0% of the CPU time" in planned[0].reason
    assert "`runtime.gcBgMarkWorker`" in planned[0].reason
    assert [p.lead for p in plan(findings, CPU, sent, measure="CPU time", limit=1)] == ["memory"]
    assert len(plan(findings, CPU, sent, measure="CPU time", limit=3)) == 3


def test_waiting_on_io_and_on_channels_read_the_one_block_profile_once() -> None:
    findings = [
        _finding("io_wait", "syscall.Syscall", 30.0),
        _finding("channel_blocking", "runtime.chanrecv", 25.0),
    ]
    planned = plan(findings, CPU, [CPU, BLOCK], measure="CPU time")
    assert [(p.lead, p.profile_type) for p in planned] == [("io", BLOCK)]


def test_a_stand_in_type_is_followed_with_a_note_on_what_it_shows_instead() -> None:
    locks = [_finding("lock_contention", "sync.(*Mutex).lockSlow", 30.0)]
    (planned,) = plan(locks, CPU, [CPU, BLOCK], measure="CPU time")
    assert planned.profile_type == BLOCK and planned.wanted == "mutex"
    assert planned.note is not None and "runtime.SetMutexProfileFraction" in planned.note
    memory = [_finding("gc_pressure", "runtime.gcBgMarkWorker", 30.0)]
    (heap,) = plan(memory, CPU, [CPU, INUSE], measure="CPU time")
    assert heap.profile_type == INUSE and heap.resource == "inuse"


@pytest.mark.parametrize(
    ("language", "function", "setting"),
    [
        ("go", "runtime.mallocgc", "pyroscope.ProfileAllocSpace"),
        ("java", "G1ParScanThreadState::trim_queue_partially", "PYROSCOPE_PROFILER_ALLOC"),
        ("dotnet", "WKS::gc_heap::mark_phase", "PYROSCOPE_PROFILING_ALLOCATION_ENABLED"),
        ("python", "<gc>", "mem_enabled=True"),
    ],
)
def test_a_type_not_sent_names_the_sdk_setting_of_the_runtime_the_frames_are_from(
    language: str, function: str, setting: str
) -> None:
    findings = findings_under(function, language, 35.0)
    (planned,) = plan(findings, CPU, [CPU], measure="CPU time")
    assert planned.profile_type is None and planned.wanted == "alloc"
    assert planned.note is not None and setting in planned.note
    assert f"types available: {CPU}" in planned.note
    follow_up = FollowUp(
        profile_type=None,
        reason=planned.reason,
        status="not_sent",
        wanted=planned.wanted,
        cause=planned.cause,
        note=planned.note,
    )
    assert "sends no allocation profile" in sentence(follow_up)


def test_frames_of_an_unknown_runtime_list_every_sdk_setting() -> None:
    locks = [_finding("lock_contention", "futex_wait_queue_me", 30.0)]
    (planned,) = plan(locks, CPU, [CPU], measure="CPU time")
    assert planned.note is not None
    for setting in ("SetMutexProfileFraction", "PYROSCOPE_PROFILER_LOCK", "LOCK_ENABLED"):
        assert setting in planned.note
