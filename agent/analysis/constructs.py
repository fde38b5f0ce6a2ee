"""What the hot code is doing, named from its structure: the recognisers' shared vocabulary.

A recogniser (:mod:`~profile_insights.agent.analysis.recognisers`) reads a
:class:`HotCode` - the facts of a hot function (its loops, calls, updates, lock regions, from
tree-sitter), its hot lines, the library calls the profile shows under them, and what the profile
measures - and names a :class:`Construct`: "a linear search over ``c.items`` at
internal/catalog/catalog.go:42", with the fix that construct calls for. :func:`best_construct`
keeps the one on the hottest code, the most specific first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from profile_insights.agent.analysis.models import ProblemKind
from profile_insights.agent.code.facts import Call, FunctionFacts, Loop

#: Profiles in which allocation shows: the allocation ones, and CPU (malloc, GC, copying).
SHOWS_ALLOCATION = ("alloc", "cpu", "wall", "other")


@dataclass(frozen=True)
class HotCode:
    """A hot function of the checkout, as the recognisers see it."""

    facts: FunctionFacts
    lines: tuple[int, ...]
    """Its profiled lines, heaviest first."""
    family: str
    """What the profile measures: cpu, wall, alloc, inuse, mutex, block, goroutine, other."""
    header_only: bool = False
    """The profile gives only the function's first line (Node.js records no other line)."""
    causes: dict[str, float] = field(default_factory=dict)
    """Knowledge ids of the library calls the profile shows under the hot lines -> % total."""
    weights: dict[int, float] = field(default_factory=dict)
    """Line -> % of the total that runs through it (its cum): what a construct there explains."""
    called: tuple[tuple[int, str, Construct], ...] = ()
    """(call line, name, construct) of the checkout's functions it calls holding a lock, each
    with what a recogniser names in its body (the profile shows the wait, not that work)."""

    def weight(self, line: int) -> float:
        """Return the % of the total a construct on ``line`` explains."""
        if self.header_only:
            return max(self.weights.values(), default=0.0)
        return self.weights.get(line, 0.0)

    @property
    def where(self) -> str:
        """Return ``path:line`` of the hottest line."""
        return f"{self.facts.path}:{self.lines[0]}" if self.lines else self.facts.path

    def ref(self, line: int) -> str:
        """Return ``path:line`` for a line of this function."""
        return f"{self.facts.path}:{line}"

    def is_hot(self, line: int) -> bool:
        """Return whether ``line`` carries the function's cost (any line when header-only)."""
        return self.header_only or line in self.lines

    def hot_names(self) -> set[str]:
        """Return the names the hot lines bind (what the function made or received there)."""
        return {n for b in self.facts.bindings if self.is_hot(b.line) for n in b.names}

    def focus_lines(self) -> tuple[int, ...]:
        """Return the lines to look at: the hot ones, or every line with a call when header-only.

        A header-only function's cost is somewhere in its body: its calls are taken deepest in
        loops first, as the work repeated most is the likeliest to carry it.
        """
        if not self.header_only:
            return self.lines
        depth = {call.line: call.loop_depth for call in self.facts.calls}
        return tuple(sorted(depth, key=lambda line: (-depth[line], line))) or self.lines

    def hot_loops(self) -> list[Loop]:
        """Return the loops holding a hot line (innermost first), or all loops when header-only."""
        if self.header_only:
            return sorted(self.facts.loops, key=lambda loop: -loop.line)
        seen: dict[int, Loop] = {}
        for line in self.lines:
            for loop in self.facts.loops_around(line):
                seen.setdefault(loop.line, loop)
        return list(seen.values())

    def hot_calls(self) -> list[Call]:
        """Return the calls on hot lines or inside hot loops (all calls when header-only)."""
        if self.header_only:
            return list(self.facts.calls)
        loops = self.hot_loops()
        return [
            call
            for call in self.facts.calls
            if call.line in self.lines
            or any(lp.line <= call.line <= lp.end_line for lp in loops)
            # A call written over several lines is hot when one of its argument lines is.
            or any(call.line < ln <= call.end_line for ln in self.lines)
        ]

    def caused_by(self, *ids: str) -> float:
        """Return the % of the total under the hot lines from these knowledge entries."""
        return sum(share for key, share in self.causes.items() if key in ids or key.startswith(ids))

    def shows(self, *ids: str) -> bool:
        """Return whether these entries carry a real part (a third) of the function's cost.

        A deep copy taking 2% under a function that waits 90% on a socket does not explain it.
        """
        share = self.caused_by(*ids)
        carried = max(self.weights.values(), default=0.0) or sum(self.causes.values())
        return share > 0 and share >= carried / 3

    @property
    def language(self) -> str:
        """Return the grammar of the function's file (go, python, javascript, ...)."""
        return self.facts.grammar


#: Where a construct's ``what`` stops naming the construct: its ``(path:line)`` citation, or
#: the colon before why it costs.
_GIST_END = re.compile(r" \((?=[^()]*:\d+)|: ")


@dataclass(frozen=True)
class Construct:
    """A construct of the hot code that explains its cost, and what to do about it."""

    key: str
    """A short name (``linear-search``, ``string-concat-in-loop``)."""
    kind: ProblemKind
    line: int
    title: str
    what: str
    """What the code does there, naming the construct and its ``path:line``."""
    fix: str
    specificity: int = 5
    """Higher is more specific (a named library call beats a loop shape)."""

    @property
    def gist(self) -> str:
        """Return ``what`` up to its citation or its explanation, for a summary sentence."""
        return _GIST_END.split(self.what, maxsplit=1)[0]


Recogniser = Callable[[HotCode], Construct | None]


_HOLDING_KINDS = frozenset({"retained_memory", "allocation_pressure", "goroutine_leak"})


def best_construct(code: HotCode, recognisers: Sequence[Recogniser]) -> Construct | None:
    """Return the construct that explains the most of the profile, the most specific first.

    A construct explains what runs through its line: a log call that formats its message
    eagerly explains the renderer it calls, on a line carrying 68% of the total, more than a
    hash on a line carrying 2%. Without line weights, the hottest line's construct wins.
    """
    found = [c for c in (recognise(code) for recognise in recognisers) if c is not None]
    if code.family == "inuse":
        # What an in-use heap holds is explained by what keeps or allocates it: a hash or a
        # sort per call costs time, and holds nothing.
        found = [c for c in found if c.kind in _HOLDING_KINDS]
    if not found:
        return None

    def rank(construct: Construct) -> tuple[bool, float, int, int, int]:
        hottest = code.lines.index(construct.line) if construct.line in code.lines else 99
        weight = round(code.weight(construct.line), 1) if code.weights else 0.0
        # An in-use heap measures what is kept: what keeps it explains all of it, wherever
        # the memory was allocated.
        held = code.family == "inuse" and construct.kind == "retained_memory"
        return (not held, -weight, min(hottest, 3), -construct.specificity, construct.line)

    return min(found, key=rank)


def calls_named(code: HotCode, names: set[str], receivers: tuple[str, ...] = ()) -> list[Call]:
    """Return the hot calls with one of ``names`` (on one of ``receivers``), hottest first."""
    found = [
        call
        for call in code.hot_calls()
        if call.name in names and (not receivers or call.receiver.endswith(receivers))
    ]
    return sorted(found, key=lambda call: (not code.is_hot(call.line), call.line))


def calls_of(code: HotCode, table: set[tuple[str, str]]) -> list[Call]:
    """Return the hot calls a ``(receiver, name)`` table names ("" = any receiver), hottest first.

    ``("json", "Marshal")`` matches ``json.Marshal`` and ``encoding/json``'s alias ending in
    ``json``; ``("", "execSync")`` matches the name on any receiver.
    """
    names = {name for _, name in table}
    return [
        call
        for call in calls_named(code, names)
        if any(call.name == n and (not r or call.receiver.endswith(r)) for r, n in table)
    ]


def loop_around(code: HotCode, line: int) -> tuple[Loop | None, str]:
    """Return the innermost loop holding ``line`` and its collection in backticks, if named."""
    loop = next(iter(code.facts.loops_around(line)), None)
    return loop, f"`{short(loop.collection, 30)}`" if loop and loop.collection else ""


def cost_kind(code: HotCode, cpu: ProblemKind = "cpu_hotspot") -> ProblemKind:
    """Return ``cpu`` for a time profile, allocation pressure for a memory profile."""
    return "allocation_pressure" if code.family in ("alloc", "inuse") else cpu


#: The idiom for "look it up in O(1)" in each grammar.
INDEX_IDIOM = {
    "go": "a map (map[K]*Item) built once",
    "python": "a set or dict built once",
    "javascript": "a Set or Map built once",
    "typescript": "a Set or Map built once",
    "java": "a HashSet or HashMap built once",
    "csharp": "a HashSet or Dictionary built once",
    "ruby": "a Set or Hash built once",
    "rust": "a HashSet or HashMap built once",
}

#: The idiom for building text once in each grammar.
BUILDER_IDIOM = {
    "go": "a strings.Builder (call Grow with the final size) or bytes.Buffer",
    "python": "a list of parts joined once with ''.join(parts) (or io.StringIO)",
    "javascript": "an array of parts joined once with parts.join('')",
    "typescript": "an array of parts joined once with parts.join('')",
    "java": "one StringBuilder",
    "csharp": "one StringBuilder (or string.Join)",
    "ruby": "String#<< on one buffer, or Array#join",
    "rust": "one String with push_str (String::with_capacity)",
}


def mentions(text: str, names: set[str]) -> str | None:
    """Return the first of ``names`` that ``text`` uses as a word (not as ``x.name``), if any."""
    for name in sorted(n for n in names if n):
        if re.search(rf"(?<![\w.$]){re.escape(name)}(?![\w$])", text):
            return name
    return None


def short(text: str, limit: int = 60) -> str:
    """Return code text cut to ``limit`` characters for a sentence."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


_EQUALS = re.compile(r"\s*(?:===?|\.equals\(|\.Equals\()\s*")


def compared_key(code: HotCode, loop: Loop) -> tuple[str, str] | None:
    """Return (element side, key) of a loop's comparison of its element with a given key.

    The element side uses what each iteration binds (its variables, or a name its body binds
    from them: ``r := &s.rules[i]``); the key, a parameter or a local from outside the loop.
    ``r.Action == Rename`` compares with a constant: it looks nothing up.
    """
    inside = set(loop.variables) | {
        name
        for b in code.facts.bindings
        if loop.line <= b.line <= loop.end_line
        for name in b.names
    }
    given = set(code.facts.parameters | code.facts.locals) - inside
    for comparison in loop.comparisons:
        sides = _EQUALS.split(comparison.strip("() "), maxsplit=1)
        if len(sides) != 2:
            continue
        for element, key in (sides, sides[::-1]):
            key = key.strip(" )")
            if mentions(element, inside) and not mentions(key, inside) and mentions(key, given):
                return element.strip(" ("), key
    return None
