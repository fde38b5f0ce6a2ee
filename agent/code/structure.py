"""The structure of a hot function: its loops, calls, updates and lock regions, from its syntax.

:func:`function_facts` parses the file (tree-sitter, :mod:`~profile_insights.agent.code.syntax`)
and describes the function around a profiled line in terms every language shares, so the
analyst can say "this line runs inside a loop over ``self.items`` and compares each element
with the key" instead of matching the line's text. Callbacks of iteration methods
(``xs.forEach(...)``, ``xs.each do ... end``) count as loops, not as functions of their own.
Files are read inside the checkout only (:mod:`~profile_insights.agent.code.reader`).
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from profile_insights.agent.code.collector import FactsCollector
from profile_insights.agent.code.containers import assigned_fields, hashed_names
from profile_insights.agent.code.facts import Call, FunctionFacts, field_path
from profile_insights.agent.code.frame_names import parse_frame
from profile_insights.agent.code.nodes import (
    KEEPING_CALLS,
    call_parts,
    function_name,
    is_iteration_callback,
)
from profile_insights.agent.code.queues import advanced_queues
from profile_insights.agent.code.reader import safe_path
from profile_insights.agent.code.regexes import backtracking_patterns
from profile_insights.agent.code.syntax import TABLES, SyntaxTable, grammar_for, parser_for
from profile_insights.agent.code.usages import (
    definition_near,
    definition_of,
    mentioned_elsewhere,
)
from profile_insights.agent.errors import RepositoryAccessError

#: Largest source file parsed (bytes); bigger ones are read as text only.
MAX_PARSED_BYTES = 2 * 1024 * 1024


@lru_cache(maxsize=32)
def _tree(path: str, size: int, mtime_ns: int, grammar: str) -> Any:
    parser = parser_for(grammar)
    if parser is None:
        return None
    return parser.parse(Path(path).read_bytes())


def function_facts(
    repo: Path, rel_path: str, line: int, function: str | None = None, *, follow: bool = True
) -> FunctionFacts | None:
    """Return the facts of the function holding ``line`` of a checkout file, or None.

    None when the file's language has no grammar installed, the file is too large, the line
    is outside any function, or the file cannot be read inside the checkout. ``function`` (the
    profile's frame name) picks, among functions nested on that line (a lambda passed as a
    sort key), the one the profile names; without it, the innermost.
    """
    grammar = grammar_for(rel_path)
    if grammar is None:
        return None
    try:
        path = safe_path(repo.resolve(), rel_path)
        stat = path.stat()
    except (RepositoryAccessError, OSError):
        return None
    if stat.st_size > MAX_PARSED_BYTES:
        return None
    tree = _tree(str(path), stat.st_size, stat.st_mtime_ns, grammar)
    if tree is None:
        return None
    table = TABLES[grammar]
    node = _enclosing_function(tree.root_node, line - 1, table, _frame_name(function, rel_path))
    if node is None:
        return None
    facts = FactsCollector(grammar, rel_path, table, node).facts(line)
    found = _removed_in_file(str(path), stat.st_size, stat.st_mtime_ns, grammar)
    root = str(repo.resolve())
    facts = dataclasses.replace(
        facts,
        **_removal_facts(found, facts.name, root, grammar),
        backtracking_patterns=backtracking_patterns(str(path), stat.st_size, stat.st_mtime_ns),
        hashed_in_file=hashed_names(str(path), stat.st_size, stat.st_mtime_ns),
        fields_in_file=assigned_fields(str(path), stat.st_size, stat.st_mtime_ns),
    )
    if follow:
        facts = dataclasses.replace(
            facts,
            kept_via=_kept_via(repo, root, grammar, facts),
            locked_callees=_locked_callees(repo, root, grammar, facts),
            queued_via=_queued_via(repo, root, grammar, facts),
        )
    return _with_registration(facts, node, table, grammar, rel_path)


def _removal_facts(found: frozenset[Removal], name: str, root: str, grammar: str) -> dict[str, Any]:
    """Return the facts the file's removals give a function named ``name`` of it."""
    removing = {r for r in found if r.how in ("remove", "reslice")}
    removed = {(r.field, r.function) for r in removing}
    return {
        "removed_in_file": frozenset(r.field for r in removing),
        "resliced_in_file": frozenset(r.field for r in found if r.how == "reslice"),
        "truncated_in_file": frozenset(r.field for r in found if r.how == "truncate"),
        "discarded_trims": tuple((r.field, r.function) for r in found if r.how == "discard"),
        # Entries a function marks (f.Failed = true) in a loop over a container it never
        # removes from: they stay in it.
        "marked_not_removed": tuple(
            (r.field, r.function, r.mark)
            for r in found
            if r.how == "mark" and (r.field, r.function) not in removed
        ),
        "uncalled_removers": tuple(
            (r.field, r.function)
            for r in removing
            if r.function != name and not mentioned_elsewhere(root, grammar, r.function)
        ),
    }


#: Methods named for keeping what they are given (``Track``, ``Register``, ``Put``).
_KEEPS = re.compile(
    r"^(Track|Add|Put|Store|Register|Record|Remember|Save|Keep|Enqueue|Insert|Hold|Watch)\w*$"
)


def _kept_via(
    repo: Path, root: str, grammar: str, facts: FunctionFacts
) -> tuple[tuple[int, str, str, str, str], ...]:
    """Return the calls that hand a value to a keeping method whose container never lets go.

    ``g.tracker.Track(id, frame)``: ``Track`` (found in the checkout) stores into
    ``t.pending``, and another function marks entries of ``t.pending`` failed without ever
    removing them.
    """
    found = []
    for call in facts.calls:
        if grammar != "go" or not call.receiver or not _KEEPS.match(call.name):
            continue
        where = definition_of(root, grammar, call.name)
        if where is None:
            continue
        method = function_facts(repo, where[0], where[1], call.name, follow=False)
        if method is None or not method.marked_not_removed:
            continue
        stored = {field_path(u.target) for u in method.updates if u.operator == "[]="}
        for field, marker, mark in method.marked_not_removed:
            if field in stored:
                found.append((call.line, call.name, field, marker, mark))
    return tuple(found)


def _queued_via(
    repo: Path, root: str, grammar: str, facts: FunctionFacts
) -> tuple[tuple[int, str, str, str], ...]:
    """Return calls adding to a checkout queue whose taken items are never released.

    ``station.screen.push(ticket)``: ``push`` (defined once in the checkout) appends to
    ``this.items``, which its class reads by advancing ``this.head`` without clearing slots.
    """
    if grammar not in ("javascript", "typescript", "python"):
        return ()
    arrays = {
        name
        for b in facts.bindings
        if re.match(r"^(\[|new Array|Array\.|list\(|\w+\.copy\()", b.value.strip())
        for name in b.names
    }
    found = []
    for call in facts.calls:
        if not call.receiver or not KEEPING_CALLS.match(call.name) or "(" in call.receiver:
            continue
        if call.receiver.split(".")[0] in arrays:
            continue  # a local array's own push, not the checkout's method
        where = definition_of(root, grammar, call.name)
        if where is None:
            continue
        path = Path(root, where[0])
        try:
            stat = path.stat()
        except OSError:
            continue
        queues = advanced_queues(str(path), stat.st_size, stat.st_mtime_ns)
        method = (
            function_facts(repo, where[0], where[1], call.name, follow=False) if queues else None
        )
        stored = {
            field_path(c.receiver).split(".")[-1]
            for c in (method.calls if method is not None else ())
            if c.name in ("push", "append")
        }
        for field in sorted(queues & stored):
            found.append((call.line, call.name, where[0], field))
    return tuple(found)


#: At most this many of a function's callees under a lock are read.
_MAX_LOCKED_CALLEES = 4


def _locked_callees(
    repo: Path, root: str, grammar: str, facts: FunctionFacts
) -> tuple[tuple[int, str, FunctionFacts], ...]:
    """Return the facts of the checkout's own functions the function calls holding a lock.

    Only calls on its own receiver (``b.spent()``, ``self._total()``, ``this.rebuild()``) or
    plain calls (a function of the package) are followed, to their one definition.
    """
    own = {"", facts.receiver, "self", "this", "cls"}
    found: list[tuple[int, str, FunctionFacts]] = []
    for call in facts.calls:
        inside = any(r.line < call.line <= r.end_line for r in facts.locks)
        if not inside or call.receiver not in own or call.name in ("", facts.name):
            continue
        where = definition_near(root, grammar, facts.path, call.name)
        if where is None:
            continue
        callee = function_facts(repo, where[0], where[1], call.name, follow=False)
        if callee is not None and callee.name == call.name:
            found.append((call.line, call.name, callee))
        if len(found) >= _MAX_LOCKED_CALLEES:
            break
    return tuple(found)


#: Calls that take entries out of the collection they are called on.
_REMOVES = {
    "pop", "popitem", "remove", "discard", "clear", "delete", "Delete", "Remove", "LoadAndDelete",
    "splice", "shift", "popleft", "Clear", "RemoveAll", "evict", "delete_if", "reject!",
}  # fmt: skip


#: Methods that return a trimmed or changed copy and leave their receiver as it was.
_RETURNS_A_COPY = {"slice", "toSorted", "toSpliced", "substring"}

#: A Go range loop's collection, and a flag set to true on an element in its body.
_RANGE_OVER = re.compile(r"range\s+([\w.]+)\s*$")
_MARKED = re.compile(r"\b\w+\.\w+\s*=\s*true\b")

#: A slice truncated from the back (``s[:last]``, ``s[:len(s)-1]``), not emptied (``s[:0]``).
_BACK_TRUNCATE = re.compile(r"^[\w.\[\]]+\[:\s*(?!0\s*\])[^\]]+\]$")

#: A slice re-sliced from the front (``q[1:]``, ``q[n:]``): its head is dropped, not freed.
_FRONT_RESLICE = re.compile(r"^[\w.\[\]]+\[[^:\]]+:\]$")


class Removal(NamedTuple):
    """How a function of the file takes entries out of a container (or fails to)."""

    how: str
    """``remove``, ``reslice`` (front), ``truncate`` (back, slot not cleared), ``discard`` (a
    trim whose result is dropped) or ``mark`` (entries flagged in a loop, not removed)."""
    field: str
    function: str
    mark: str = ""


@lru_cache(maxsize=32)
def _removed_in_file(path: str, size: int, mtime_ns: int, grammar: str) -> frozenset[Removal]:
    """Return every way any function of the file takes entries out of a container.

    Go's ``delete(t.open, id)``, Python's ``del self.cache[k]`` and ``self.cache.pop(k)``,
    JavaScript's ``this.sessions.delete(id)``: the container another function adds to is
    then not one that only grows, if that function is called.
    """
    tree = _tree(path, size, mtime_ns, grammar)
    table = TABLES[grammar]
    found: set[Removal] = set()
    stack = [tree.root_node] if tree is not None else []
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        field = ""
        if node.type == "delete_statement":  # Python's del x[k]
            field = field_path(node.text.decode(errors="replace").removeprefix("del "))
        elif node.type == "assignment_statement" and grammar == "go":
            # q.items = q.items[1:]: a queue popped by re-slicing from the front.
            text = node.text.decode(errors="replace")
            left, _, right = text.partition("=")
            if _FRONT_RESLICE.match(right.strip()) and right.strip().startswith(left.strip()):
                found.add(Removal("reslice", field_path(left), _function_around(node, table)))
            elif (
                _BACK_TRUNCATE.match(right.strip())
                and right.strip().startswith(left.strip())
                and not _clears_slot(node, left.strip())
                and not _holds_plain_values(tree.root_node, field_path(left))
            ):
                # s.viewers = s.viewers[:last]: the slot past the new length still points.
                found.add(Removal("truncate", field_path(left), _function_around(node, table)))
        elif node.type == "expression_statement" and node.named_child_count == 1:
            # track.pings.slice(-100); as a statement: the trimmed copy is thrown away.
            call = node.named_children[0]
            if call.type in table.calls:
                _, name, receiver, _ = call_parts(call)
                if name in _RETURNS_A_COPY and receiver:
                    trimmed = field_path(receiver)
                    found.add(Removal("discard", trimmed, _function_around(node, table)))
        elif node.type == "for_statement" and grammar == "go":
            # for _, f := range t.pending { ... f.Failed = true ... }: entries marked, kept.
            text = node.text.decode(errors="replace")
            ranged = _RANGE_OVER.search(text.split("{", 1)[0])
            mark = _MARKED.search(text)
            if ranged and mark:
                marked = field_path(ranged.group(1))
                found.add(Removal("mark", marked, _function_around(node, table), mark.group(0)))
        elif node.type in table.calls:
            _, name, receiver, arguments = call_parts(node)
            if name == "delete" and not receiver and arguments:  # Go's delete(m, k)
                field = field_path(arguments.strip("() ").split(",")[0])
            elif name in _REMOVES and receiver:
                field = field_path(receiver)
        if field:
            found.add(Removal("remove", field, _function_around(node, table)))
    return frozenset(found)


def _holds_plain_values(root: Any, field: str) -> bool:
    """Return whether the file declares ``field`` as a slice of plain values (``[]byte``).

    A truncated slice of numbers or bytes keeps nothing else reachable.
    """
    name = re.escape(field.rsplit(".", 1)[-1])
    text = root.text.decode(errors="replace")
    return bool(
        re.search(rf"\b{name}\s+\[\](byte|rune|bool|u?int\d*|float\d+|complex\d+|uintptr)\b", text)
    )


def _clears_slot(node: Any, target: str) -> bool:
    """Return whether the statements before a truncation clear the slot (``s[last] = nil``)."""
    parent = node.parent
    before = ""
    if parent is not None:
        before = parent.text.decode(errors="replace")[: node.start_byte - parent.start_byte]
    return bool(
        re.search(rf"{re.escape(target)}\[[^\]]+\]\s*=\s*(nil|\w+\{{\}}|0|\"\")", before)
        or re.search(rf"clear\(\s*{re.escape(target)}\[", before)
    )


def _function_around(node: Any, table: SyntaxTable) -> str:
    """Return the name of the function a node is in (empty at the top level)."""
    parent = node.parent
    while parent is not None and not (
        parent.is_named
        and parent.type in table.functions
        and not is_iteration_callback(parent, table)
    ):
        parent = parent.parent
    return function_name(parent) if parent is not None else ""


def _frame_name(function: str | None, rel_path: str) -> str | None:
    """Return the name a profile's frame gives its function, None for a closure."""
    if not function:
        return None
    frame = parse_frame(function, rel_path)
    return None if frame.closure or not frame.name else frame.name


def _with_registration(
    facts: FunctionFacts, function: Any, table: SyntaxTable, grammar: str, rel_path: str
) -> FunctionFacts:
    """Add which call a callback is passed to, and what the function passing it calls."""
    parent = function.parent
    while parent is not None and parent.type in ("arguments", "argument_list", "argument"):
        parent = parent.parent
    if parent is None or parent.type not in table.calls:
        return facts
    callee, name, receiver, arguments = call_parts(parent)
    registering = Call(parent.start_point[0] + 1, callee, name, receiver, arguments, 0)
    outer = parent.parent
    while outer is not None and not (outer.is_named and outer.type in table.functions):
        outer = outer.parent
    names: tuple[str, ...] = ()
    if outer is not None:
        collected = FactsCollector(grammar, rel_path, table, outer).facts(outer.start_point[0] + 1)
        names = tuple(dict.fromkeys(call.name for call in collected.calls))
    return dataclasses.replace(facts, passed_to=registering, caller_calls=names)


def _enclosing_function(root: Any, row: int, table: SyntaxTable, name: str | None) -> Any:
    found: list[Any] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if not (node.start_point[0] <= row <= node.end_point[0]):
            continue
        if (
            node.is_named
            and node.type in table.functions
            and not is_iteration_callback(node, table)
        ):
            found.append(node)  # children come later: outer functions first
        stack.extend(node.children)
    found.sort(key=lambda node: node.start_byte)
    named = [node for node in found if name is not None and function_name(node) == name]
    return (named or found or [None])[-1]
