"""Keys a lookup builds on every call: text formatted, or whole objects serialised, for a map.

Values serialised only to compare the texts are the same waste without the map.

A map or cache looked up by a key spelled as text (``fmt.Sprintf("%s:%d", a, b)``, an f-string)
builds, hashes and drops a string per lookup; one keyed by a serialisation of its arguments
(``JSON.stringify(args)``, ``json.dumps(obj)``) pays for encoding all of them, however large,
even on a hit. Both have keys that need no text.
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import (
    Construct,
    HotCode,
    calls_named,
    cost_kind,
    mentions,
    short,
)
from profile_insights.agent.analysis.models import ProblemKind
from profile_insights.agent.code.facts import Call

#: A key spelled by formatting or concatenating text: ``fmt.Sprintf(...)``, an f-string, a
#: template literal, ``String.format``, ``"a" + b``.
_FORMATTED = re.compile(
    r"Sprintf\(|Sprint\(|\.format\(|^f[\"']|`[^`]*\$\{|String\.format|^\$\"|%\s*\(|"
    r"[\"'`]\s*\+|\+\s*[\"'`]|strconv\.Itoa|\.join\("
)
_LOOKUPS = {
    "get", "has", "set", "Get", "Load", "Store", "containsKey", "ContainsKey", "TryGetValue",
    "fetch", "include?", "key?", "contains_key", "entry", "put", "setdefault", "pop",
}  # fmt: skip
#: A key that needs no text, per grammar.
KEY_IDIOM = {
    "go": "a comparable struct key (type key struct{ Origin, Dest string; Class int }) or "
    "nested maps",
    "python": "a tuple key (origin, dest, cls)",
    "javascript": "nested Maps, or a number packed from the parts",
    "typescript": "nested Maps, or a number packed from the parts",
    "java": "a record key (record Key(String origin, String dest, int cls))",
    "csharp": "a value tuple or record struct key",
    "ruby": "an array key [origin, dest] or a Struct",
    "rust": "a tuple or a #[derive(Hash, Eq, PartialEq)] struct key",
}


#: A formatted address, not a key: a URL or a path.
_ADDRESS = re.compile(r"://|^\w*[\"'`]/|^\w*[\"'`]\{?\w*(url|host|base)", re.IGNORECASE)
_CLIENTS = re.compile(r"(?i)client|session|http|requests|axios|api|fetch|conn|db|redis")


def _is_request(code: HotCode, call: Call) -> bool:
    """Return whether a ``get(...)`` is a request to a server (``requests.get(f"...")``)."""
    root = call.receiver.split(".")[0]
    return (
        root in code.facts.imports
        or bool(_CLIENTS.search(call.receiver))
        or bool(_ADDRESS.search(call.first_argument.strip()))
    )


def _made_then_looked_up(code: HotCode, made: re.Pattern[str]) -> list[tuple[int, str]]:
    """Return hot lines that make a name (as ``made`` matches) only for lookups to use as a key.

    ``key := fmt.Sprintf("%s|%d", a, b)`` then ``totals[key] += v``: the text is the key.
    """
    keys = {index.key.strip() for index in code.facts.indexes}
    keys |= {
        call.first_argument
        for call in calls_named(code, _LOOKUPS)
        if not _is_request(code, call)  # a formatted URL fetched is no key
    }
    # What the hot lines bind may be a piece of the key (a formatted bucket) joined below.
    pieces = code.hot_names()
    return [
        (binding.line, binding.value)
        for binding in code.facts.bindings
        if (code.is_hot(binding.line) or mentions(binding.value, pieces) is not None)
        and len(binding.names) == 1
        and binding.names[0] in keys
        and made.search(binding.value.strip())
    ]


def formatted_key(code: HotCode) -> Construct | None:
    """Format a string only to look it up in a map (``m[fmt.Sprintf("%s:%d", a, b)]``)."""
    found = [
        (index.line, index.key)
        for index in code.facts.indexes
        if code.is_hot(index.line) and _FORMATTED.search(index.key.strip())
    ]
    found += [
        (call.line, call.first_argument)
        for call in calls_named(code, _LOOKUPS)
        if code.is_hot(call.line)
        and _FORMATTED.search(call.first_argument)
        and not _is_request(code, call)
    ]
    found += _made_then_looked_up(code, _FORMATTED)
    if not found:
        return None
    line, key = min(found)
    per = "iteration" if code.facts.loops_around(line) else "call"
    return Construct(
        "formatted-key",
        cost_kind(code),
        line,
        "A map key formatted for every lookup",
        f"formats a string key (`{short(key.strip(), 50)}`) on every {per} only to look it up "
        f"({code.ref(line)}): each lookup builds, hashes and then drops a new string",
        f"Key the map by {KEY_IDIOM.get(code.language, 'a composite key that needs no text')} "
        "so no string is built per lookup, or compute the key once outside the loop and "
        "reuse it.",
        9,
    )


#: A key made by serialising values: JSON, pickle, a generic %v.
_SERIALISED = re.compile(
    r"JSON\.stringify\(|json\.dumps\(|json\.Marshal\(|pickle\.dumps\(|\brepr\(|"
    r"Marshal\(|to_json\b|JsonSerializer\.Serialize|writeValueAsString\(|Sprintf\(\s*\"%v\""
)
#: Keying a cache by what identifies the arguments, per grammar.
_IDENTITY_KEY = {
    "javascript": "a WeakMap keyed by the object itself, or nested Maps per argument keyed by "
    "ids or primitive values",
    "typescript": "a WeakMap keyed by the object itself, or nested Maps per argument keyed by "
    "ids or primitive values",
    "python": "a tuple of the hashable fields that identify the input (an id and a version), "
    "or functools.lru_cache on a function of those fields",
    "go": "a comparable struct of the fields that identify the input (an id and a version)",
}


def serialised_key(code: HotCode) -> Construct | None:
    """Serialise whole values to make a cache or map key on every lookup."""
    if code.family in ("inuse", "mutex", "block", "goroutine"):
        return None
    found = [
        (call.line, call.first_argument)
        for call in calls_named(code, _LOOKUPS)
        if code.is_hot(call.line) and _SERIALISED.search(call.first_argument)
    ]
    found += [
        (index.line, index.key)
        for index in code.facts.indexes
        if code.is_hot(index.line) and _SERIALISED.search(index.key.strip())
    ]
    found += _made_then_looked_up(code, _SERIALISED)
    if not found:
        return None
    line, key = min(found)
    identity = _IDENTITY_KEY.get(code.language, "the fields that identify the input")
    return Construct(
        "serialised-key",
        "serialization",
        line,
        "A cache key made by serialising the arguments on every lookup",
        f"serialises its values into a key (`{short(key.strip(), 50)}`) on every lookup "
        f"({code.ref(line)}): the whole input is encoded to text each time, hits included, so "
        "with a large argument (a full object, a table) making the key costs more than the "
        "work the cache saves",
        f"Key the cache by what identifies the input instead of by its serialisation: "
        f"{identity}; or cache one level up, where a small id is already at hand.",
        9,
    )


#: Comparing values structurally, per grammar: what to use instead of their serialisations.
_STRUCTURAL_EQUAL = {
    "javascript": "util.isDeepStrictEqual (or lodash isEqual), which stops at the first difference",
    "typescript": "util.isDeepStrictEqual (or lodash isEqual), which stops at the first difference",
    "python": "== on the dicts or dataclasses themselves, which stops at the first difference",
    "go": "a typed comparison of the fields (or reflect.DeepEqual as a last resort)",
}


def serialised_compare(code: HotCode) -> Construct | None:
    """Serialise two whole values only to compare the texts (``JSON.stringify(a) === ..``)."""
    if code.family in ("inuse", "mutex", "block", "goroutine"):
        return None
    found = [
        (line, text)
        for line, text in code.facts.comparisons
        if code.is_hot(line) and len(_SERIALISED.findall(text)) >= 2
    ]
    if not found:
        return None
    line, text = found[0]
    equal = _STRUCTURAL_EQUAL.get(code.language, "a structural comparison of the values")
    return Construct(
        "serialised-compare",
        "serialization",
        line,
        "Whole values serialised only to compare them",
        f"serialises both values in full only to compare the two texts (`{short(text, 60)}`, "
        f"{code.ref(line)}): every call encodes everything, however large and whether or not "
        "anything changed, and builds two big strings that are dropped at once",
        "Compare what can change instead: keep a version number or a hash beside the value "
        "and compare that, or compare only the fields the update touches; for a full check "
        f"use {equal}.",
        9,
    )


#: A value that differs on every call: the clock, a random or unique id.
_UNIQUE_SOURCE = re.compile(
    r"time\.Now\(\)|Date\.now\(\)|new Date\(\)|time\.time\(\)|time\.monotonic|"
    r"datetime\.(now|utcnow)\(|perf_counter|uuid\w*\(|randomUUID\(|Math\.random\(|"
    r"nanoid\(|time\.time_ns\(|System\.(currentTimeMillis|nanoTime)\("
)
#: Names that hold such a value.
_UNIQUE_NAME = re.compile(r"(?i)^(now|ts|timestamp|at|started|startedAt|t0|stamp|nonce|uuid)$")
_STORES = {"Put", "put", "Set", "set", "Store", "setdefault", "Add", "add", "LoadOrStore"}


def key_never_repeats(code: HotCode) -> Construct | None:
    """Key a cache by something unique per call (the request's time): it never hits, only grows."""
    if code.family in ("mutex", "block", "goroutine"):
        return None
    # A cache store takes a key and a value (an atomic's Store(v) takes one value).
    keys = [
        (c.line, c.first_argument)
        for c in code.facts.calls
        if c.name in _STORES and c.arguments.count(",") >= 1
    ]
    keys += [
        (u.line, u.target[u.target.find("[") + 1 : -1])
        for u in code.facts.updates
        if u.operator == "[]=" and code.facts.outlives_call(u.target.split("[")[0])
    ]
    given = code.facts.parameters | code.facts.locals
    for line, key in keys:
        values = [key] + [b.value for b in code.facts.bindings if key.strip() in b.names]
        unique = next((m for v in values if (m := _UNIQUE_SOURCE.search(v))), None) or next(
            (
                m
                for v in values
                for word in re.findall(r"\w+", v)
                if word in given and (m := _UNIQUE_NAME.match(word))
            ),
            None,
        )
        if unique is None:
            continue
        kind: ProblemKind = "retained_memory" if code.family == "inuse" else "cpu_hotspot"
        return Construct(
            "key-never-repeats",
            kind,
            line,
            "A cache keyed by a value unique to each call",
            f"stores under a key that includes `{unique.group(0)}`, which differs on every "
            f"call ({code.ref(line)}, key `{short(key.strip(), 40)}`): the request's time or a "
            "unique id makes every key new, so no later lookup can ever match, the cache never "
            "hits, computes everything anyway and keeps one new entry per call",
            "Key the cache by what determines the value (drop the timestamp, or round it to "
            "the freshness you need, e.g. the minute), and bound it with a TTL or an LRU so "
            "old entries leave.",
            10,
        )
    return None


KEY_RECOGNISERS = (key_never_repeats, serialised_key, serialised_compare, formatted_key)
"""The recognisers of keys made per lookup, most specific first."""
