"""Findings fit the profile type (waiting, allocation, goroutine and mutex profiles)."""

from __future__ import annotations

from profile_insights.agent.analysis import knowledge
from profile_insights.agent.analysis.analyst import analyse
from profile_insights.agent.analysis.summary import summary_sentence
from profile_insights.agent.code.models import CodeWindow, SourceMatch
from profile_insights.agent.profiles.nesting import Nesting
from tests.analysis.analyst_helpers import in_repo_match, library_match
from tests.tables import cpu_table, top_row


def test_a_mutex_profile_names_the_lock_not_a_string_format_in_the_caller() -> None:
    # Go charges mutex delay to the unlocker: a deferred Unlock runs at "return true".
    driver = top_row(1, "main.traffic.func4", "cmd/inventory/main.go", 113, 0, 100)
    reserve = top_row(2, "stock.(*Ledger).Reserve", "internal/stock/ledger.go", 39, 0, 100)
    unlock = top_row(3, "sync.(*Mutex).Unlock", "sync/mutex.go", 223, 100, 100)
    window = CodeWindow(
        path="internal/stock/ledger.go",
        start_line=24,
        focus_line=39,
        lines=[
            "func (l *Ledger) Reserve(sku string, qty int) bool {",
            "\tl.mu.Lock()",
            "\tdefer l.mu.Unlock()",
            *["\tl.audit = sha256.Sum256(append(l.audit[:], l.journal...))"] * 12,
            "\treturn true",
        ],
    )
    matches = [
        in_repo_match(driver, '\treturn func(i int) { l.Reserve(fmt.Sprintf("SKU-%03d", i), 1) }'),
        in_repo_match(reserve, "\treturn true").model_copy(update={"window": window}),
        SourceMatch(
            function="sync.(*Mutex).Unlock",
            profile_file="sync/mutex.go",
            line=223,
            kind="stdlib",
            language="go",
        ),
    ]
    table = cpu_table([driver, reserve, unlock]).model_copy(update={"sample_type": "delay"})
    # All three rows carry 100%: only the stacks say the driver calls Reserve, not the reverse.
    stacks = Nesting(shares={"1>2": 1.0, "1>3": 1.0, "2>3": 1.0})
    findings = analyse(table, matches, knowledge.lookup, nesting=stacks)

    assert {f.kind for f in findings} == {"lock_contention"}
    code = next(f for f in findings if f.code_refs)
    assert code.code_refs == ["internal/stock/ledger.go:39", "internal/stock/ledger.go:25"]
    assert "l.mu.Lock()" in code.explanation


def test_a_goroutine_profile_calls_goroutines_parked_on_a_channel_a_leak() -> None:
    # A result channel nobody reads after a timeout: the goroutine profile counts the senders.
    send = top_row(1, "resolve.Lookup.func1", "internal/resolve/resolve.go", 10, 0, 99.9)
    park = top_row(2, "runtime.gopark", "runtime/proc.go", 363, 99.9, 99.9)
    matches = [
        in_repo_match(send, "\t\tresult <- backend(name)"),
        SourceMatch(
            function="runtime.gopark",
            profile_file="runtime/proc.go",
            line=363,
            kind="runtime",
            language="go",
        ),
    ]
    table = cpu_table([send, park]).model_copy(
        update={"sample_type": "goroutine", "sample_unit": "count"}
    )
    findings = analyse(table, matches, knowledge.lookup, nesting=Nesting(shares={"1>2": 1.0}))

    code = next(f for f in findings if f.code_refs)
    assert code.code_refs == ["internal/resolve/resolve.go:10"]
    assert code.kind == "goroutine_leak"
    assert "buffer of one" in code.recommendation
    assert {f.kind for f in findings} == {"goroutine_leak"}


def test_a_lock_released_through_a_one_line_helper_is_reported_where_it_is_held() -> None:
    driver = top_row(1, "main.load.func1", "cmd/quota/main.go", 50, 0, 100)
    add = top_row(2, "usage.(*Tracker).Add", "internal/usage/usage.go", 29, 0, 100)
    helper = top_row(3, "usage.(*Tracker).unlock", "internal/usage/usage.go", 19, 0, 100)
    unlock = top_row(4, "sync.(*Mutex).Unlock", "sync/mutex.go", 223, 100, 100)
    add_window = CodeWindow(
        path="internal/usage/usage.go",
        start_line=22,
        focus_line=29,
        lines=[
            "func (t *Tracker) Add(tenant string, n int) {",
            "\tt.lock()",
            *["\tkey = sha1.Sum(key[:])"] * 5,
            "\tt.unlock()",
        ],
    )
    helper_window = CodeWindow(
        path="internal/usage/usage.go",
        start_line=18,
        focus_line=19,
        lines=[
            "func (t *Tracker) lock()   { t.mu.Lock() }",
            "func (t *Tracker) unlock() { t.mu.Unlock() }",
        ],
    )
    matches = [
        in_repo_match(driver, '\t\t\t\tt.Add("tenant", 1)'),
        in_repo_match(add, "\tt.unlock()").model_copy(update={"window": add_window}),
        in_repo_match(helper, "").model_copy(update={"window": helper_window}),
        SourceMatch(
            function="sync.(*Mutex).Unlock",
            profile_file="sync/mutex.go",
            line=223,
            kind="stdlib",
            language="go",
        ),
    ]
    table = cpu_table([driver, add, helper, unlock]).model_copy(update={"sample_type": "delay"})
    stacks = Nesting(
        shares={"1>2": 1.0, "1>3": 1.0, "1>4": 1.0, "2>3": 1.0, "2>4": 1.0, "3>4": 1.0}
    )
    findings = analyse(table, matches, knowledge.lookup, nesting=stacks)

    code = next(f for f in findings if f.code_refs)
    # Add holds the lock from line 23 to 29; the helper on line 18 is another function.
    assert code.code_refs == ["internal/usage/usage.go:29", "internal/usage/usage.go:23"]
    assert "`t.lock()`" in code.explanation


def test_a_server_loop_in_a_cpu_profile_is_not_io_wait_but_a_syscall_is() -> None:
    # serve_forever's cum is the whole program's work; only time in waiting frames is waiting.
    loop = top_row(1, "socketserver.py:-1 - serve_forever", "socketserver.py", 237, 0, 100)
    work = top_row(2, "lib/utility.py:-1 - find_nearest_vehicle", "lib/utility.py", 32, 54, 54)
    table = cpu_table([loop, work])
    findings = analyse(
        table, [library_match(loop), library_match(work, "unknown")], knowledge.lookup
    )
    assert all(f.kind != "io_wait" for f in findings)

    syscall = top_row(3, "syscall.Syscall", "syscall/syscall_linux.go", 90, 20, 20)
    table = cpu_table([loop, work, syscall])
    matches = [library_match(loop), library_match(work, "unknown"), library_match(syscall)]
    waits = [f for f in analyse(table, matches, knowledge.lookup) if f.kind == "io_wait"]
    assert waits and "20.0% self" in waits[0].title


def test_an_allocation_profile_has_no_cpu_findings_from_library_frames() -> None:
    sort = top_row(1, "sort.Slice", "sort/slice.go", 23, 0, 25)
    decode = top_row(2, "encoding/json.Unmarshal", "encoding/json/decode.go", 101, 0, 60)
    table = cpu_table([sort, decode]).model_copy(update={"sample_type": "alloc_space"})
    kinds = {
        f.kind
        for f in analyse(table, [library_match(sort), library_match(decode)], knowledge.lookup)
    }
    assert kinds == {"serialization"}


def test_with_nothing_in_the_checkout_the_summary_names_the_code_with_most_self_time() -> None:
    loop = top_row(1, "socketserver.py:-1 - serve_forever", "socketserver.py", 237, 0, 100)
    hot = top_row(2, "find_nearest_vehicle", "lib/utility.py", 32, 41, 41)
    also = top_row(3, "find_nearest_vehicle", "lib/utility.py", 33, 12, 12)
    table = cpu_table([loop, hot, also])
    matches = [library_match(loop), library_match(hot, "unknown"), library_match(also, "unknown")]
    text = summary_sentence(
        table, matches, [], service="rideshare", type_label="CPU", window="now-1h..now"
    )
    assert "No row of the top table maps to a file of this checkout." in text
    assert "`find_nearest_vehicle` (lib/utility.py:32, 53.0% self)" in text
    assert "--repo" in text
