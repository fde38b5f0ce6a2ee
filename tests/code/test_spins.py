"""A loop spins when a path of its body goes back to its top doing and waiting for nothing."""

from __future__ import annotations

import pytest

from profile_insights.agent.code.spins import spins
from profile_insights.agent.code.syntax import parser_for

GO = "package p\nfunc f() { "
NOWAIT = "    try:\n        item = self.q.%s\n    except queue.Empty:\n        continue\n"
_LOOPS = {"for_statement", "while_statement", "for_in_statement"}


def _first_loop(grammar: str, source: str) -> object:
    parser = parser_for(grammar)
    assert parser is not None, f"no {grammar} grammar"
    stack = [parser.parse(source.encode()).root_node]
    while stack:
        node = stack.pop(0)
        if node.type in _LOOPS:
            return node
        stack.extend(node.children)
    raise AssertionError("no loop")


@pytest.mark.parametrize(
    ("grammar", "source", "spinning"),
    [
        ("go", f"{GO}for {{ select {{ case x := <-ch: use(x)\n default: }} }} }}\n", True),
        ("go", f"{GO}for {{ select {{ case x := <-ch: use(x)\n case <-q: return }} }} }}\n", False),
        ("go", "package p\nfunc f() { for !ready.Load() { } }\n", True),
        ("javascript", "while (!done) { if (!q.length) continue; work(); }", True),
        ("python", "while self.r:\n    if not self.q:\n        continue\n    x()\n", True),
        ("python", "while self.r:\n    if not self.q.wait(1):\n        continue\n    x()\n", False),
        ("python", "while self.r:\n    item = self.q.get()\n    x(item)\n", False),
        ("python", f"while self.r:\n{NOWAIT % 'get_nowait()'}    x(item)\n", True),
        ("python", f"while self.r:\n{NOWAIT % 'get(timeout=1)'}    x(item)\n", False),
    ],
)  # fmt: skip
def test_a_path_back_to_the_top_that_neither_works_nor_waits_spins(
    grammar: str, source: str, spinning: bool
) -> None:
    assert spins(_first_loop(grammar, source)) is spinning
