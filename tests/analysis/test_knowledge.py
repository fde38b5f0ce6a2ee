"""The knowledge base: the seed's frames, other languages, validation and packaging."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import get_args

import pytest

from profile_insights.agent.analysis.knowledge import (
    LOAD_ORDER,
    classify_problem,
    kind_for_profile_type,
    load_knowledge,
    lookup,
    parse_knowledge,
)
from profile_insights.agent.analysis.models import ProblemKind
from profile_insights.agent.errors import ConfigurationError
from profile_insights.agent.profiles.pprof_text import parse_top_text


@pytest.mark.parametrize(
    ("function", "kind"),
    [
        # The seed's list (seed-skill.md, step 6).
        ("runtime.mallocgc", "allocation_pressure"),
        ("runtime.chanrecv", "channel_blocking"),
        ("runtime.chanrecv1", "channel_blocking"),
        ("runtime.chansend", "channel_blocking"),
        ("runtime.chansend1", "channel_blocking"),
        ("runtime.futex", "lock_contention"),
        ("runtime.lock", "lock_contention"),
        ("runtime.gcBgMarkWorker", "gc_pressure"),
        ("runtime.gcDrain", "gc_pressure"),
        ("compress/gzip.(*Writer).Write", "compression"),
        ("compress/flate.(*compressor).deflate", "compression"),
        ("compress/flate.NewWriter", "compression"),
        # More Go.
        ("encoding/json.Unmarshal", "serialization"),
        ("encoding/json.(*decodeState).object", "serialization"),
        ("sync.(*Mutex).Lock", "lock_contention"),
        ("sync.(*Mutex).Unlock", "lock_contention"),
        ("runtime.selectgo", "channel_blocking"),
        ("sync.(*WaitGroup).Wait", "channel_blocking"),
        ("runtime.memmove", "cpu_hotspot"),
        ("runtime.concatstrings", "allocation_pressure"),
        ("strings.(*Builder).grow", "allocation_pressure"),
        ("regexp.MustCompile", "cpu_hotspot"),
        ("regexp.(*Regexp).doExecute", "cpu_hotspot"),
        ("syscall.Syscall", "io_wait"),
        ("runtime.gopark", "goroutine_leak"),
        ("runtime.block", "channel_blocking"),
        ("text/template/parse.(*Tree).parse", "cpu_hotspot"),
        ("html/template.(*Template).escape", "cpu_hotspot"),
        # Python, Java, Node.js, .NET, native.
        ("json/decoder.py:-1 - raw_decode", "serialization"),
        ("re.py:-1 - _compile", "cpu_hotspot"),
        ("threading.py:-1 - wait", "lock_contention"),
        ("java/util/concurrent/locks/ReentrantLock.lock", "lock_contention"),
        ("java/lang/StringBuilder.append", "allocation_pressure"),
        ("java/lang/String.split", "cpu_hotspot"),
        ("reflect.growslice", "allocation_pressure"),
        ("com/fasterxml/jackson/databind/ObjectMapper.readValue", "serialization"),
        ("G1ParScanThreadState::trim_queue", "gc_pressure"),
        (":(garbage collector):0", "gc_pressure"),
        (":(idle):0", "io_wait"),
        ("System.Private.CoreLib!System.Threading.Monitor.Enter", "lock_contention"),
        ("System.Text.Json!System.Text.Json.JsonSerializer.Serialize", "serialization"),
        ("operator new(unsigned long)", "allocation_pressure"),
    ],
)
def test_known_frames_resolve_to_their_problem_kind(function: str, kind: str) -> None:
    entry = lookup(function)
    assert entry is not None, function
    assert entry.kind == kind
    assert entry.meaning and entry.remedy


def test_the_file_decides_for_python_frames_without_a_file_in_the_name() -> None:
    entry = lookup("wait", "/usr/lib/python3.11/threading.py")
    assert entry is not None and entry.id == "py-threading-lock"
    assert lookup("wait", "app/worker.py") is None


@pytest.mark.parametrize(
    "function",
    [
        "main.work",
        "main.sleep",
        "github.com/acme/catalog/internal/render.(*Renderer).Product",
        "lib/utility/utility.py:-1 - find_nearest_vehicle",
        "com/example/Something.doSomething",
    ],
)
def test_application_frames_are_not_in_the_knowledge_base(function: str) -> None:
    assert lookup(function) is None


def test_every_prefix_reaches_its_own_entry() -> None:
    """Entries are tried in order; a general entry must not hide a specific one."""
    for entry in load_knowledge().entries:
        for prefix in entry.prefixes:
            found = lookup(prefix + ("x" if prefix.endswith((".", "/")) else ""))
            assert found is not None and found.id == entry.id, (prefix, found and found.id)


def test_the_yaml_validates_and_covers_every_language() -> None:
    knowledge = load_knowledge()
    assert load_knowledge() is knowledge  # cached
    assert len(knowledge.entries) >= 50
    kinds = set(get_args(ProblemKind))
    assert {e.kind for e in knowledge.entries} <= kinds
    assert {e.language for e in knowledge.entries} >= {
        "go",
        "python",
        "java",
        "nodejs",
        "dotnet",
        "ruby",
        "rust",
        "cpp",
    }


def test_every_language_file_ships_as_package_data() -> None:
    folder = resources.files("profile_insights.agent.analysis").joinpath("knowledge_base")
    for name in LOAD_ORDER:
        assert folder.joinpath(f"{name}.yaml").is_file(), name
    assert "go-mallocgc" in folder.joinpath("go.yaml").read_text(encoding="utf-8")


_TITLED = "    title: A title\n    profile_types: [cpu]\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "version: 1\nlanguage: go\nentries:\n  - id: x\n    language: go\n    kind: other\n"
            + _TITLED
            + "    meaning: something long\n    remedy: something long\n",
            "no prefixes",
        ),
        (
            "version: 1\nlanguage: go\nentries:\n  - id: x\n    language: go\n    kind: slow\n"
            + _TITLED
            + "    prefixes: [a]\n    meaning: something long\n    remedy: something long\n",
            "kind",
        ),
        (
            "version: 1\nlanguage: go\nentries:\n  - id: x\n    language: go\n    kind: other\n"
            + _TITLED
            + "    regex: '('\n    meaning: something long\n    remedy: something long\n",
            "regex",
        ),
        ("version: 1\nentries: [\n", "invalid"),
        (
            "version: 1\nlanguage: go\nentries:\n  - id: x\n    language: go\n    kind: other\n"
            "    prefixes: [a]\n    meaning: something long\n    remedy: something long\n",
            "title",
        ),
    ],
)
def test_invalid_knowledge_is_refused_with_a_configuration_error(text: str, message: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        parse_knowledge([text])
    assert "knowledge base is invalid" in str(caught.value) and message in str(caught.value)


def test_duplicate_ids_are_refused() -> None:
    entry = (
        "  - id: same\n    language: go\n    kind: other\n    prefixes: [a]\n"
        + _TITLED
        + "    meaning: something long\n    remedy: something long\n"
    )
    with pytest.raises(ConfigurationError, match="duplicate"):
        parse_knowledge(["version: 1\nlanguage: go\nentries:\n" + entry + entry])


def test_a_go_mutex_profile_points_to_blocking_and_contention(shared_dir: Path) -> None:
    table = parse_top_text((shared_dir / "profiles/pyroscope_mutex_go.pb.gz.top.txt").read_text())
    signals = classify_problem(table.rows)
    by_kind = {s.kind: s for s in signals}
    assert by_kind["channel_blocking"].flat_pct == pytest.approx(52.81 + 25.87 + 0.64)
    assert by_kind["lock_contention"].functions == ["sync.(*Mutex).Lock"]
    assert signals[0].kind == "channel_blocking"


def test_the_pyroscope_heap_export_shows_compression(shared_dir: Path) -> None:
    table = parse_top_text(
        (
            shared_dir / "profiles/pyroscope_heap_inuse_space_go_buildid_gitref.pb.gz.top.txt"
        ).read_text()
    )
    (signal,) = classify_problem(table.rows)
    assert signal.kind == "compression"
    assert signal.functions[0] == "compress/flate.NewWriter"


def test_java_frames_of_the_async_profiler_profile(shared_dir: Path) -> None:
    table = parse_top_text(
        (shared_dir / "profiles/pyroscope_cpu_java_asyncprofiler.pb.gz.top.txt").read_text()
    )
    signals = {s.kind: s for s in classify_problem(table.rows)}
    assert "java/lang/Thread.sleep" in signals["io_wait"].functions
    assert all(
        not f.startswith("java/lang/String.equals") for s in signals.values() for f in s.functions
    )


def test_an_outer_library_loop_is_not_a_problem_by_its_cum(shared_dir: Path) -> None:
    table = parse_top_text(
        (shared_dir / "profiles/pyroscope_cpu_python_rideshare_flask.pb.gz.top.txt").read_text()
    )
    assert classify_problem(table.rows) == []
    assert lookup("socketserver.py:-1 - serve_forever") is not None


def test_the_node_wall_profile_is_mostly_idle(shared_dir: Path) -> None:
    table = parse_top_text(
        (shared_dir / "profiles/pyroscope_wall_nodejs_rideshare.pb.gz.top.txt").read_text()
    )
    signals = {s.kind: s for s in classify_problem(table.rows)}
    assert signals["io_wait"].flat_pct == pytest.approx(39.27)
    assert "gc_pressure" not in signals  # 0.96% is below the default threshold
    assert classify_problem(table.rows, min_pct=0.5)[-1].kind == "gc_pressure"


@pytest.mark.parametrize(
    ("profile_type", "kind"),
    [
        ("process_cpu:cpu:nanoseconds:cpu:nanoseconds", "cpu_hotspot"),
        ("process_cpu:samples:count::milliseconds", "cpu_hotspot"),
        ("memory:alloc_space:bytes:space:bytes", "allocation_pressure"),
        ("memory:alloc_in_new_tlab_bytes:bytes:space:bytes", "allocation_pressure"),
        ("memory:inuse_space:bytes:space:bytes", "retained_memory"),
        ("memory:live:count:objects:count", "retained_memory"),
        ("mutex:delay:nanoseconds:contentions:count", "lock_contention"),
        ("block:delay:nanoseconds:contentions:count", "channel_blocking"),
        ("block:contentions:count:contentions:count", "channel_blocking"),
        ("goroutines:goroutine:count:goroutine:count", "goroutine_leak"),
        ("wall:wall:microseconds:wall:microseconds", "io_wait"),
        ("process_cpu:lock_time:nanoseconds:cpu:nanoseconds", "lock_contention"),
        ("inuse_space", "retained_memory"),
        ("alloc_objects", "allocation_pressure"),
        ("cpu", "cpu_hotspot"),
    ],
)
def test_profile_types_map_to_what_they_measure(profile_type: str, kind: str) -> None:
    assert kind_for_profile_type(profile_type) == kind


def test_block_profiling_overhead_is_the_profilers_cost_not_channel_blocking() -> None:
    # runtime.blockevent starts with runtime.block (select {} with no cases), but it is the
    # stack unwinding SetBlockProfileRate(1) adds to every channel operation in a CPU profile.
    for function in ("runtime.blockevent", "runtime.saveblockevent", "runtime.mutexevent"):
        entry = lookup(function)
        assert entry is not None and entry.id == "go-profiler-overhead", function
        assert entry.kind == "other"
        assert "SetBlockProfileRate" in entry.remedy


def test_stack_capture_and_random_source_seeding_have_their_own_meaning() -> None:
    # Both showed as unknown frames: a function spending 96% in debug.Stack had no library
    # finding, and math/rand.NewSource per call only "a tight loop" from asyncPreempt.
    for function, entry_id in [
        ("runtime/debug.Stack", "go-stack-capture"),
        ("runtime.Stack", "go-stack-capture"),
        ("runtime.Callers", "go-stack-capture"),
        ("math/rand.NewSource", "go-rand-seed"),
        ("math/rand.(*rngSource).Seed", "go-rand-seed"),
    ]:
        entry = lookup(function)
        assert entry is not None and entry.id == entry_id, function
        assert entry.kind == "cpu_hotspot"
    # runtime.Stack must not swallow stack growth, a different problem.
    growth = lookup("runtime.newstack")
    assert growth is not None and growth.id == "go-stack-growth"
