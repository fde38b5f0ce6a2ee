"""Allocation a loop or a call makes that the same code could do without.

Each recogniser names an idiom that allocates more than the work needs, in the language it is
written in: a Go slice grown by ``append`` from nothing, text split into a new slice per line,
a list built only to be reduced, an object spread into a new one per item, a whole text
rewritten once per word, a request body read whole before it is decoded.
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import (
    Construct,
    HotCode,
    calls_of,
    cost_kind,
    loop_around,
    short,
)

#: Profiles in which allocation shows: the allocation ones, and CPU (malloc, GC, copying).
_SHOWS_ALLOCATION = ("alloc", "cpu", "wall", "other")
#: A Go slice made with room for what is appended (make with a capacity, or a length).
_SIZED_MAKE = re.compile(r"^make\(\s*\[\][^,]+,\s*[^,)]+,\s*[^)]+\)|^make\(\s*\[\][^,]+,\s*[^0\s)]")


def append_growth(code: HotCode) -> Construct | None:
    """Grow a Go slice from nothing with ``append`` in a loop whose length is known."""
    if code.language != "go" or code.family not in _SHOWS_ALLOCATION:
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
    if code.family not in _SHOWS_ALLOCATION:
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


#: Splits that allocate a new slice (and strings) for every piece: (receiver, name).
_SPLITTERS = {
    ("strings", "Split"), ("strings", "Fields"), ("strings", "SplitN"), ("bytes", "Split"),
    ("bytes", "Fields"), ("", "split"), ("", "rsplit"),
}  # fmt: skip
_CUT = {
    "go": "strings.Cut / strings.IndexByte to take the fields you need without a slice",
    "python": "str.partition / str.split(sep, maxsplit) for the fields you need, or csv",
    "javascript": "indexOf and slice for the fields you need, without an array per line",
    "typescript": "indexOf and slice for the fields you need, without an array per line",
}


#: A loop over all the lines of a text (``range strings.Split(text, "\n")``, ``splitlines()``).
_LINES_OF = re.compile(r"Split\w*\([^,]+,\s*\"\\n\"|splitlines\(|split\(\s*['\"]\\n['\"]|Lines\(")


def split_per_item(code: HotCode) -> Construct | None:
    """Split every line or record into a new slice of new strings, in a loop."""
    calls = [c for c in calls_of(code, _SPLITTERS) if c.loop_depth > 0 and code.is_hot(c.line)]
    if not calls or code.family not in _SHOWS_ALLOCATION:
        return None
    call = calls[0]
    loop, collection = loop_around(code, call.line)
    # The loop's own header (range strings.Split(text, "\n")) runs once; the split inside
    # the body runs per line.
    inner = [c for c in calls if not (loop and c.callee in loop.collection)]
    call = inner[0] if inner else call
    whole = loop.collection if loop and _LINES_OF.search(loop.collection) else ""
    if whole:
        return Construct(
            "reparse-per-call",
            cost_kind(code),
            call.line,
            "The whole text split into lines and fields on every call",
            f"splits the whole text into lines (`{short(whole, 40)}`) and every line into "
            f"fields with `{short(call.callee, 24)}` on every call ({code.ref(call.line)}), "
            "to use a few of them: each call re-parses all of it, allocating a slice and "
            "strings per line",
            "Parse the text once, when it is loaded or changes, into a structure made for the "
            "lookup (a map or a sorted slice by key, a trie for prefixes), keep it beside the "
            "text, and look entries up there on every call.",
            8,
        )
    if code.family != "alloc":
        return None
    return Construct(
        "split-per-item",
        "allocation_pressure",
        call.line,
        f"Every item split into new strings by {short(call.callee, 24)}",
        f"calls `{short(call.callee, 30)}` for every element of {collection or 'the loop'} "
        f"({code.ref(call.line)}): each call allocates a new slice and a string per field, "
        "although only a few fields are used and the pieces are dropped right after",
        f"Take the fields without splitting everything: "
        f"{_CUT.get(code.language, 'scan for the separators you need')}; or reuse one "
        "buffer of fields across items.",
        7,
    )


#: Calls that cut a text (or match a pattern) into a new list of pieces, by name.
_PIECES = {
    "Split", "SplitN", "SplitAfter", "Fields", "FieldsFunc", "split", "splitlines", "findall",
    "FindAllString", "FindAllStringIndex", "FindAll", "readlines", "match", "matchAll", "scan",
}  # fmt: skip
#: A list of pieces measured on the spot: ``s.split("\n").length``, ``.Split('\n').Length``.
_MEASURED = re.compile(
    r"\.(?:split|Split|match|scan|lines)\((?:[^()]|\([^()]*\))*\)\.(?:length|Length|size|count)\b"
)
#: Counting without splitting, per grammar.
_COUNT_IDIOM = {
    "go": 'strings.Count(s, "\\n") (bytes.Count for []byte)',
    "python": 's.count("\\n"), or sum(1 for _ in re.finditer(...)) for a pattern',
    "javascript": "a loop with indexOf('\\n', from) that counts, without an array of pieces",
    "typescript": "a loop with indexOf('\\n', from) that counts, without an array of pieces",
    "java": "a loop over indexOf('\\n', from), or s.chars().filter(c -> c == '\\n').count()",
    "csharp": "s.AsSpan().Count('\\n') (or a loop over IndexOf)",
    "ruby": 's.count("\\n") (or each_line.count, which builds no array)',
    "rust": "s.matches('\\n').count() or bytecount, without collecting",
}


def split_to_count(code: HotCode) -> Construct | None:
    """Split a whole text into a list of pieces only to count them (``len(strings.Split(..))``)."""
    if code.family not in _SHOWS_ALLOCATION:
        return None
    found: list[tuple[int, str]] = []
    for call in code.hot_calls():
        argument = call.first_argument.lstrip("(")
        name = re.match(r"[\w.$]*?(\w+)\(", argument)
        if call.name == "len" and not call.receiver and name and name.group(1) in _PIECES:
            found.append((call.line, argument.split("(")[0]))
        elif call.name in _PIECES and not code.header_only and code.lines:
            if call.line == code.lines[0] and _MEASURED.search(code.facts.statement):
                found.append((call.line, call.callee))
    if not found:
        return None
    line, splitter = min(found)
    return Construct(
        "split-to-count",
        cost_kind(code),
        line,
        f"A whole text split by {short(splitter, 24)} only to count its pieces",
        f"splits the whole text with `{short(splitter, 30)}` only to take the length of the "
        f"result ({code.ref(line)}): every call allocates a list (and a string header) per "
        "piece for the entire payload, only to count them and drop them at once",
        f"Count without splitting: {_COUNT_IDIOM.get(code.language, 'count the separators')}; "
        "or count while the pieces are walked anyway, and stop as soon as a limit is passed.",
        8,
    )


#: Reductions that take any iterable: given a list comprehension, they build it first.
_REDUCERS = {"sum", "max", "min", "any", "all", "len", "sorted", "set", "tuple", "frozenset"}


_FIRST_OF_LIST = re.compile(r"\[[^\[\]]+\bfor\b[^\[\]]+\bif\b[^\[\]]+\]\s*\[0\]")


def materialised_list(code: HotCode) -> Construct | None:
    """Build a whole Python list only to reduce it (``sum([x * x for x in xs])``)."""
    if code.language != "python" or code.family not in _SHOWS_ALLOCATION:
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
    if code.family not in _SHOWS_ALLOCATION:
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


def replace_per_word(code: HotCode) -> Construct | None:
    """Rewrite a whole text once per word of a list (``text = text.replace(w, "")``)."""
    if code.family not in _SHOWS_ALLOCATION:
        return None
    for update in code.facts.updates:
        target = update.target.strip()
        if (
            update.loop_depth > 0
            and code.is_hot(update.line)
            and re.match(rf"{re.escape(target)}\.(replace|replaceAll|sub|gsub)\(", update.value)
        ):
            _, collection = loop_around(code, update.line)
            return Construct(
                "replace-per-word",
                cost_kind(code),
                update.line,
                f"The whole of {short(target, 20)} rewritten once per word",
                f"replaces into `{target}` once per element of {collection or 'the loop'} "
                f"({code.ref(update.line)}): every pass scans and copies the whole text, so "
                "the work is the text's length times the number of words",
                "Make one pass: a single compiled regex alternation of all the words "
                "(re.compile('|'.join(map(re.escape, words)))), str.translate for characters, "
                "or strings.NewReplacer built once in Go.",
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
    split_to_count,
    boxed_values,
    read_all,
    replace_per_word,
    materialised_list,
    spread_per_item,
    split_per_item,
    append_growth,
)
"""The allocation-idiom recognisers, most specific first."""
