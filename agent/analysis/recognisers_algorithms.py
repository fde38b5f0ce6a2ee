"""Recognisers of algorithmic cost: searching, building, sorting, hashing and copying data per call.

Each reads a :class:`~profile_insights.agent.analysis.constructs.HotCode` and names the construct
on the hot code: a linear search (a loop that compares and exits, ``in`` on a list,
``includes``), text or buffers built by repeated concatenation, a sort, a hash, compression or
reflection done on every call.
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import (
    BUILDER_IDIOM,
    INDEX_IDIOM,
    Construct,
    HotCode,
    calls_named,
    compared_key,
    cost_kind,
    short,
)
from profile_insights.agent.analysis.recognisers_copies import (
    consumed_from_front,
    prepend_copy,
    tail_copy,
)
from profile_insights.agent.code.facts import Loop, root_of

SORT_ENTRIES = ("go-sort", "node-array-sort", "cpython-list-sort", "dotnet-sort", "ruby-sort")


HASH_ENTRIES = (
    "go-sha", "go-hash-checksum", "py-hashlib", "node-hash", "java-messagedigest",
    "ruby-digest", "rust-hashing",
)  # fmt: skip


SEARCH_ENTRIES = (
    "cpython-list-search", "node-array-search", "java-list-search", "dotnet-list-search",
    "ruby-linear-search",
)  # fmt: skip


_SORT = {
    "sort",
    "sorted",
    "Slice",
    "SliceStable",
    "Sort",
    "Stable",
    "Strings",
    "Ints",
    "SortFunc",
    "OrderBy",
    "sort_by",
    "SortStableFunc",
}


def sort_per_call(code: HotCode) -> Construct | None:
    """Sort a whole collection on every call."""
    calls = [
        c
        for c in calls_named(code, _SORT)
        if c.name in ("sort", "sorted", "OrderBy", "sort_by")
        or c.receiver.endswith(("sort", "slices", "Collections", "Arrays", "Array"))
    ]
    if not calls and not code.shows(*SORT_ENTRIES):
        return None
    line = calls[0].line if calls else code.lines[0]
    comparator = "" if not calls else calls[0].arguments
    keyed = bool(re.search(r"\w+\([^()]*\)", comparator[comparator.find(",") + 1 :]))
    extra = (
        "; the comparator calls functions, so the sort key is recomputed n log n times"
        if keyed
        else ""
    )
    return Construct(
        "sort-per-call",
        "cpu_hotspot",
        line,
        "Whole collection sorted on every call",
        f"sorts the whole collection on every call ({code.ref(line)}): n log n comparisons "
        f"each time, for data that changes far less often than it is read{extra}",
        "Keep the data sorted as it changes (insert in place, or a sorted index rebuilt on "
        "write) and reuse that order; when only the top N or one rank is needed, use a heap "
        "or partial selection (heapq.nlargest, container/heap); compute each sort key once "
        "(key=, a precomputed score) instead of inside the comparator.",
        7,
    )


_HASH = {
    "Sum256",
    "Sum",
    "New",
    "sha256",
    "sha1",
    "md5",
    "sha512",
    "createHash",
    "digest",
    "hexdigest",
    "update",
    "getInstance",
    "ComputeHash",
    "ChecksumIEEE",
    "Checksum",
    "crc32",
    "adler32",
    "HashData",
}


#: Packages whose functions are handed to a hash as its kind (hmac.New(sha256.New, key)).
_HASH_PACKAGES = {"sha256", "sha1", "sha512", "md5", "crypto", "hashlib", "hmac", "fnv", "blake2b"}


def hash_per_call(code: HotCode) -> Construct | None:
    """Hash (or checksum) a large payload on every call."""
    calls = [
        c
        for c in calls_named(code, _HASH)
        if re.search(r"(?i)sha|md5|crc|adler|blake|hash|digest|fnv|xxh|zlib\.crc|hmac", c.callee)
        and not re.search(r"(?i)hashpw|pbkdf|scrypt", c.callee)
    ]
    if not calls and not code.shows(*HASH_ENTRIES):
        return None
    line = calls[0].line if calls else code.lines[0]
    facts = code.facts
    given = calls or code.hot_calls()
    hashed = [
        root
        for c in given
        for argument in c.arguments.strip("()").split(",")
        if (root := root_of(argument)) and root not in facts.imports and root not in _HASH_PACKAGES
    ]
    # What a function hashes from its own parameters is this call's input, not stored data.
    kept = any(
        root and root not in facts.parameters and facts.outlives_call(root) for root in hashed
    )
    if given and not kept:
        return Construct(
            "hash-per-call",
            "cpu_hotspot",
            line,
            "Input hashed on every call",
            f"hashes what it is given on every call (`{short(given[0].callee, 30)}` at "
            f"{code.ref(line)}): the digest costs time in proportion to every byte, so what "
            "matters is how many times each input is hashed",
            "Hash each input once: if a request hashes the same bytes more than once (per "
            "candidate key, per retry, per comparison), compute the digest once and reuse it; "
            "where no security is needed, use a fast non-cryptographic hash (xxhash, FNV, "
            "crc32).",
            7,
        )
    return Construct(
        "hash-per-call",
        "cpu_hotspot",
        line,
        "Payload hashed on every call",
        f"hashes the data on every call ({code.ref(line)}): the digest costs time in "
        "proportion to every byte, recomputed for content that has not changed",
        "Compute the digest once when the data is written or changes and keep it beside the "
        "data (an ETag stored with the document), or use a cheaper change marker (a version "
        "counter, size and modification time).",
        7,
    )


_REFLECT = {
    "ValueOf",
    "TypeOf",
    "FieldByName",
    "MethodByName",
    "getDeclaredField",
    "getMethod",
    "invoke",
    "GetProperty",
    "GetValue",
}


def reflection_per_call(code: HotCode) -> Construct | None:
    """Use reflection on every call."""
    calls = calls_named(code, _REFLECT)
    calls = [
        c
        for c in calls
        if c.receiver.endswith(("reflect", "Class", "getClass()", "GetType()"))
        or c.name in ("FieldByName", "MethodByName")
    ]
    if not calls:
        return None
    line = calls[0].line
    return Construct(
        "reflection",
        cost_kind(code),
        line,
        "Reflection on every call",
        f"looks fields up by reflection (`{calls[0].callee}`) on every call "
        f"({code.ref(line)}): name look-ups and boxed values, each time",
        "Resolve the fields once (cache the reflect.Type and field indexes per type), or "
        "write the copy with typed code (or generate it) instead of reflecting per call.",
        7,
    )


#: Calls that scan a sequence element by element, per grammar (a method of the user's own
#: class with the same name is not one: Python's str.find, a repository's .find()).
_SEARCH_CALLS: dict[str, frozenset[str]] = {
    "javascript": frozenset({"includes", "indexOf", "lastIndexOf", "find", "findIndex", "some"}),
    "typescript": frozenset({"includes", "indexOf", "lastIndexOf", "find", "findIndex", "some"}),
    "go": frozenset({"Contains", "Index", "IndexFunc", "ContainsFunc"}),
    "python": frozenset({"index", "count"}),
    "java": frozenset({"contains", "indexOf", "lastIndexOf"}),
    "csharp": frozenset({"Contains", "IndexOf", "Find", "FindIndex", "Any"}),
    "ruby": frozenset({"include?", "index", "find", "detect", "member?"}),
    "rust": frozenset({"contains", "position"}),
}


def _searches(code: HotCode, loop: Loop) -> bool:
    """Return whether a loop that compares and exits looks something up (not a guard)."""
    if not (loop.compares_and_exits and loop.collection and loop.kind != "comprehension"):
        return False
    # `if s.ID == "" { continue }`, `if r.Action == Rename` and `return err` are checks of
    # the element, not a key looked up: a search compares the element with a given key.
    return not loop.comparisons or compared_key(code, loop) is not None


def linear_search(code: HotCode) -> Construct | None:
    """Look an element up by scanning a collection (a loop, ``in`` on a list, ``includes``)."""
    if code.family in ("alloc", "inuse", "goroutine"):
        return None  # a scan allocates nothing and holds nothing
    idiom = INDEX_IDIOM.get(code.language, "a hash map built once")
    for loop in code.hot_loops():
        if _searches(code, loop):
            return Construct(
                "linear-search",
                "cpu_hotspot",
                loop.line,
                f"Linear search over {short(loop.collection, 40)}",
                f"searches `{short(loop.collection)}` element by element for a match on every "
                f"lookup ({code.ref(loop.line)}): a linear scan, O(n) per lookup",
                f"Index `{short(loop.collection)}` by the key once ({idiom}) and look entries "
                "up in O(1); keep the index up to date where the collection changes.",
                8,
            )
    for member in code.facts.memberships:
        if re.split(r"[.\[(]", member.collection.strip())[-1] in code.facts.hashed_in_file:
            continue  # a set or a dict: the test is a hash lookup
        if code.is_hot(member.line) or member.loop_depth > 0:
            return Construct(
                "linear-search",
                "cpu_hotspot",
                member.line,
                f"Membership test on {short(member.collection, 40)} in a loop",
                f"tests `{short(member.element, 30)} in {short(member.collection, 40)}` "
                f"{'inside a loop ' if member.loop_depth else ''}({code.ref(member.line)}): "
                "on a list or tuple each test is a linear scan of every element (O(n) per "
                "test, O(n·m) over the loop)",
                f"Make `{short(member.collection, 40)}` a set (or dict) once, outside the "
                "loop: each membership test is then a hash lookup, O(1) instead of a scan.",
                8,
            )
    names = set(_SEARCH_CALLS.get(code.language, frozenset()))
    calls = [
        c
        for c in calls_named(code, names)
        if c.receiver
        and (c.loop_depth > 0 or code.is_hot(c.line))
        and (code.language != "go" or c.receiver.endswith("slices"))
        # Python's list.index is a scan; str.index on a text is a substring search.
        and (
            code.language != "python"
            or (code.facts.outlives_call(c.receiver) and not _TEXT_NAMES.search(c.receiver))
        )
    ]
    if not calls:
        return None
    call = calls[0]
    return Construct(
        "linear-search",
        "cpu_hotspot",
        call.line,
        f"Linear search with {call.name} on {short(call.receiver, 40)}",
        f"calls `{short(call.callee)}` {'inside a loop ' if call.loop_depth else ''}"
        f"({code.ref(call.line)}): a linear scan of `{short(call.receiver, 40)}` per lookup, "
        "O(n) each time",
        f"Build {idiom} from `{short(call.receiver, 40)}` once and look elements up in O(1) "
        "instead of scanning it.",
        8,
    )


#: Names that hold text, as a whole name or its last word (``html_out``; not ``totals``).
_TEXT_NAMES = re.compile(
    r"(?i)(?:^|_)(body|text|html|out|output|result|buf|line|csv|s|str|msg|message|sql|query|"
    r"json|xml|report|doc|content)$|[a-z](Body|Text|Html|Out|Output|Result|Buf|Line|Csv|Str|"
    r"Msg|Message|Sql|Query|Json|Xml|Report|Doc|Content)$"
)


#: Growing one collection in place, per grammar: the fix for re-creating it on every step.
ACCUMULATE_IDIOM = {
    "go": "Append to one slice (make([]T, 0, n) when the size is known) or write into one "
    "bytes.Buffer / strings.Builder, instead of building a new one from the old on each step.",
    "python": "Append to one list in place (points.append(p), or points.extend(more)) and "
    "convert or join once at the end (b''.join(chunks) for bytes); `x = x + [...]` copies "
    "the whole list on every step.",
    "javascript": "Push into one array (rows.push(...items), or build it with flatMap) and "
    "concatenate once at the end (Buffer.concat(chunks), parts.join('')): a spread "
    "`[...acc, x]` copies the whole array on every step.",
    "typescript": "Push into one array (rows.push(...items), or build it with flatMap) and "
    "concatenate once at the end (Buffer.concat(chunks), parts.join('')): a spread "
    "`[...acc, x]` copies the whole array on every step.",
    "java": "Add to one ArrayList (sized up front) or one StringBuilder instead of copying "
    "the collection on each step.",
    "csharp": "Add to one List<T> (with a capacity) or one StringBuilder instead of copying "
    "the collection on each step.",
    "ruby": "Append in place (<<, concat) to one array or string, or build it once with "
    "map/flat_map.",
    "rust": "Push into one Vec (Vec::with_capacity) or extend it in place.",
}


def string_concat(code: HotCode) -> Construct | None:
    """Build a string (or buffer, or array) by repeated concatenation: quadratic copying."""
    idiom = BUILDER_IDIOM.get(code.language, "a builder")
    for update in sorted(code.facts.updates, key=lambda u: (not code.is_hot(u.line), u.line)):
        hot = code.is_hot(update.line) or any(
            lp.line <= update.line <= lp.end_line for lp in code.hot_loops()
        )
        if not hot:
            continue
        attribute = "." in update.target or "self" in update.target
        textual = update.textual or bool(_TEXT_NAMES.search(update.target.split(".")[-1]))
        if update.operator == "+=" and textual and (update.loop_depth > 0 or attribute):
            note = (
                " (on an attribute, so CPython's in-place shortcut for `s += t` does not apply)"
                if code.language == "python" and attribute
                else ""
            )
            return Construct(
                "string-concat",
                cost_kind(code),
                update.line,
                "String built with +=",
                f"builds `{short(update.target, 40)}` by concatenation with `+=` "
                f"({code.ref(update.line)}): "
                + (
                    "V8 keeps the pieces as a rope, and every read of the whole string in "
                    "between (its byte length, a search, a regex) flattens it, copying "
                    "everything so far, so the work grows quadratically with its length"
                    if code.language in ("javascript", "typescript")
                    else "each step copies the whole string so far, so the work grows "
                    f"quadratically with its length{note}"
                ),
                f"Collect the parts and build the text once: {idiom}.",
                8,
            )
        # Go's append(dst, b...) grows dst in place (amortised): "..." there is no copy; but
        # append([]T{x}, dst...) prepends, copying all of dst into a new array every time.
        target = re.escape(update.target.strip())
        growing = bool(re.match(rf"append\(\s*{target}\s*,", update.value.lstrip()))
        consumed = consumed_from_front(update.target.strip(), update.value.strip())
        if update.operator == "=" and consumed and code.language != "go":
            return tail_copy(code, update.line, update.target.strip(), update.value.strip())
        # An index or a slice bound (data[i + n:]) is no concatenation.
        joined = re.sub(r"(?<=[\w)\]])\[[^\]]*\]", "[]", update.value)
        if update.operator == "=" and not growing and re.search(r"concat|\.\.\.|\+", joined):
            prepends = bool(re.match(rf"append\(\s*\[\][^,]*,\s*{target}\s*\.\.\.\s*\)$",
                                     update.value.strip()))  # fmt: skip
            if prepends:
                return prepend_copy(code, update.line, update.target.strip())
            return Construct(
                "quadratic-concat",
                cost_kind(code),
                update.line,
                f"{short(update.target, 30)} re-created from itself on every step",
                f"re-creates `{short(update.target, 40)}` from itself on every step "
                f"(`{short(update.value, 50)}` at {code.ref(update.line)}): each step copies "
                "everything accumulated so far, so the total copying is quadratic",
                (
                    "Assign into one object (acc[key] = value; return acc) or fill a Map, "
                    "instead of spreading the accumulator into a new object on every step."
                    if re.match(r"\(?\s*\{\s*\.\.\.", update.value.strip())
                    else ACCUMULATE_IDIOM.get(
                        code.language,
                        "Append in place to one collection (or buffer) and concatenate once "
                        "at the end, instead of copying it on every step.",
                    )
                ),
                8,
            )
    return None
