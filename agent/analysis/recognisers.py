"""Recognisers of work repeated per call: what a hot function does again and again, and the fix.

Each reads a :class:`~profile_insights.agent.analysis.constructs.HotCode` and returns a
:class:`~profile_insights.agent.analysis.constructs.Construct` when its construct is on the hot
code: a linear search, text built by concatenation, a copy, a sort, a compile, a parse, a
key derivation, a hash, compression, reflection or a file read done on every call or
iteration. :data:`RECOGNISERS` lists them with those of :mod:`recognisers_state` (timers,
listeners, locks, unbounded growth, waiting), most specific first.
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import (
    Construct,
    HotCode,
    Recogniser,
    calls_named,
    cost_kind,
    loop_around,
    short,
)
from profile_insights.agent.analysis.recognisers_algorithms import (
    hash_per_call,
    linear_search,
    reflection_per_call,
    sort_per_call,
    string_concat,
)
from profile_insights.agent.analysis.recognisers_alloc import ALLOCATION_RECOGNISERS
from profile_insights.agent.analysis.recognisers_bits import bitwise_checksum
from profile_insights.agent.analysis.recognisers_buffers import BUFFER_RECOGNISERS
from profile_insights.agent.analysis.recognisers_codecs import compression_per_call
from profile_insights.agent.analysis.recognisers_copies import kept_copy
from profile_insights.agent.analysis.recognisers_loops import LOOP_RECOGNISERS
from profile_insights.agent.analysis.recognisers_queries import QUERY_RECOGNISERS
from profile_insights.agent.analysis.recognisers_queues import advanced_queue
from profile_insights.agent.analysis.recognisers_scans import SCAN_RECOGNISERS
from profile_insights.agent.analysis.recognisers_scope import (
    clock_stepping,
    defer_in_loop,
    exhaustive_recursion,
    kept_exception,
    shrink_per_step,
)
from profile_insights.agent.analysis.recognisers_setup import key_derivation, setup_per_call
from profile_insights.agent.analysis.recognisers_state import STATE_RECOGNISERS
from profile_insights.agent.analysis.recognisers_text import TEXT_RECOGNISERS
from profile_insights.agent.code.facts import Call

#: Knowledge entries whose frames under a hot line show the construct itself.
DEEP_COPY_ENTRIES = ("py-copy", "node-structured-clone", "node-deep-clone", "ruby-deep-dup")
REGEX_COMPILE_ENTRIES = (
    "go-regexp-compile", "py-re-compile", "java-regex-compile", "dotnet-regex-construct",
    "ruby-regexp-new", "rust-regex-compile",
)  # fmt: skip


_DEEP_COPY = {"deepcopy", "structuredClone", "cloneDeep", "deep_dup", "DeepCopy", "deep_copy"}


def deep_copy(code: HotCode) -> Construct | None:
    """Copy every nested object of shared data on every call."""
    calls = calls_named(code, _DEEP_COPY)
    calls += [
        c for c in calls_named(code, {"parse"}, ("JSON",)) if "JSON.stringify" in c.arguments
    ]  # the JavaScript idiom JSON.parse(JSON.stringify(x))
    calls += [
        c
        for c in calls_named(code, {"loads"}, ("pickle", "json", "orjson", "marshal", "cPickle"))
        if "dumps(" in c.arguments
    ]  # and Python's pickle.loads(pickle.dumps(x)), json.loads(json.dumps(x))
    if not calls and not code.shows(*DEEP_COPY_ENTRIES):
        return None
    call = calls[0] if calls else None
    line = call.line if call else code.lines[0]
    what = short(call.arguments.strip("()") if call else "its argument")
    return Construct(
        "deep-copy",
        cost_kind(code),
        line,
        "Deep copy on every call",
        f"deep-copies `{what}` on every call ({code.ref(line)}): every nested object is copied "
        "each time, although most of it does not change",
        "Stop deep-copying shared data per call: treat it as immutable and read it directly, "
        "copy only what changes (a shallow copy or structural sharing, e.g. {...obj, field: v} "
        "or dict(obj, field=v)), or copy once when the data itself changes.",
        9,
    )


_COMPILE = {"MustCompile", "Compile", "compile", "RegExp", "Regex", "new"}


#: A cache of compiled patterns, per grammar.
_PATTERN_CACHE = {
    "python": "functools.lru_cache around re.compile",
    "javascript": "a Map from the pattern text to its RegExp",
    "typescript": "a Map from the pattern text to its RegExp",
    "go": "a map[string]*regexp.Regexp filled once, or sync.Map",
    "java": "a ConcurrentHashMap of Pattern objects",
    "ruby": "a Hash of Regexp objects",
}


def regex_compile(code: HotCode) -> Construct | None:
    """Compile a regular expression on every call."""
    calls = [
        c
        for c in calls_named(code, _COMPILE)
        if (c.name in ("MustCompile", "Compile") and c.receiver.endswith("regexp"))
        or (c.name == "compile" and c.receiver in ("re", "regex", "Pattern"))
        or (c.name in ("RegExp", "Regex") and c.constructs)
        or (c.name == "new" and c.receiver.endswith(("Regexp", "Regex")))
    ]

    # A pattern built from data per call (re.match(f"^{prefix}-", s)): every call compiles
    # a new pattern, and the module's small cache of compiled ones keeps missing.
    def spelled(call: Call) -> str:
        """Return the pattern a call's first argument spells (through a local bound to it)."""
        first = call.first_argument
        bound = [b.value for b in code.facts.bindings if b.names == (first,)]
        return bound[-1] if bound else first

    built = [
        c
        for c in code.hot_calls()
        if c.name in _MATCHES
        and c.receiver in ("re", "regex", "regexp", "Regex", "Pattern")
        and _BUILT_PATTERN.search(spelled(c))
    ]
    if not calls and not built and not code.shows(*REGEX_COMPILE_ENTRIES):
        return None
    call = calls[0] if calls else built[0] if built else None
    line = call.line if call else code.lines[0]
    pattern = short(spelled(call)) if call else "the pattern"
    dynamic = call is not None and bool(_BUILT_PATTERN.search(spelled(call)))
    loop, collection = loop_around(code, line)
    per = f"iteration of the loop over {collection}" if loop and collection else "call"
    return Construct(
        "regex-compile",
        "cpu_hotspot",
        line,
        f"Regular expression compiled on every {'iteration' if loop else 'call'}",
        f"compiles the regular expression `{pattern}` on every {per} ({code.ref(line)}): "
        + (
            "the pattern is built from data, so each call compiles a new one and the "
            "regex cache keeps missing; "
            if dynamic
            else ""
        )
        + "parsing and compiling a pattern costs far more than matching it",
        (
            "Write one pattern that takes the varying part as a group (or test the prefix "
            "with a plain string check and match the rest with one precompiled pattern), "
            "compiled once at module level; if the patterns truly vary, cache the compiled "
            f"ones per value ({_PATTERN_CACHE.get(code.language, 'a map keyed by the pattern')})."
            if dynamic
            else "Compile the expression once (a package- or module-level variable, a static "
            "final field) and reuse it; when the patterns vary, keep compiled patterns in a "
            "cache keyed by the pattern."
        ),
        9,
    )


_MATCHES = {"match", "search", "fullmatch", "sub", "subn", "findall", "finditer", "split"}
_MATCHES |= {"MatchString", "Match", "IsMatch", "Replace", "matches"}
#: A pattern spelled from data: an f-string, a format call, concatenation, a template.
_BUILT_PATTERN = re.compile(r"^(f|rf|fr)[\"']|\.format\(|[\"'`]\s*\+|\+\s*[\"'`]|`[^`]*\$\{|%\s*\(")


_TEMPLATE = {"Parse", "ParseFiles", "ParseGlob", "Template", "compile", "template", "from_string"}


def template_parse(code: HotCode) -> Construct | None:
    """Parse a template on every call."""
    calls = [
        c
        for c in calls_named(code, _TEMPLATE)
        if re.search(r"(?i)templ|tmpl|handlebars|ejs|mustache|jinja|erb|_\.template", c.callee)
    ]
    if not calls:
        return None
    line = calls[0].line
    return Construct(
        "template-parse",
        "cpu_hotspot",
        line,
        "Template parsed on every call",
        f"parses a template with `{calls[0].callee}` on every call ({code.ref(line)})",
        "Parse the template once (at start-up, e.g. template.Must(template.New(..).Parse(..)) "
        "in a package variable, or a compiled template cached by name) and only execute it per "
        "call.",
        8,
    )


_READS = {
    "readFileSync", "readFile", "ReadFile", "open", "ReadAllText", "ReadAllBytes", "readAllBytes",
    "readAllLines", "read_text", "read_bytes", "Open", "statSync", "existsSync", "readdirSync",
    "ReadDir", "Stat", "load", "safe_load", "DictReader",
}  # fmt: skip


def file_per_call(code: HotCode) -> Construct | None:
    """Read (and parse) a file on every call instead of once."""
    if code.facts.name in ("main", "init", "__init__", "<module>", "setup", "load_config"):
        return None
    calls = [
        c
        for c in calls_named(code, _READS)
        if c.name not in ("open", "Open", "load", "safe_load")
        or c.receiver in ("", "os", "io", "builtins", "yaml", "json", "fs", "File")
    ]

    # json.load(f) reads what f is: a file opened here, not a network response.
    def from_file(call: Call) -> bool:
        if call.name not in ("load", "safe_load"):
            return True
        made = [b.value for b in code.facts.bindings if call.first_argument in b.names]
        return not made or any(re.search(r"\bopen\(", value) for value in made)

    calls = [c for c in calls if from_file(c)]
    # Opening a file to write it (open(p, "wb"), fs.writeFileSync) is no read to cache.
    calls = [c for c in calls if not re.search(r"[\"'][rbt+]*[wax][bt+]*[\"']", c.arguments)]
    calls = [c for c in calls if code.is_hot(c.line) or c.loop_depth > 0] or (
        calls if code.header_only else []
    )
    if not calls:
        return None
    call = calls[0]
    target = short(call.arguments.strip("()")) or "a file"
    parsed = (
        " and parses it"
        if any(
            c.name in ("DictReader", "load", "safe_load", "parse", "loads")
            for c in code.hot_calls()
        )
        else ""
    )
    return Construct(
        "file-per-call",
        "io_wait" if code.family == "wall" else "cpu_hotspot",
        call.line,
        "File read on every call",
        f"reads `{target}` from disk{parsed} on every call ({code.ref(call.line)}): system "
        "calls and parsing repeated for data that does not change between requests",
        "Read and parse it once at start-up (or cache the parsed result and reload only when "
        "the file changes), and serve lookups from memory (a dict/map keyed by what is "
        "looked up).",
        8,
    )


_PARSE = {
    "strptime",
    "Parse",
    "parse",
    "ParseInLocation",
    "fromisoformat",
    "DateTime.Parse",
    "parseDate",
}


def parse_per_row(code: HotCode) -> Construct | None:
    """Parse dates (or numbers) with a slow general parser for every row."""
    calls = [
        c
        for c in calls_named(
            code, {"strptime", "Parse", "ParseInLocation", "ParseExact", "strftime"}
        )
        if c.name == "strptime" or c.receiver in ("time", "DateTime", "datetime")
    ]
    if not calls and not code.shows("py-strptime", "ruby-time-parse", "ruby-date-parse"):
        return None
    line = calls[0].line if calls else code.lines[0]
    name = calls[0].callee if calls else "datetime.strptime"
    return Construct(
        "date-parse",
        "cpu_hotspot",
        line,
        f"Timestamps parsed per row with {name.rsplit('.', 1)[-1]}",
        f"parses a timestamp with `{name}` for every row ({code.ref(line)}): a general format "
        "parser (datetime.strptime is pure Python) run once per record",
        "Parse fixed ISO 8601 timestamps with datetime.fromisoformat (C, much faster) or a "
        "precompiled layout, cache results per distinct value, or keep timestamps as numbers.",
        8,
    )


#: Calls that make a buffer, slice or map of a given size: (receiver, name) pairs; "" = any.
_SIZED = {
    ("", "make"), ("bytes", "NewBuffer"), ("", "bytearray"), ("Buffer", "alloc"),
    ("Buffer", "allocUnsafe"), ("", "Uint8Array"), ("", "ArrayBuffer"), ("Vec", "with_capacity"),
    ("", "ByteBuffer"), ("ByteBuffer", "allocate"), ("", "zeros"), ("np", "zeros"),
    ("numpy", "zeros"), ("np", "empty"),
}  # fmt: skip
_SIZE = re.compile(r"\d|[A-Z_]{3,}|\w+(Size|Len|Length|Capacity|Max|max\w*)\b|max\w+|len\(")


def buffer_per_call(code: HotCode) -> Construct | None:
    """Allocate a sized buffer, slice or map on every call (or iteration).

    Not in an in-use heap: there what is *held* matters (a buffer kept in a growing slice is
    unbounded growth), not how often it was allocated.
    """
    if code.family not in ("alloc", "cpu", "wall"):
        return None
    calls = [
        c
        for c in code.hot_calls()
        if ((c.receiver.rsplit(".", 1)[-1], c.name) in _SIZED or ("", c.name) in _SIZED)
        and code.is_hot(c.line)
        and _SIZE.search(c.arguments)
        and (c.name != "make" or re.match(r"\(\s*(\[\]|map\[)", c.arguments))
    ]
    if not calls:
        return None
    call = max(calls, key=lambda c: code.weight(c.line))
    per = "iteration" if call.loop_depth > 0 else "call"
    size = short(call.arguments.strip("()"), 50)
    return Construct(
        "buffer-per-call",
        "allocation_pressure",
        call.line,
        f"A new buffer allocated on every {per}",
        f"allocates `{short(call.callee, 30)}({size})` on every {per} ({code.ref(call.line)}): "
        "the whole size is allocated (and zeroed, and later collected) each time, whatever "
        "the data needs",
        f"Size it to what this {per} needs (the actual message, not the largest one), and "
        "reuse buffers across calls: a sync.Pool (Go), a per-worker buffer reset with "
        "buf.Reset() / b[:0], or a preallocated bytearray / Buffer reused between calls.",
        7,
    )


RECOGNISERS: tuple[Recogniser, ...] = (
    key_derivation,
    deep_copy,
    regex_compile,
    template_parse,
    setup_per_call,
    parse_per_row,
    file_per_call,
    sort_per_call,
    hash_per_call,
    bitwise_checksum,
    compression_per_call,
    reflection_per_call,
    exhaustive_recursion,
    clock_stepping,
    linear_search,
    string_concat,
    *LOOP_RECOGNISERS,
    *SCAN_RECOGNISERS,
    *QUERY_RECOGNISERS,
    *STATE_RECOGNISERS,
    *BUFFER_RECOGNISERS,
    *TEXT_RECOGNISERS,
    *ALLOCATION_RECOGNISERS,
    advanced_queue,
    defer_in_loop,
    kept_exception,
    shrink_per_step,
    kept_copy,
    buffer_per_call,
)
"""Every recogniser, most specific first (:func:`constructs.best_construct` ranks them)."""
