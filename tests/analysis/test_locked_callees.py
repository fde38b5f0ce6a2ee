"""Work a function of the checkout does while its caller holds a lock is named by what it does."""

from __future__ import annotations

from pathlib import Path

from profile_insights.agent.analysis.code_findings import locked_work
from profile_insights.agent.analysis.constructs import HotCode
from profile_insights.agent.analysis.recognisers_locks import lock_held
from profile_insights.agent.code.structure import function_facts

LEDGER = """package ledger

type Budget struct {
	mu      sync.Mutex
	limit   int64
	entries []Entry
}

func (b *Budget) Book(e Entry) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.spent()+e.Cents > b.limit {
		return ErrOver
	}
	b.entries = append(b.entries, e)
	return nil
}
"""

SPENT = """package ledger

func (b *Budget) spent() int64 {
	var sum int64
	for i := range b.entries {
		sum += b.entries[i].Cents
	}
	return sum
}
"""


def test_a_callee_re_summing_kept_data_under_the_lock_is_the_named_work(tmp_path: Path) -> None:
    (tmp_path / "ledger.go").write_text(LEDGER)
    # Defined in another file of the checkout: found by its one definition.
    (tmp_path / "totals.go").write_text(SPENT)
    facts = function_facts(tmp_path, "ledger.go", 11)
    assert facts is not None
    assert [(line, name) for line, name, _ in facts.locked_callees] == [(12, "spent")]
    called = locked_work(facts)
    assert [construct.key for _, _, construct in called] == ["aggregate-per-call"]
    code = HotCode(facts, (11,), "mutex", weights={11: 90.0}, called=called)
    construct = lock_held(code)
    assert construct is not None and construct.key == "work-under-lock"
    assert "calls `spent` (ledger.go:12), which" in construct.what
    assert "totals.go:" in construct.what
    assert "running" in construct.fix and "critical section" in construct.fix


def test_a_callee_doing_nothing_recognised_adds_nothing(tmp_path: Path) -> None:
    (tmp_path / "ledger.go").write_text(LEDGER)
    (tmp_path / "totals.go").write_text(
        "package ledger\n\nfunc (b *Budget) spent() int64 {\n\treturn b.total\n}\n"
    )
    facts = function_facts(tmp_path, "ledger.go", 11)
    assert facts is not None and facts.locked_callees
    assert locked_work(facts) == ()


def test_calls_on_other_objects_under_the_lock_are_not_followed(tmp_path: Path) -> None:
    source = LEDGER.replace("b.spent()", "b.audit.spent()")
    (tmp_path / "ledger.go").write_text(source)
    (tmp_path / "totals.go").write_text(SPENT)
    facts = function_facts(tmp_path, "ledger.go", 11)
    assert facts is not None and facts.locked_callees == ()


def test_a_sleep_under_the_lock_outweighs_a_callee_that_only_allocates(tmp_path: Path) -> None:
    source = LEDGER.replace(
        "\tif b.spent()+e.Cents > b.limit {",
        "\tmsg := encode(e)\n\ttime.Sleep(b.pause)\n\tif msg == nil {",
    )
    (tmp_path / "ledger.go").write_text(source)
    (tmp_path / "encode.go").write_text(
        "package ledger\n\nfunc encode(e Entry) []byte {\n\tb := make([]byte, 0, 160)\n"
        "\treturn append(b, e.Name...)\n}\n"
    )
    facts = function_facts(tmp_path, "ledger.go", 11)
    assert facts is not None
    code = HotCode(facts, (11,), "mutex", weights={11: 90.0}, called=locked_work(facts))
    construct = lock_held(code)
    assert construct is not None and "time.Sleep" in construct.what
    # The callee's buffer is no reason the lock is held long: the sleep is.
    assert construct.title.startswith("Slow work done while holding")


def test_a_deferred_unlock_holds_the_lock_through_the_return(tmp_path: Path) -> None:
    source = (
        "package orders\n\nfunc (s *Store) Sheet(n string) string {\n\ts.mu.Lock()\n"
        "\tdefer s.mu.Unlock()\n\to := s.orders[n]\n\to.Printed++\n"
        "\treturn renderSheet(o.Lines)\n}\n"
    )
    (tmp_path / "sheet.go").write_text(source)
    facts = function_facts(tmp_path, "sheet.go", 8)
    assert facts is not None
    construct = lock_held(HotCode(facts, (8,), "mutex", weights={8: 95.0}))
    assert construct is not None and construct.key == "work-under-lock"
    assert "on every call, from" in construct.what
    assert "its Unlock is deferred (sheet.go:5)" in construct.what
    assert construct.fix.startswith("Unlock explicitly right after the shared-state step")
