"""The names a function binds itself: its parameters and its local declarations.

A name the function uses but does not bind lives longer than the call: a package-level map, a
module-level cache, a closure's captured list. The recognisers need the difference ("adds to
``cache`` on every call" means something only when ``cache`` outlives the call), and a syntax
tree gives it without running the code. The node types below are tree-sitter's for the
grammars :mod:`~profile_insights.agent.code.syntax` parses; a type one grammar lacks is simply
never met.
"""

from __future__ import annotations

from typing import Any

from profile_insights.agent.code.nodes import walk_named

#: Declarations, with the fields holding what they bind (Go ``:=``/``var``, JavaScript, Java
#: and C# declarators, Rust ``let``, loop variables). Python and Ruby bind by assigning: their
#: ``assignment`` (JavaScript's is ``assignment_expression``, Go's ``assignment_statement``,
#: which rebind an outer name and are not listed).
_BINDING_FIELDS: dict[str, tuple[str, ...]] = {
    "short_var_declaration": ("left",),
    "var_spec": ("name",),
    "const_spec": ("name",),
    "range_clause": ("left",),
    "variable_declarator": ("name",),
    "let_declaration": ("pattern",),
    "for_statement": ("left",),
    "for_in_statement": ("left",),
    "for_in_clause": ("left",),
    "enhanced_for_statement": ("name",),
    "for_each_statement": ("left",),
    "for_expression": ("pattern",),
    "catch_clause": ("parameter",),
    "as_pattern": ("alias",),  # Python: with open(p) as f, except E as e
    "except_clause": ("alias",),
}
_ASSIGNMENT_BINDS = frozenset({"python", "ruby"})

#: Node types that spell a name.
_NAMES = frozenset({"identifier", "shorthand_property_identifier_pattern"})

#: Patterns that bind each of their parts (``a, b := ...``, ``[x, y] = ...``, ``{a, b}``).
_PATTERNS = frozenset(
    {
        "expression_list",
        "pattern_list",
        "tuple_pattern",
        "list_pattern",
        "array_pattern",
        "object_pattern",
        "tuple",
        "parenthesized_expression",
        "left_assignment_list",
        "pair_pattern",
        "assignment_pattern",
        "mutable_specifier",
        "identifier_list",
        "as_pattern_target",
    }
)


def _names_bound_by(node: Any) -> list[str]:
    """Return the names a binding target spells (not those inside ``a.b`` or ``a[i]``)."""
    if node.type in _NAMES:
        return [node.text.decode("utf-8", "replace")]
    if node.type in _PATTERNS:
        return [name for child in node.named_children for name in _names_bound_by(child)]
    return []


def _names_in(node: Any) -> list[str]:
    """Return every name under a node (a parameter list: a type spelled as a name is harmless)."""
    return [n.text.decode("utf-8", "replace") for n in walk_named(node) if n.type in _NAMES]


def bound_names(function: Any, grammar: str) -> tuple[frozenset[str], frozenset[str]]:
    """Return the names ``function`` binds: (parameters and receiver, locals and loop variables).

    Python's ``global``/``nonlocal`` names are left out (they are the outer ones).
    """
    parameters: set[str] = set()
    for field in ("parameters", "receiver", "parameter"):
        found = function.child_by_field_name(field)
        if found is not None:
            parameters.update(_names_in(found))
            if grammar == "python":
                parameters -= shared_defaults(found)
    names: set[str] = set()
    outer: set[str] = set()
    stack = list(function.named_children)
    while stack:
        node = stack.pop()
        fields = _BINDING_FIELDS.get(node.type, ())
        if node.type == "assignment" and grammar in _ASSIGNMENT_BINDS:
            fields = ("left",)
        for field in fields:
            target = node.child_by_field_name(field)
            if target is not None:
                names.update(_names_bound_by(target))
        if node.type in ("global_statement", "nonlocal_statement"):
            outer.update(_names_in(node))
        if node.type in ("block_parameters", "lambda_parameters") and grammar == "ruby":
            names.update(_names_in(node))
        stack.extend(node.named_children)
    return frozenset(parameters - outer), frozenset(names - outer - parameters)


def defaults_shared_by_calls(function: Any, grammar: str) -> frozenset[str]:
    """Return the parameters whose default one object shared by every call (Python only)."""
    found = function.child_by_field_name("parameters")
    return frozenset(shared_defaults(found)) if grammar == "python" and found else frozenset()


#: A Python default made once, when ``def`` runs, and shared by every call that omits it.
_MUTABLE_DEFAULTS = frozenset({"list", "dictionary", "set"})
_MUTABLE_FACTORIES = frozenset({"list", "dict", "set", "defaultdict", "deque", "OrderedDict"})


def shared_defaults(parameters: Any) -> set[str]:
    """Return the Python parameters whose default is a mutable object (``seen=[]``).

    Args:
        parameters: A function's ``parameters`` node.

    That object is made once and lives as long as the function: what a call adds to it stays
    for the next, like a module-level container.
    """
    shared: set[str] = set()
    for node in parameters.named_children:
        if node.type not in ("default_parameter", "typed_default_parameter"):
            continue
        name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
        if name is None or value is None:
            continue
        callee = value.child_by_field_name("function") if value.type == "call" else None
        factory = callee.text.decode("utf-8", "replace").split(".")[-1] if callee else ""
        if value.type in _MUTABLE_DEFAULTS or factory in _MUTABLE_FACTORIES:
            shared.add(name.text.decode("utf-8", "replace"))
    return shared


#: Loop parts that hold what each iteration binds (Go's range and for clauses, Python's
#: comprehension clause, C-style initialisers).
_LOOP_CLAUSES = frozenset({"range_clause", "for_in_clause", "for_clause"})


def loop_variables(loop: Any, functions: frozenset[str]) -> tuple[str, ...]:
    """Return the names one iteration of a loop binds (``o`` in ``for _, o := range orders``).

    Args:
        loop: A loop or comprehension node, or the call of an iteration method
            (``teams.map((t) => ...)``), whose callback's parameters are what it binds.
        functions: The grammar's function node types (a callback is one of them).
    """
    names: list[str] = []
    parts = [loop, *(c for c in loop.named_children if c.type in _LOOP_CLAUSES)]
    for part in parts:
        for field in ("left", "name", "pattern"):
            target = part.child_by_field_name(field)
            if target is not None:
                names.extend(_names_bound_by(target) or _names_in(target)[:1])
        initializer = part.child_by_field_name("initializer")
        if initializer is not None:
            names.extend(_names_in(initializer)[:1])
    arguments = loop.child_by_field_name("arguments")
    callback = (
        next((c for c in walk_named(arguments) if c.type in functions), None)
        if arguments is not None
        else None
    )
    if callback is not None:
        for field in ("parameters", "parameter"):
            found = callback.child_by_field_name(field)
            if found is not None:
                names.extend(_names_in(found))
    return tuple(dict.fromkeys(n for n in names if n != "_"))


#: Top-level statements that name a module (Go, Python, JavaScript/TypeScript, Rust).
_IMPORTS = frozenset(
    {
        "import_declaration",
        "import_statement",
        "import_from_statement",
        "use_declaration",
    }
)


def imported_names(function: Any) -> frozenset[str]:
    """Return the names the function's file imports (``heap`` in ``heap.Push``, ``zlib``).

    A call on one of them is a call into a module, not on state of the program: Go's
    ``import "container/heap"`` binds ``heap``, Python's ``import zlib as z`` binds ``z``,
    ``const zlib = require("zlib")`` binds ``zlib``.
    """
    root = function
    while root.parent is not None:
        root = root.parent
    names: set[str] = set()
    for node in root.named_children:
        if node.type in _IMPORTS:
            names.update(_import_names(node))
        elif node.type in ("lexical_declaration", "variable_declaration"):
            for declarator in node.named_children:
                value = declarator.child_by_field_name("value")
                if value is not None and value.text.startswith((b"require(", b"await import(")):
                    target = declarator.child_by_field_name("name")
                    names.update(_names_in(target) if target is not None else ())
    return frozenset(names)


def _import_names(node: Any) -> list[str]:
    """Return the names one import statement binds."""
    names: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "import_spec":  # Go: the alias, else the path's last segment
            alias = current.child_by_field_name("name")
            path = current.child_by_field_name("path")
            if alias is not None:
                names.append(alias.text.decode("utf-8", "replace"))
            elif path is not None:
                names.append(path.text.decode("utf-8", "replace").strip('"`').rsplit("/", 1)[-1])
            continue
        if current.type in ("identifier", "dotted_name", "package_identifier"):
            names.append(current.text.decode("utf-8", "replace").split(".")[0])
            continue
        stack.extend(current.named_children)
    return names
