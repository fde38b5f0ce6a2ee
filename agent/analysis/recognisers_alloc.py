"""Allocation a loop or a call makes that the same code could do without.

Each recogniser names an idiom that allocates more than the work needs, in the language it is
written in: a Go slice grown by ``append`` from nothing, text split into a new slice per line,
a list built only to be reduced, an object spread into a new one per item, a request body
read whole before it is decoded. Whole texts split or rewritten piece by piece are in
:mod:`~profile_insights.agent.analysis.recognisers_text`.
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import (
    SHOWS_ALLOCATION,
    Construct,
    HotCode,
    calls_of,
    cost_kind,
    loop_around,
    short,
)

#: A Go slice made with room for what is appended (make with a capacity, or a length).
_SIZED_MAKE = re.compile(r"^make\(\s*\[\][^,]+,\s*[^,)]+,\s*[^)]+\)|^make\(\s*\[\][^,]+,\s*[^0\s)]")


def append_growth(code: HotCode) -> Construct | None:
    """Grow a Go slice from nothing with ``append`` in a loop whose length is known."""
    if code.language != "go" or code.family not in SHOWS_ALLOCATION:
        return None
    facts = code.facts
    for update in facts.updates:
        target = update.target.strip()
        if not (code.is_hot(update.line) and update.loop_depth > 0):
            continue
        if not update.value.startswith(f"append({target},") or target not in facts.locals:
            continue
        made = [b.value for b in facts.bindings if target in b.names]
        if not made or any(_SIZED_MAKE.match(value.strip()) for value in made):
            continue
        loop, collection = loop_around(code, update.line)
        size = f"len({loop.collection})" if loop and loop.collection else "the expected count"
        return Construct(
            "append-growth",
            cost_kind(code),
            update.line,
            f"{short(target, 20)} grown by append from an empty slice",
            f"appends to `{target}` once per element of {collection or 'the loop'} "
            f"({code.ref(update.line)}), starting from a slice with no capacity: append "
            "reallocates and copies the whole backing array every time it fills "
            "(runtime.growslice), about log2(n) times, leaving each old array as garbage",
            f"Preallocate: `{target} := make([]T, 0, {size})` before the loop (or index into "
            f"make([]T, {size})), so the slice is allocated once.",
            7,
        )
    return None


#: A literal of interface (or object) slots: every value put in one is boxed.
_BOXING_LITERAL = re.compile(
    r"^(?:\[\]|map\[[^\]]+\])(?:interface\s*\{\s*\}|any)\s*\{|^new\s+[Oo]bject\s*\[\s*\]"
)
#: Keeping values unboxed, per grammar.
_UNBOXED = {
    "go": "a typed struct (or a typed row writer: WriteRow(s *Sample)) instead of []any, so the "
    "fields are written from their own types and nothing escapes per value",
    "java": "a typed record or primitive arrays instead of Object[] (no Integer/Long/Double "
    "boxing per value)",
    "csharp": "a typed struct or generic overloads instead of object[] (no boxing per value)",
}


def boxed_values(code: HotCode) -> Construct | None:
    """Box every value of an item into a new slice of interface slots (``[]any{a, b, c}``)."""
    if code.family not in SHOWS_ALLOCATION:
        return None
    loops = code.hot_loops()
    for binding in code.facts.bindings:
        boxing = _BOXING_LITERAL.match(binding.value.strip())
        if boxing is None:
            continue
        in_loop = next((lp for lp in loops if lp.line <= binding.line <= lp.end_line), None)
        if in_loop is None and not code.is_hot(binding.line):
            continue
        per = (
            f"every element of `{short(in_loop.collection, 30)}`"
            if in_loop and in_loop.collection
            else "every iteration" if in_loop else "every call"
        )  # fmt: skip
        literal = boxing.group(0).rstrip("{ ") + "{...}"
        return Construct(
            "boxed-values",
            "allocation_pressure",
            binding.line,
            "Values boxed into interface slots for every item",
            f"builds a new `{literal}` of interface values for {per} "
            f"({code.ref(binding.line)}): the slice escapes to the heap and every field stored "
            "in it is boxed (copied to the heap behind an interface value, runtime.convT*), "
            "so each item costs one allocation per field plus the slice",
            f"Keep the values in their own types: {_UNBOXED.get(code.language, 'a typed record')}; "
            "if a generic API needs []any, reuse one slice across items.",
            8,
        )
    return None


#: Reductions that take any iterable: given a list comprehension, they build it first.
_REDUCERS = {"sum", "max", "min", "any", "all", "len", "sorted", "set", "tuple", "frozenset"}


_FIRST_OF_LIST = re.compile(r"\[[^\[\]]+\bfor\b[^\[\]]+\bif\b[^\[\]]+\]\s*\[0\]")


def materialised_list(code: HotCode) -> Construct | None:
    """Build a whole Python list only to reduce it (``sum([x * x for x in xs])``)."""
    if code.language != "python" or code.family not in SHOWS_ALLOCATION:
        return None
    if code.is_hot(code.lines[0]) and _FIRST_OF_LIST.search(code.facts.statement):
        line = code.lines[0]
        return Construct(
            "materialised-list",
            cost_kind(code),
            line,
            "A whole filtered list built only for its first element",
            f"filters the whole collection into a new list only to take its first element "
            f"({code.ref(line)}): every element is tested and the list is allocated, although "
            "the scan could stop at the first match",
            "Stop at the first match with a generator: `next((x for x in items if ...), None)`; "
            "if the lookup is frequent, index the items by the key once (a dict).",
            7,
        )
    for call in code.hot_calls():
        inner = call.arguments.strip()[1:-1].strip() if call.arguments.startswith("(") else ""
        if (
            call.name in _REDUCERS
            and not call.receiver
            and inner.startswith("[")
            and re.search(r"\bfor\b", inner)
        ):
            return Construct(
                "materialised-list",
                cost_kind(code),
                call.line,
                f"A whole list built only for {call.name}()",
                f"builds a list of every element with a comprehension only to pass it to "
                f"`{call.name}()` ({code.ref(call.line)}): the whole intermediate list is "
                "allocated, filled and dropped on every call",
                f"Pass a generator expression instead (`{call.name}(x for x in ...)`, without "
                "the brackets): the elements are produced one at a time and no list is built; "
                "for numeric arrays, a vectorised numpy call.",
                7,
            )
    return None


_SPREAD = re.compile(r"\{\s*\.\.\.\s*[\w$.]+|Object\.assign\(\s*\{\s*\}\s*,")


def spread_per_item(code: HotCode) -> Construct | None:
    """Copy every property of an object into a new one, for every item of a collection."""
    if code.language not in ("javascript", "typescript"):
        return None
    if code.family not in SHOWS_ALLOCATION:
        return None
    for loop in code.hot_loops():
        if _SPREAD.search(loop.header) or (
            # A header-only function's statement is its header: it says nothing of a loop.
            not code.header_only and code.is_hot(loop.line) and _SPREAD.search(code.facts.statement)
        ):
            over = f"`{short(loop.collection, 30)}`" if loop.collection else "the loop"
            return Construct(
                "spread-per-item",
                cost_kind(code),
                loop.line,
                f"Each element of {short(loop.collection, 30)} copied into a new object",
                f"spreads every property of an object into a new object literal for each "
                f"element of {over} ({code.ref(loop.line)}): each item allocates a full copy, "
                "and the copies go straight to the garbage collector",
                "Set the new fields on the existing objects (or build one result object per "
                "item with only the fields needed); merge shared defaults once, outside the "
                "loop, instead of spreading them into every element.",
                7,
            )
    return None


_READ_ALL = {("io", "ReadAll"), ("ioutil", "ReadAll")}


def read_all(code: HotCode) -> Construct | None:
    """Read a whole stream into memory before decoding it (``io.ReadAll(r.Body)``)."""
    if code.family not in ("alloc", "inuse"):
        return None
    calls = [c for c in calls_of(code, _READ_ALL) if code.is_hot(c.line)]
    if not calls:
        return None
    call = calls[0]
    decoded = any(c.name in ("Unmarshal", "NewDecoder", "Decode") for c in code.facts.calls)
    then = " only to decode it" if decoded else ""
    return Construct(
        "read-all",
        "allocation_pressure",
        call.line,
        "Whole stream read into memory",
        f"reads all of `{short(call.first_argument, 30)}` into one byte slice with "
        f"`{call.callee}` ({code.ref(call.line)}){then}: io.ReadAll grows its buffer by "
        "doubling as it reads, so a large body is allocated and copied several times",
        "Decode from the stream (json.NewDecoder(r.Body).Decode(&v)), copy it where it is "
        "going with io.Copy, or read into a buffer sized from Content-Length and reused "
        "(sync.Pool); cap the size with http.MaxBytesReader.",
        8,
    )


ALLOCATION_RECOGNISERS = (
    boxed_values,
    read_all,
    materialised_list,
    spread_per_item,
    append_growth,
)
"""The allocation-idiom recognisers, most specific first."""
