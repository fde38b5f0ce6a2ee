"""One walk over a function's syntax tree, collecting its calls, loops, updates and locks.

:mod:`~profile_insights.agent.code.structure` finds the function around a profiled line; the
:class:`FactsCollector` here describes it in terms every language shares (see
:mod:`~profile_insights.agent.code.facts`), using the node types of its grammar's table.
"""

from __future__ import annotations

import re
from typing import Any

from profile_insights.agent.code.bindings import (
    bound_names,
    defaults_shared_by_calls,
    imported_names,
    loop_variables,
)
from profile_insights.agent.code.channels import channel_call
from profile_insights.agent.code.facts import (
    Binding,
    Call,
    FunctionFacts,
    Index,
    LockRegion,
    Loop,
    Membership,
    Update,
)
from profile_insights.agent.code.locks import in_branch, lock_statement, pair_lock_calls
from profile_insights.agent.code.nodes import (
    CALL_NODES,
    EQUALITY_CALLS,
    INEQUALITY,
    call_parts,
    function_name,
    has_function_argument,
    is_iteration_callback,
    node_text,
    walk_named,
)
from profile_insights.agent.code.spins import spins
from profile_insights.agent.code.syntax import SyntaxTable

#: Element look-ups of every grammar (Go, Python, JavaScript, Java, C#, Ruby, Rust).
_INDEXES = frozenset(
    {
        "index_expression",
        "subscript",
        "subscript_expression",
        "array_access",
        "element_access_expression",
        "element_reference",
    }
)
#: Iteration methods that fold a collection into an accumulator (the callback's first argument).
_FOLDS = frozenset({"reduce", "reduceRight", "inject", "fold", "foldl", "aggregate", "Aggregate"})


#: A subscript's brackets: ``rates[f"{a}:{b}"]`` is the value looked up, not text.
_SUBSCRIPT = re.compile(r"\[[^\[\]]*\]")
_TEXTUAL = re.compile(
    r"^[\"'`]|^f[\"']|^[rb]?[\"']|\bstr[(<]|\bString[(<]|\bf\"|`|\.format[(<]|%\s*[(<]|"
    r"\bsprintf|\.to_s\b"
)
_INNERMOST_CALL = re.compile(r"\([^()]*\)")


def _outer_level(value: str) -> str:
    """Return ``value`` with what its calls take hidden (``Decimal(str(p))`` -> ``Decimal<>``).

    A value is text when its outermost expression is: ``str(x)`` is, ``Decimal(str(x))`` is
    a number made from text.
    """
    previous = None
    while previous != value:
        previous, value = value, _INNERMOST_CALL.sub("<>", value)
    return value


class FactsCollector:
    """One walk over a function node, collecting its facts."""

    def __init__(self, grammar: str, path: str, table: SyntaxTable, function: Any) -> None:
        """Prepare a walk over ``function`` (a node of ``path``, parsed with ``grammar``)."""
        self.grammar, self.path, self.table, self.function = grammar, path, table, function
        self.calls: list[Call] = []
        self.loops: list[Loop] = []
        self.updates: list[Update] = []
        self.memberships: list[Membership] = []
        self.indexes: list[Index] = []
        self.bindings: list[Binding] = []
        self.comparisons: list[tuple[int, str]] = []
        self.returns: list[str] = []
        self.yields: list[int] = []
        self.limits: list[tuple[int, str]] = []
        self.locks: list[LockRegion] = []
        self.lock_calls: list[tuple[int, str, str]] = []

    def facts(self, line: int) -> FunctionFacts:
        """Return the function's facts, with the statement at ``line`` (1-based)."""
        self._walk(self.function, depth=0)
        self.locks += pair_lock_calls(self.function.end_point[0] + 1, self.calls, self.lock_calls)
        parameters, local_names = bound_names(self.function, self.grammar)
        return FunctionFacts(
            grammar=self.grammar,
            path=self.path,
            name=function_name(self.function),
            start_line=self.function.start_point[0] + 1,
            end_line=self.function.end_point[0] + 1,
            calls=tuple(self.calls),
            loops=tuple(self.loops),
            updates=tuple(self.updates),
            memberships=tuple(self.memberships),
            locks=tuple(self.locks),
            statement=self._statement(line - 1),
            parameters=parameters,
            shared_defaults=defaults_shared_by_calls(self.function, self.grammar),
            decorators=self._decorators(),
            receiver=self._receiver(),
            locals=local_names,
            imports=imported_names(self.function),
            indexes=tuple(self.indexes),
            bindings=tuple(self.bindings),
            comparisons=tuple(self.comparisons),
            returns=tuple(self.returns),
            yields=tuple(self.yields),
            limits=tuple(self.limits),
        )

    def _receiver(self) -> str:
        """Return the name a method's receiver binds (Go), or ""."""
        receiver = self.function.child_by_field_name("receiver")
        names = re.findall(r"\(\s*(\w+)\s", node_text(receiver, 80)) if receiver else []
        return names[0] if names else ""

    def _decorators(self) -> tuple[str, ...]:
        """Return the decorators written above the function (Python, TypeScript), as text."""
        parent = self.function.parent
        holders = [self.function] + ([parent] if parent is not None else [])
        return tuple(
            node_text(child, 120)
            for holder in holders
            if holder.type in ("decorated_definition", "method_definition", "function_definition")
            for child in holder.named_children
            if child.type == "decorator"
        )

    def _statement(self, row: int) -> str:
        best = None
        stack = [self.function]
        while stack:
            node = stack.pop()
            if not (node.start_point[0] <= row <= node.end_point[0]):
                continue
            if node.start_point[0] == row and node.is_named and node is not self.function:
                if (
                    best is None
                    or node.end_byte - node.start_byte > best.end_byte - best.start_byte
                ):
                    best = node
            stack.extend(node.children)
        return node_text(best) if best is not None else ""

    def _walk(self, node: Any, depth: int) -> None:
        if not node.is_named:
            return
        table, kind = self.table, node.type
        line = node.start_point[0] + 1
        if kind == "return_statement" and len(self.returns) < 32:
            self.returns.append(node_text(node, 120))
        elif kind in ("yield", "yield_expression", "yield_statement"):
            self.yields.append(line)
        operators = {c.type for c in node.children if not c.is_named}
        tested = node.child_by_field_name("condition") if kind == "if_statement" else None
        if len(self.comparisons) < 64 and operators & (table.equality | INEQUALITY):
            self.comparisons.append((line, node_text(node, 160)))
        elif tested is not None and len(self.comparisons) < 64:  # a bare test: if crc & 0x80:
            self.comparisons.append((line, node_text(tested, 160)))
        elif len(self.limits) < 32 and operators & {">", ">="}:
            self.limits.append((line, node_text(node, 160)))
        inner = depth
        if kind in table.loops or kind in table.comprehensions:
            self.loops.append(
                self._loop(node, "comprehension" if kind in table.comprehensions else "loop")
            )
            inner = depth + 1
        elif kind in table.calls or kind in table.constructors:
            callee, name, receiver, arguments = call_parts(node)
            self.calls.append(
                Call(
                    line,
                    callee,
                    name,
                    receiver,
                    arguments,
                    depth,
                    kind in table.constructors,
                    node.parent is not None and node.parent.type == "defer_statement",
                    in_branch(node, self.function),
                    node.end_point[0] + 1,
                )
            )
            if name in (
                "Lock",
                "RLock",
                "Unlock",
                "RUnlock",
                "lock",
                "unlock",
                "acquire",
                "release",
            ):
                # threading.Lock() makes a lock; it takes none.
                if receiver not in ("threading", "asyncio", "multiprocessing"):
                    self.lock_calls.append((line, receiver, name))
            if name in table.iteration_methods and has_function_argument(node, table):
                self.loops.append(self._callback_loop(node, receiver))
                inner = depth + 1
                if name in _FOLDS:
                    self._accumulator_copy(node, inner)
            if name == "synchronize":
                self.locks.append(LockRegion(line, node.end_point[0] + 1, receiver, "synchronize"))
        elif kind in ("inc_statement", "update_expression"):
            target = node_text(node, 100).replace("++", "").replace("--", "").strip()
            self.updates.append(Update(line, target, "++", "1", False, depth))
        elif kind in ("unary_expression", "send_statement") and self.grammar == "go":
            sent_or_received = channel_call(node, depth, self.function)
            if sent_or_received is not None:
                self.calls.append(sent_or_received)
        elif kind in table.updates or kind in table.assignments:
            self._assignment(node, depth)
        elif kind in table.membership:
            self._membership(node, depth)
        if kind == "as_pattern" and node.named_children:  # Python: with open(p) as f
            alias = node.child_by_field_name("alias")
            names = tuple(re.findall(r"[A-Za-z_]\w*", node_text(alias, 60))) if alias else ()
            if names:
                # What `as` binds is what entering the context (or the exception) gives, never
                # another name for the expression: it is recorded as a value of its own.
                value = f"({node_text(node.named_children[0], 200)})"
                self.bindings.append(Binding(line, names, value))
        if kind == "var_spec":  # Go's var b bytes.Buffer: a declaration with no assignment
            names = tuple(node_text(n, 40) for n in node.children_by_field_name("name"))
            declared = node.child_by_field_name("value") or node.child_by_field_name("type")
            if names and declared is not None:
                self.bindings.append(Binding(line, names, node_text(declared, 200)))
        if kind in _INDEXES:
            named = node.named_children
            if len(named) >= 2:
                key = named[-1]
                self.indexes.append(
                    Index(line, node_text(named[0], 100), node_text(key, 160), depth)
                )
        if kind in table.locks:
            region = lock_statement(node, self.grammar)
            if region is not None:
                self.locks.append(region)
        if (
            node is not self.function
            and kind in table.functions
            and not is_iteration_callback(node, table)
        ):
            return  # a nested function has its own facts
        for child in node.children:
            self._walk(child, inner)

    def _loop(self, node: Any, kind: str) -> Loop:
        collection = ""
        for field in ("right", "value", "iterable"):
            found = node.child_by_field_name(field)
            if found is not None:
                collection = node_text(found, 100)
                break
        if not collection:
            for child in node.children:
                if child.type in ("range_clause", "for_in_clause"):
                    right = child.child_by_field_name("right")
                    collection = node_text(right, 100) if right is not None else ""
        header = (
            re.split(r":(?!=)", node_text(node, 120).split("{")[0])[0]
            if kind == "loop"
            else node_text(node, 80)
        )
        return Loop(
            node.start_point[0] + 1,
            node.end_point[0] + 1,
            kind,
            header,
            collection,
            *self._compares_and_exits(node),
            loop_variables(node, self.table.functions),
            node.start_point[1],
            spins=not collection and spins(node),
        )

    def _callback_loop(self, node: Any, receiver: str) -> Loop:
        return Loop(
            node.start_point[0] + 1,
            node.end_point[0] + 1,
            "callback",
            node_text(node, 80),
            receiver.removesuffix(".iter()").removesuffix(".iter"),
            *self._compares_and_exits(node),
            loop_variables(node, self.table.functions),
            node.start_point[1],
        )

    def _compares_and_exits(self, node: Any) -> tuple[bool, tuple[str, ...]]:
        """Return whether the loop compares and exits (a search), and its comparisons' text."""
        compares = exits = False
        comparisons: list[str] = []
        stack = list(node.children)
        while stack:
            child = stack.pop()
            if child.type in self.table.returns or child.type == "yield":
                exits = True
            if not child.is_named and child.type in self.table.equality:
                compares = True
                if child.parent is not None and len(comparisons) < 4:
                    comparisons.append(node_text(child.parent, 80))
            if child.type in CALL_NODES and call_parts(child)[1] in EQUALITY_CALLS:
                compares = True
            stack.extend(child.children)
        return compares and exits, tuple(comparisons)

    def _assignment(self, node: Any, depth: int) -> None:
        left = node.child_by_field_name("left") or node.child_by_field_name("name")
        right = node.child_by_field_name("right") or node.child_by_field_name("value")
        if left is None or right is None:
            return
        operator = next((c.type for c in node.children if not c.is_named and "=" in c.type), "=")
        target, value = node_text(left, 100), node_text(right, 200)
        name = target.split(",")[0].strip()
        self_referential = (
            operator == "="
            and bool(name)
            and re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", value)
        )
        if operator in ("=", ":=") and "[" in target and not self_referential:
            operator = "[]="
        elif operator in ("=", ":=") and not self_referential:
            names = tuple(n for n in re.findall(r"[A-Za-z_$@][\w$]*", target) if n != "_")
            self.bindings.append(Binding(node.start_point[0] + 1, names, value))
        if operator not in ("=", ":=") or self_referential:
            self.updates.append(
                Update(
                    node.start_point[0] + 1,
                    target,
                    operator,
                    value,
                    bool(_TEXTUAL.search(_outer_level(_SUBSCRIPT.sub("", value.strip())))),
                    depth,
                )
            )

    def _accumulator_copy(self, call: Any, depth: int) -> None:
        """Record a fold whose step builds a new accumulator from the old one (``[...acc, x]``).

        ``reduce((rows, o) => [...rows, ...o.lines], [])`` copies everything accumulated so
        far on every step: the same quadratic copying as ``points = points + [p]``, so it is
        recorded as that self-referential update of the accumulator.
        """
        callback = next(
            (c for c in walk_named(call) if c.type in self.table.functions and c is not call),
            None,
        )
        if callback is None:
            return
        parameters = callback.child_by_field_name("parameters") or callback.child_by_field_name(
            "parameter"
        )
        names = re.findall(r"[A-Za-z_$][\w$]*", node_text(parameters, 120)) if parameters else []
        if not names:
            return
        accumulator = names[0]
        body = callback.child_by_field_name("body")
        text = node_text(body, 200) if body is not None else ""
        copies = rf"\.\.\.{accumulator}\b|\b{accumulator}\.concat\(|\b{accumulator}\s*\+\s*\[|"
        copies += rf"Object\.assign\(\{{\}},\s*{accumulator}\b"
        if re.search(copies, text):
            line = (body or callback).start_point[0] + 1
            self.updates.append(Update(line, accumulator, "=", text, False, depth))

    def _membership(self, node: Any, depth: int) -> None:
        operators = [c.type for c in node.children if not c.is_named]
        if "in" not in operators and "not in" not in operators and "not" not in operators:
            return
        named = [c for c in node.children if c.is_named]
        if len(named) >= 2:
            self.memberships.append(
                Membership(
                    node.start_point[0] + 1,
                    node_text(named[0], 80),
                    node_text(named[-1], 100),
                    depth,
                )
            )
