"""What a function does, in terms every language shares: its calls, loops, updates and locks.

:mod:`~profile_insights.agent.code.structure` builds these from a file's syntax; the analyst's
recognisers read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A value the call makes itself: a make/new, a literal, a constructor (Go, Python, JavaScript,
#: Java, C#, Ruby, Rust).
_FRESH = re.compile(
    r"^(make\(|new\b|&?\w+(\.\w+)*\{|\[|\{|map\[|dict\(|list\(|set\(|\w+(\.\w+)*::new\(|"
    r"vec!|Vec::|String::|\w+(\.\w+)*\.new\b|[\"'`]|\d)"
)


#: A copy made by a method named for it (Ruby's ``value.dup``, written without parentheses).
_COPIED = re.compile(r"\.(dup|clone|copy|deep_dup|to_\w+)\s*$")


def root_of(expression: str) -> str:
    """Return the name an access path starts from (``self.items[k].x`` -> ``self``)."""
    return re.split(r"[.\[(\s]|->|::", expression.strip(), maxsplit=1)[0]


def field_path(expression: str) -> str:
    """Return a collection's path without its owner (``t.open``, ``self.open`` -> ``open``)."""
    text = expression.strip().lstrip("&*@")
    text = text.split("[", 1)[0]
    parts = text.replace("->", ".").split(".")
    return ".".join(parts[1:]) if len(parts) > 1 else text


@dataclass(frozen=True)
class Call:
    """A call in the function: what is called, on what, with what, and how deep in loops."""

    line: int
    callee: str
    """The called expression as written (``regexp.MustCompile``, ``self.rules.copy``)."""
    name: str
    """Its last name (``MustCompile``, ``copy``)."""
    receiver: str
    """What it is called on (``regexp``, ``self.rules``), empty for a plain function."""
    arguments: str
    loop_depth: int
    constructs: bool = False
    """The call makes an object (``new RegExp(p)``)."""
    deferred: bool = False
    """It runs when the function returns (Go's ``defer cancel()``)."""
    conditional: bool = False
    """It sits in a branch (an ``if``, a ``case``): some runs of the function skip it."""
    end_line: int = 0
    """The last line its arguments run to (its first line when written on one line)."""

    @property
    def first_argument(self) -> str:
        """Return the text of its first argument (``pattern`` in ``re.match(pattern, s)``)."""
        return self.arguments.strip("() ").split(",")[0].strip()


@dataclass(frozen=True)
class Loop:
    """A loop of the function (a comprehension or an iteration callback counts)."""

    line: int
    end_line: int
    kind: str
    """``loop``, ``comprehension`` or ``callback``."""
    header: str
    collection: str
    """The collection iterated, when the syntax says (``range items``, ``for x in rows``)."""
    compares_and_exits: bool
    """Its body compares for equality and returns or breaks: a search."""
    comparisons: tuple[str, ...] = ()
    """The equality comparisons in its body, as written (``o.customer_id == customer_id``)."""
    variables: tuple[str, ...] = ()
    """The names each iteration binds (``o`` in ``for o in orders``, a callback's parameters)."""
    column: int = 0
    """Where on its line it starts: of two loops on one line, the later one is inside."""
    spins: bool = False
    """A path of the body goes back to the top doing and waiting for nothing (a busy-wait)."""


@dataclass(frozen=True)
class Update:
    """A compound assignment or a self-referential one (``s += x``, ``b = concat(b, c)``)."""

    line: int
    target: str
    operator: str
    value: str
    textual: bool
    """The value is text (a string literal, a template, a formatted string)."""
    loop_depth: int


@dataclass(frozen=True)
class Membership:
    """A membership test written with an operator (Python's ``x in xs``)."""

    line: int
    element: str
    collection: str
    loop_depth: int


@dataclass(frozen=True)
class Binding:
    """A plain assignment or declaration: ``frame, err := wire.ReadFrame(conn)``."""

    line: int
    names: tuple[str, ...]
    value: str


@dataclass(frozen=True)
class Index:
    """An element looked up by key or position (``m[key]``, ``d[f"{a}:{b}"]``, ``a[i]``)."""

    line: int
    collection: str
    key: str
    loop_depth: int


@dataclass(frozen=True)
class LockRegion:
    """Lines run while a lock is held."""

    line: int
    end_line: int
    lock: str
    how: str
    """``Lock``, ``RLock``, ``with``, ``synchronized``, ``lock``, ``synchronize``."""


@dataclass(frozen=True)
class FunctionFacts:
    """What the function around a profiled line does, in terms every language shares."""

    grammar: str
    path: str
    name: str
    start_line: int
    end_line: int
    calls: tuple[Call, ...]
    loops: tuple[Loop, ...]
    updates: tuple[Update, ...]
    memberships: tuple[Membership, ...]
    locks: tuple[LockRegion, ...]
    statement: str
    """The statement at the profiled line, as one line of text."""
    passed_to: Call | None = None
    """The call this function is an argument of (``bus.on('tick', fn)``): a callback."""
    caller_calls: tuple[str, ...] = ()
    """Names of the calls made by the function that passes this callback (``on``, ``off``)."""
    parameters: frozenset[str] = frozenset()
    """The names its parameters and receiver bind (:mod:`~.bindings`)."""
    receiver: str = ""
    """The name a Go method's receiver binds (``s`` in ``func (s *Store) Get``): its state."""
    decorators: tuple[str, ...] = ()
    """The decorators written on the function (``@lru_cache(maxsize=None)``), as text."""
    shared_defaults: frozenset[str] = frozenset()
    """Parameters whose default is one mutable object every call shares (``seen=[]``)."""
    locals: frozenset[str] = frozenset()
    """The names it declares or (Python, Ruby) assigns: its locals and loop variables."""
    imports: frozenset[str] = frozenset()
    """The module names its file imports (a call on one is a call into a module)."""
    indexes: tuple[Index, ...] = ()
    """Its element look-ups by key or position."""
    bindings: tuple[Binding, ...] = ()
    """Its plain assignments and declarations, in source order."""
    returns: tuple[str, ...] = ()
    """The text of its return statements (what it hands back to its caller)."""
    yields: tuple[int, ...] = ()
    """Lines of its ``yield`` s (a generator, a context manager handing control out)."""
    comparisons: tuple[tuple[int, str], ...] = ()
    """Its equality comparisons: (line, text as written), ``a === b`` and ``x == y``."""
    limits: tuple[tuple[int, str], ...] = ()
    """Its ``>`` and ``>=`` comparisons, (line, text): ``c.ll.Len() > c.maxEntries``."""
    removed_in_file: frozenset[str] = frozenset()
    """Collections some function of its file takes entries out of, by path without their
    owner (``open`` for ``delete(t.open, id)``, see :func:`field_path`)."""
    resliced_in_file: frozenset[str] = frozenset()
    """Go slices some function of the file pops by re-slicing from the front (``q = q[1:]``)."""
    truncated_in_file: frozenset[str] = frozenset()
    """Go slices some function of the file truncates from the back (``s = s[:last]``)."""
    marked_not_removed: tuple[tuple[str, str, str], ...] = ()
    """(field, function, mark) of Go loops over a container that set a flag on its entries
    (``f.Failed = true``) in a function that never removes from it: they stay."""
    kept_via: tuple[tuple[int, str, str, str, str], ...] = ()
    """(call line, method, field, marking function, mark) of calls to a method of the checkout
    that stores into a container whose entries another function marks but never removes."""
    discarded_trims: tuple[tuple[str, str], ...] = ()
    """(field path, function) of trims whose result is thrown away (``t.pings.slice(-100);``
    as a statement, in JavaScript): the collection itself is never trimmed."""
    uncalled_removers: tuple[tuple[str, str], ...] = ()
    """(field path, function) of removals made only by functions nothing in the checkout
    calls (``Unsubscribe`` deletes from ``subs``, and no code calls ``Unsubscribe``)."""
    backtracking_patterns: tuple[tuple[int, str, str], ...] = ()
    """(line, pattern, name) of the file's regular expressions with nested quantifiers
    (``(x+)+``), which a backtracking engine can take exponential time to reject an input
    with; the name is what it is assigned to (empty when written inline)."""
    hashed_in_file: frozenset[str] = frozenset()
    """Names its file assigns a hashed container (a set, a dict, a Map): lookups are O(1)."""
    fields_in_file: frozenset[str] | None = None
    """Fields its file sets on an object or declares in a class body (None: not read)."""
    queued_via: tuple[tuple[int, str, str, str], ...] = ()
    """(call line, method, its file, field) of calls to a method of the checkout that adds to
    an array queue read by advancing an index, whose taken slots are never cleared."""
    locked_callees: tuple[tuple[int, str, FunctionFacts], ...] = ()
    """(call line, name, facts) of the checkout's own functions called while a lock is held:
    a mutex profile records the wait at the release, never the work the callee does."""

    def outlives_call(self, expression: str, depth: int = 0) -> bool:
        """Return whether ``expression`` names state that outlives a call of the function.

        A field of the receiver or of an object passed in (``c.items``, ``self.cache``,
        ``this.seen``, ``@log``) does, and so does a name the function does not bind (a
        package-level map, a module-level list, a captured one). A local does not, unless it
        is another name for such state (``sh := c.shards[i]``, ``b = self.buckets[k]``): what
        the call makes itself (``make``, a literal, ``new``) or gets back from a call is its
        own.
        """
        text = expression.strip()
        root = root_of(text)
        if root in self.locals and depth < 3:
            values = [b.value for b in self.bindings if root in b.names]
            return any(
                # An access path (c.shards[i]), not what a call returns (a fresh response,
                # the bytes read): those are the call's own.
                "(" not in re.sub(r"\[[^\]]*\]", "[]", value)
                and not _COPIED.search(value)
                and not _FRESH.match(value.strip())
                and self.outlives_call(value, depth + 1)
                for value in values
            )
        return self._outlives(text)

    def _outlives(self, text: str) -> bool:
        root = root_of(text)
        if not root or not (root[0].isalpha() or root[0] in "_$@"):
            return False
        if root.startswith("@") or root in ("self", "this"):
            return True
        if root in self.imports:
            # pkg.Registry is another package's state; heap (in heap.Push) is the module.
            return len(text) > len(root) and text[len(root)] == "."
        if root in self.locals:
            return False
        if root in self.parameters:
            return len(text) > len(root) and text[len(root)] in ".[-"
        return True

    def loops_around(self, line: int) -> list[Loop]:
        """Return the loops whose body holds ``line``, innermost first."""
        around = [loop for loop in self.loops if loop.line <= line <= loop.end_line]
        return sorted(around, key=lambda loop: (-loop.line, -loop.column))

    def lock_at(self, line: int) -> LockRegion | None:
        """Return the innermost lock region holding ``line``, if any."""
        holding = [r for r in self.locks if r.line <= line <= r.end_line]
        return max(holding, key=lambda r: r.line) if holding else None

    def calls_at(self, line: int) -> list[Call]:
        """Return the calls on ``line``."""
        return [call for call in self.calls if call.line == line]
