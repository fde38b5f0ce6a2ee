"""The facts of a hot function, read from its syntax in each language the analyst parses."""

from __future__ import annotations

from pathlib import Path

import pytest

from profile_insights.agent.code.facts import FunctionFacts
from profile_insights.agent.code.structure import function_facts


def _facts(
    tmp_path: Path, name: str, source: str, line: int, function: str | None = None
) -> FunctionFacts:
    (tmp_path / name).write_text(source)
    facts = function_facts(tmp_path, name, line, function)
    assert facts is not None
    return facts


def test_a_go_method_gives_its_loop_calls_and_the_lock_held_until_return(tmp_path: Path) -> None:
    source = (
        "package p\n"
        "func (s *Store) Find(id string) *Item {\n"
        "\ts.mu.Lock()\n"
        "\tdefer s.mu.Unlock()\n"
        "\tfor _, it := range s.items {\n"
        "\t\tif it.ID == id {\n"
        "\t\t\treturn it\n"
        "\t\t}\n"
        "\t}\n"
        "\treturn nil\n"
        "}\n"
    )
    facts = _facts(tmp_path, "store.go", source, 6)
    assert (facts.name, facts.start_line, facts.end_line) == ("Find", 2, 11)
    (loop,) = facts.loops_around(6)
    assert loop.collection.endswith("s.items") and loop.compares_and_exits
    lock = facts.lock_at(6)
    assert lock is not None and lock.lock == "s.mu" and lock.end_line >= 10
    # The statement at the line, as one line of text.
    assert facts.statement.startswith("if it.ID == id { return it }")


@pytest.mark.parametrize(
    ("name", "source", "line", "lock"),
    [
        (
            "w.py",
            "def save(self):\n    with self.lock:\n        write(self.rows)\n",
            3,
            "self.lock",
        ),
        (
            "W.java",
            "class W {\n  void save() {\n    synchronized (this.rows) {\n      write(rows);\n"
            "    }\n  }\n}\n",
            4,
            "this.rows",
        ),
        (
            "W.cs",
            "class W {\n  void Save() {\n    lock (gate) {\n      Write(rows);\n    }\n  }\n}\n",
            4,
            "gate",
        ),
        (
            "w.rb",
            "def save\n  @mutex.synchronize do\n    write(@rows)\n  end\nend\n",
            3,
            "@mutex",
        ),
    ],
)
def test_a_lock_region_is_found_in_each_language(
    tmp_path: Path, name: str, source: str, line: int, lock: str
) -> None:
    region = _facts(tmp_path, name, source, line).lock_at(line)
    assert region is not None and lock in region.lock


def test_an_iteration_callback_is_a_loop_of_its_function_not_a_function(tmp_path: Path) -> None:
    source = (
        "function total(rows) {\n  let t = 0;\n  rows.forEach((r) => {\n    t += r.n;\n  });\n"
        "  return t;\n}\n"
    )
    facts = _facts(tmp_path, "t.js", source, 4)
    assert facts.name == "total"
    (loop,) = facts.loops_around(4)
    assert loop.kind == "callback" and loop.collection == "rows"
    (update,) = facts.updates
    assert (update.target, update.operator, update.loop_depth) == ("t", "+=", 1)


def test_a_python_membership_test_in_a_loop_is_recorded(tmp_path: Path) -> None:
    source = "def keep(rows, banned):\n    return [r for r in rows if r.user not in banned]\n"
    facts = _facts(tmp_path, "k.py", source, 2)
    (member,) = facts.memberships
    assert member.collection == "banned" and member.loop_depth == 1


def test_go_channel_sends_and_receives_are_calls(tmp_path: Path) -> None:
    source = "package p\nfunc Pass(in, out chan int) {\n\tv := <-in\n\tout <- v\n}\n"
    calls = {(c.name, c.receiver) for c in _facts(tmp_path, "c.go", source, 3).calls}
    assert {("<-", "in"), ("send", "out")} <= calls


def test_a_callback_knows_the_call_it_is_registered_with(tmp_path: Path) -> None:
    source = (
        "function subscribe(bus) {\n  bus.on('tick', function onTick(e) {\n    log(e);\n  });\n}\n"
    )
    facts = _facts(tmp_path, "s.js", source, 3, "onTick")
    assert facts.name == "onTick"
    assert facts.passed_to is not None and facts.passed_to.name == "on"
    assert "on" in facts.caller_calls


def test_files_of_languages_without_a_grammar_or_outside_functions_give_none(
    tmp_path: Path,
) -> None:
    (tmp_path / "notes.txt").write_text("hello\n")
    (tmp_path / "top.py").write_text("import os\nprint(os.getcwd())\n")
    assert function_facts(tmp_path, "notes.txt", 1) is None
    assert function_facts(tmp_path, "top.py", 2) is None
    assert function_facts(tmp_path, "../outside.py", 1) is None


@pytest.mark.parametrize(
    ("file", "source"),
    [
        ("holds.go", "package p\nfunc (t *T) Close(id int) {\n\tdelete(t.open, id)\n}\n"
         "func (t *T) Open(id int) {\n\tt.open[id] = 1\n}\n"),
        ("holds.py", "class T:\n    def close(self, k):\n        del self.open[k]\n\n"
         "    def open_(self, k):\n        self.open[k] = 1\n"),
        ("holds.js", "class T {\n  close(k) { this.open.delete(k); }\n\n"
         "  open_(k) { this.open.set(k, 1); }\n}\n"),
    ],
)  # fmt: skip
def test_entries_another_function_removes_are_known_by_field(
    tmp_path: Path, file: str, source: str
) -> None:
    (tmp_path / file).write_text(source)
    adding = next(
        n for n, text in enumerate(source.splitlines(), 1) if "= 1" in text or "1)" in text
    )
    facts = function_facts(tmp_path, file, adding)
    assert facts is not None
    assert "open" in facts.removed_in_file


EARLY_RETURN_UNLOCK = """package p
func (l *Ledger) Reserve(sku string, qty int) error {
	l.mu.Lock()
	left := l.onHand[sku]
	if left < qty {
		l.mu.Unlock()
		return errShort
	}
	l.onHand[sku] = left - qty
	l.journal = append(l.journal, chain(l.journal))
	l.mu.Unlock()
	return nil
}
"""


def test_an_unlock_on_an_early_return_does_not_end_the_region_held_below(tmp_path: Path) -> None:
    facts = _facts(tmp_path, "ledger.go", EARLY_RETURN_UNLOCK, 10)
    assert [(r.line, r.end_line) for r in facts.locks] == [(3, 11)]
