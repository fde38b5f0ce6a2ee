"""What the checkout's own code costs is what the profile measures, unless something explains it.

When no construct, library call or line pattern explains a function of the checkout, its kind
comes from the profile family (a mutex profile measures lock waits, a wall profile's leaf code
is running), never from the strongest library finding elsewhere in the profile.
"""

from __future__ import annotations

from profile_insights.agent.analysis import knowledge, patterns
from profile_insights.agent.analysis.advice import KIND_ADVICE
from profile_insights.agent.analysis.analyst import analyse
from profile_insights.agent.analysis.models import Finding
from profile_insights.agent.code.models import SourceMatch
from profile_insights.agent.profiles.nesting import Nesting
from profile_insights.agent.profiles.table import TopTable
from tests.analysis.analyst_helpers import in_repo_match, library_match
from tests.tables import cpu_table, top_row


def _code(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.code_refs]


def test_a_checkout_line_charged_in_a_mutex_profile_is_lock_contention_whatever_it_reads() -> None:
    # JFR's lock profile charges the frames that waited to enter a monitor; Scala's
    # `lock synchronized {` is read by no grammar, so only the profile says it is a lock.
    thread = top_row(1, "java/lang/Thread.run", "", 833, 0, 100)
    log = "core/log/UnifiedLog.scala"
    append = top_row(2, "kafka/log/UnifiedLog.append", log, 820, 59, 59)
    mark = top_row(3, "kafka/log/UnifiedLog.maybeIncrement", log, 420, 40, 40)
    matches = [
        library_match(thread, "third_party"),
        in_repo_match(append, "      val appendInfo = analyzeAndValidateRecords(records)"),
        in_repo_match(mark, "      val newHighWatermark = offsetMetadata"),
    ]
    table = cpu_table([thread, append, mark]).model_copy(update={"sample_type": "delay"})
    stacks = Nesting(shares={"1>2": 1.0, "1>3": 1.0})
    findings = analyse(
        table,
        matches,
        knowledge.lookup,
        nesting=stacks,
        family=knowledge.profile_family("mutex:delay:nanoseconds:mutex:count"),
    )

    code = _code(findings)
    assert [f.evidence[0].function for f in code] == [append.function, mark.function]
    assert {f.kind for f in code} == {"lock_contention"}
    assert code[0].recommendation == KIND_ADVICE["lock_contention"]


def test_own_code_at_the_leaf_of_a_wall_profile_is_cpu_not_the_idle_loop_beside_it() -> None:
    # Node.js records a handler's samples at its first line; the idle event loop is a sibling
    # of the handlers in the stacks, not under them.
    idle = top_row(1, ":(idle):0", "", 0, 39.3, 39.3)
    handler = top_row(2, "./index.ts:carSearchHandler:31", "index.ts", 29, 16.7, 16.7)
    matches = [
        library_match(idle, "runtime"),
        in_repo_match(handler, "app.get('/car', function carSearchHandler(req, res) {"),
    ]
    table = cpu_table([idle, handler]).model_copy(update={"sample_type": "wall"})
    findings = analyse(table, matches, knowledge.lookup, nesting=Nesting(shares={}), family="wall")

    assert [f.kind for f in _code(findings)] == ["cpu_hotspot"]
    assert any(f.kind == "io_wait" and not f.code_refs for f in findings)


def _middleware_table(own: float) -> tuple[TopTable, list[SourceMatch], Nesting]:
    # rbspy's CPU samples: the OpenTelemetry rack middleware calls the app, so its 99.6% cum
    # covers the app's own work; the stacks put the app inside it, not the reverse.
    gem = "gems/opentelemetry-instrumentation-rack-0.23.2/lib/opentelemetry/instrumentation"
    middleware = top_row(1, "call", f"{gem}/rack/middlewares/tracer_middleware.rb", 90, own, 99.6)
    block = top_row(
        2, "block in find_nearest_vehicle", "app/helpers/helper.rb", 38, 5.8, 99.6 - own
    )
    loop = top_row(3, "mutex_lock", "app/helpers/helper.rb", 10, 25.7, 25.7)
    matches = [
        library_match(middleware, "third_party"),
        in_repo_match(block, "      check_driver_availability(n) if vehicle == :car"),
        in_repo_match(loop, "    while Time.new - start_time < n * 10"),
    ]
    table = cpu_table([middleware, block, loop]).model_copy(update={"sample_type": "samples"})
    inside = (99.6 - own) / 99.6
    stacks = Nesting(shares={"1>2": inside, "1>3": 25.7 / 99.6, "2>3": 25.7 / (99.6 - own)})
    return table, matches, stacks


def test_a_tracing_middleware_around_every_request_does_not_explain_the_code_it_wraps() -> None:
    table, matches, stacks = _middleware_table(own=0.0)
    findings = analyse(table, matches, knowledge.lookup, nesting=stacks, family="cpu")

    code = _code(findings)
    assert code and {f.kind for f in code} == {"cpu_hotspot"}
    # Its cum is the app's: with no time of its own it is no finding, and never the lead.
    assert findings[0].code_refs
    assert all(f.kind != "other" for f in findings)


def test_a_tracing_middleware_s_own_time_is_its_weight_not_the_request_it_wraps() -> None:
    table, matches, stacks = _middleware_table(own=8.0)
    findings = analyse(table, matches, knowledge.lookup, nesting=stacks, family="cpu")

    overhead = next(f for f in findings if f.kind == "other")
    assert overhead.weight_pct == 8.0
    assert "instrumentation" in overhead.recommendation
    assert findings[0].code_refs and findings.index(overhead) > 0


def test_a_goroutine_profile_calls_goroutines_waiting_for_a_lock_contention_not_a_leak() -> None:
    # A goroutine parked on a mutex waits for a holder that runs; one parked on a channel
    # waits for a send that may never come (test_analyst_profile_types pins that one a leak).
    waiter = top_row(1, "main.fastFunction", "main.go", 27, 0, 10)
    sema = top_row(2, "runtime.semacquire1", "runtime/sema.go", 160, 0, 10)
    park = top_row(3, "runtime.gopark", "runtime/proc.go", 381, 10, 10)
    matches = [
        in_repo_match(waiter, "\tmu.Lock()"),
        library_match(sema, "runtime"),
        library_match(park, "runtime"),
    ]
    table = cpu_table([waiter, sema, park]).model_copy(
        update={"sample_type": "goroutine", "sample_unit": "count"}
    )
    stacks = Nesting(shares={"1>2": 1.0, "1>3": 1.0, "2>3": 1.0})
    findings = analyse(table, matches, knowledge.lookup, nesting=stacks, family="goroutine")

    code = _code(findings)
    assert [f.kind for f in code] == ["lock_contention"]
    assert "goroutines waiting for this lock" in code[0].explanation
    assert "buffer of one" not in code[0].recommendation


def test_every_language_s_way_of_taking_a_lock_is_read_as_one() -> None:
    lines = [
        "\tmu.Lock()",  # Go
        "        with self._lock:",  # Python
        "    lock synchronized {",  # Scala (Kafka's UnifiedLog)
        "    synchronized (this) {",  # Java
        "    stateLock.lock();",  # Java ReentrantLock
        "    @mutex.synchronize do",  # Ruby
        "        lock (_gate)",  # C#
        "        Monitor.Enter(_gate);",  # C#
        "    let mut guard = state.lock().unwrap();",  # Rust
    ]
    kinds = patterns.pattern_kinds("delay")
    found = {line: patterns.explain_line(line, kinds) for line in lines}
    assert {line: p.kind if p else None for line, p in found.items()} == dict.fromkeys(
        lines, "lock_contention"
    )
    # Neither a release nor a word containing "lock" is a lock taken.
    for line in ("\tt.unlock()", "    block(items)", "    clock.Now()"):
        assert patterns.explain_line(line, kinds) is None, line


def test_a_codec_or_encoder_in_an_allocation_profile_is_allocation_pressure() -> None:
    from profile_insights.agent.analysis.code_findings import adapt_kind

    assert adapt_kind("compression", "alloc") == "allocation_pressure"
    assert adapt_kind("serialization", "alloc") == "allocation_pressure"
    assert adapt_kind("compression", "cpu") == "compression"
