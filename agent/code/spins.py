"""Loops that spin: a path back to the loop's top that waits for nothing (a busy-wait).

``while running: if not queue: continue`` re-tests an empty queue as fast as the CPU allows,
and so does Go's ``for { select { case j := <-jobs: ...; default: } }`` or an empty
``while (!done) {}``: the thread burns a core doing nothing until there is work.
"""

from __future__ import annotations

from typing import Any

#: Node types of a call, in the grammars read (a condition calling something may block).
_CALLS = {"call", "call_expression", "method_invocation", "invocation_expression"}
#: Statements that go back to the loop's top (or do nothing).
_NOTHING = {"continue_statement", "pass_statement", "empty_statement", "comment", "{", "}", ";"}


def _statements(block: Any) -> list[Any]:
    """Return the statements of a block (Go wraps them in a statement list)."""
    children = [c for c in block.named_children if c.type != "comment"]
    if len(children) == 1 and children[0].type == "statement_list":
        return [c for c in children[0].named_children if c.type != "comment"]
    return children


def _does_nothing(node: Any) -> bool:
    """Return whether a branch only goes back to the top (``continue``, ``pass``, nothing)."""
    if node.type in _NOTHING:
        return True
    if node.type in ("block", "statement_block", "statement_list"):
        return all(_does_nothing(child) for child in node.named_children)
    return False


def _calls_in(node: Any) -> bool:
    """Return whether an expression calls anything."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in _CALLS:
            return True
        stack.extend(current.children)
    return False


def spins(loop: Any) -> bool:
    """Return whether a loop has a path back to its top that neither works nor waits."""
    body = loop.child_by_field_name("body")
    if body is None:
        return False
    statements = _statements(body)
    if not statements and loop.type in ("while_statement", "for_statement"):
        condition = loop.child_by_field_name("condition")
        return condition is None or not _calls_in(condition)  # while (!done) {}
    for statement in statements:
        if statement.type == "if_statement":
            branch = statement.child_by_field_name("consequence")
            condition = statement.child_by_field_name("condition")
            if (
                branch is not None
                and _does_nothing(branch)
                and not (condition is not None and _calls_in(condition))
            ):
                return True
        if statement.type == "select_statement":
            for case in statement.named_children:
                if case.type == "default_case" and not _statements(case)[0:1]:
                    return True
    return False
