"""Helpers on tree-sitter nodes of any grammar: their text, names, calls and callbacks.

:mod:`~profile_insights.agent.code.collector` and :mod:`~profile_insights.agent.code.structure`
read syntax trees through these, so that one grammar's field names are handled in one place.
"""

from __future__ import annotations

import re
from typing import Any

from profile_insights.agent.code.syntax import SyntaxTable

_SPACE = re.compile(r"\s+")


def node_text(node: Any, limit: int = 240) -> str:
    """Return a node's source on one line, cut at ``limit`` characters."""
    return _SPACE.sub(" ", node.text.decode("utf-8", "replace"))[:limit]


def function_name(node: Any) -> str:
    """Return the name a function node is defined under (``const f = () => ...`` too)."""
    name = node.child_by_field_name("name")
    if name is None and node.parent is not None:
        name = node.parent.child_by_field_name("name")
    return node_text(name, 80) if name is not None else "(anonymous)"


def call_parts(node: Any) -> tuple[str, str, str, str]:
    """Return (callee, name, receiver, arguments) of a call node of any grammar."""
    target = (
        node.child_by_field_name("function")
        or node.child_by_field_name("macro")
        or node.child_by_field_name("constructor")
        or node.child_by_field_name("type")
    )
    receiver_node = node.child_by_field_name("object") or node.child_by_field_name("receiver")
    name_node = node.child_by_field_name("name") or node.child_by_field_name("method")
    if target is not None:
        callee = node_text(target, 120)
    elif name_node is not None:
        callee = (node_text(receiver_node, 100) + "." if receiver_node else "") + node_text(
            name_node, 60
        )
    else:
        callee = node_text(node.children[0], 120) if node.children else ""
    # Paths: a.b.c(), Rust's Regex::new(), Ruby's Foo::Bar.new, C++'s std::sort().
    head, _, name = callee.replace("::", ".").rpartition(".")
    if name_node is not None:
        name = node_text(name_node, 60)
    receiver = node_text(receiver_node, 100) if receiver_node is not None else head
    arguments = node.child_by_field_name("arguments")
    return callee, name or callee, receiver, node_text(arguments, 200) if arguments else ""


def walk_named(node: Any) -> list[Any]:
    """Return the named nodes under ``node``, in source order (the node first)."""
    found, stack = [], [node]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(reversed(current.named_children))
    return found


def has_function_argument(node: Any, table: SyntaxTable) -> bool:
    """Return whether a call passes a function (or a Ruby block) as an argument."""
    arguments = node.child_by_field_name("arguments")
    blocks = [c for c in node.children if c.type in ("do_block", "block")]
    if blocks:
        return True
    if arguments is None:
        return False
    stack = list(arguments.children)
    while stack:
        child = stack.pop()
        if child.type in table.functions:
            return True
        if child.type == "argument":
            stack.extend(child.children)
    return False


def is_iteration_callback(node: Any, table: SyntaxTable) -> bool:
    """Return whether a function node is the argument of an iteration method (a loop body)."""
    parent = node.parent
    while parent is not None and parent.type in ("arguments", "argument_list", "argument"):
        parent = parent.parent
    if parent is None or parent.type not in table.calls:
        return False
    return call_parts(parent)[1] in table.iteration_methods


#: Node types of a call expression, in the grammars read.
CALL_NODES = frozenset({"method_invocation", "invocation_expression", "call_expression", "call"})
#: Calls that compare two values for equality (a constant-time compare is one too).
EQUALITY_CALLS = frozenset(
    {"equals", "Equals", "EqualFold", "eql?", "Equal", "compare_digest", "timingSafeEqual",
     "ConstantTimeCompare"}
)  # fmt: skip
#: Inequality operators: a comparison too, for what a function tests (``crc&1 != 0``).
INEQUALITY = frozenset({"!=", "!=="})
#: Calls that keep what they are given in the container they are called on.
KEEPING_CALLS = re.compile(
    r"^(append|appendleft|add|push|put|offer|enqueue|insert|extend|setdefault|record|store|"
    r"save|remember|track|Add|Push|Put|Enqueue|Insert|Record|Store)$"
)
