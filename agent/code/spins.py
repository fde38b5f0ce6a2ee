"""Loops that spin: a path back to the loop's top that waits for nothing (a busy-wait).

``while running: if not queue: continue`` re-tests an empty queue as fast as the CPU allows,
and so does Go's ``for { select { case j := <-jobs: ...; default: } }`` or an empty
``while (!done) {}``: the thread burns a core doing nothing until there is work.
"""

from __future__ import annotations

import re
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


#: Calls that only read state (no waiting): a length, an atomic load, an emptiness test.
_READS = re.compile(r"^(len|Len|Load\w*|empty|isEmpty|is_empty|size|qsize|bool|not)$")
#: Nodes that make the loop progress or wait when they run before a ``continue``.
_ASSIGNMENTS = {
    "assignment", "augmented_assignment", "assignment_statement", "short_var_declaration",
    "assignment_expression", "augmented_assignment_expression", "update_expression",
    "inc_statement", "dec_statement", "expression_statement",
}  # fmt: skip


def _waits_or_works(node: Any) -> bool:
    """Return whether running ``node`` calls something that is not a plain read, or awaits."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in ("await", "await_expression", "receive_statement", "unary_expression"):
            text = current.text.decode("utf-8", "replace") if current.text else ""
            if current.type != "unary_expression" or text.startswith("<-"):
                return True
        if current.type in _CALLS:
            function = current.child_by_field_name("function") or current.child_by_field_name(
                "name"
            )
            name = function.text.decode("utf-8", "replace").split(".")[-1] if function else ""
            if not _READS.match(name):
                return True
        stack.extend(current.children)
    return False


def _progresses(loop: Any, before: list[Any]) -> bool:
    """Return whether the loop's state moves on each pass (an update clause, an assignment)."""
    update = loop.child_by_field_name("update") or loop.child_by_field_name("increment")
    if update is not None:
        return True
    for clause in loop.named_children:
        if clause.type == "for_clause" and clause.child_by_field_name("update") is not None:
            return True
    return any(s.type in _ASSIGNMENTS and s.type != "expression_statement" for s in before) or any(
        s.type == "expression_statement"
        and s.named_children
        and s.named_children[0].type in _ASSIGNMENTS
        for s in before
    )


#: Non-blocking takes: they return (or raise) at once when there is nothing to take.
_NOWAIT = re.compile(r"(_nowait|NoWait|Nowait|^try_?(get|recv|receive|pop|lock|acquire))$")


def _polls_without_waiting(statement: Any) -> bool:
    """Return whether a try takes without waiting and its handler goes straight back."""
    body = statement.child_by_field_name("body")
    handlers = [c for c in statement.named_children if c.type == "except_clause"]
    if body is None or not handlers:
        return False
    idle = any(
        _does_nothing(block)
        for handler in handlers
        for block in handler.named_children
        if block.type == "block"
    )
    names = []
    stack = [body]
    while stack:
        current = stack.pop()
        if current.type in _CALLS:
            function = current.child_by_field_name("function")
            if function is not None and function.text:
                names.append(function.text.decode("utf-8", "replace").split(".")[-1])
        stack.extend(current.children)
    return idle and any(_NOWAIT.search(name) for name in names)


def spins(loop: Any) -> bool:
    """Return whether a loop has a path back to its top that neither works, waits nor advances.

    The path is the loop's condition and the statements before a bare ``continue`` (or an
    empty ``default:`` of a select that is the whole body): nothing on it may call or await
    anything but plain reads (``len``, an atomic load), nor assign the loop's state.
    """
    body = loop.child_by_field_name("body")
    if body is None:
        return False
    condition = loop.child_by_field_name("condition")
    for clause in loop.named_children:
        if clause.type == "for_clause":
            condition = clause.child_by_field_name("condition")
    if condition is not None and _waits_or_works(condition):
        return False
    statements = _statements(body)
    if not statements:
        return loop.type in ("while_statement", "for_statement")  # while (!done) {}
    for index, statement in enumerate(statements):
        before = statements[:index]
        if any(_waits_or_works(s) for s in before) or _progresses(loop, before):
            return False
        if statement.type == "try_statement" and _polls_without_waiting(statement):
            return True  # try: q.get_nowait() except Empty: continue
        if statement.type == "if_statement":
            branch = statement.child_by_field_name("consequence")
            test = statement.child_by_field_name("condition")
            if (
                branch is not None
                and _does_nothing(branch)
                and not (test is not None and _waits_or_works(test))
            ):
                return True
        if statement.type == "select_statement" and len(statements) == 1:
            cases = statement.named_children
            if any(c.type == "default_case" and not _statements(c) for c in cases):
                return True
    return False
