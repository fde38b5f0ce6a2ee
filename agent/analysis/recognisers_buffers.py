"""Recognisers of per-item buffers: a builder made anew for every element, an encoder per item.

A closure made for every element and kept (an undo callback per reservation) is one more
allocation per item, with every variable it captures.

A loop that makes a fresh ``bytes.Buffer`` / ``StringBuilder`` / ``io.BytesIO`` for every
element grows each one from empty and drops it after one use; one that calls ``json.Marshal``
or ``JSON.stringify`` per element allocates a new encoded copy of every item only to copy it
into the output. Both read the loop structure and the calls or declarations inside it.
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
from profile_insights.agent.code.facts import FunctionFacts, root_of

#: A builder or in-memory buffer, by how it is declared or made in each language.
_BUILDER = re.compile(
    r"^(&?bytes\.Buffer|&?strings\.Builder|new\((bytes\.Buffer|strings\.Builder)\)|"
    r"bytes\.NewBuffer|io\.(BytesIO|StringIO)\(|(new )?StringBuilder\(|"
    r"(new )?ByteArrayOutputStream\(|(new )?MemoryStream\(|StringIO\.new|String\.new)"
)
_REUSE = {
    "go": "Declare one buffer before the loop and b.Reset() it for every item (b.Grow to the "
    "usual size once), or append the item's bytes straight into the output slice "
    "(strconv.AppendInt, append) with no intermediate b.String() / []byte(...) copies.",
    "python": "Create one io.BytesIO (or list of parts) before the loop and reuse it "
    "(seek(0) and truncate()), or write each item straight into the output.",
    "java": "Create one StringBuilder before the loop and setLength(0) it for every item, "
    "or write straight into the output stream.",
    "csharp": "Reuse one StringBuilder (Clear()) or a pooled buffer (ArrayPool<byte>) across "
    "items, or write straight into the output stream.",
    "ruby": "Reuse one String buffer (clear) across items, or write straight into the output.",
}


def builder_per_item(code: HotCode) -> Construct | None:
    """Make a new builder or buffer for every element of a hot loop."""
    loops = code.hot_loops()
    if not loops or code.family in ("mutex", "block", "goroutine", "inuse"):
        return None
    inner = [
        (b.line, ", ".join(b.names), b.value)
        for b in code.facts.bindings
        if any(lp.line < b.line <= lp.end_line for lp in loops) and _BUILDER.search(b.value)
    ] + [
        (c.line, "", c.callee + c.arguments)
        for c in code.hot_calls()
        if c.loop_depth > 0 and _BUILDER.search(c.callee + "(" * (not c.arguments))
    ]
    if not inner:
        return None
    line, name, made = min(inner)
    loop = next(lp for lp in loops if lp.line <= line <= lp.end_line)
    over = f" over `{short(loop.collection, 30)}`" if loop.collection else ""
    copies = [
        c.callee
        for c in code.facts.calls
        if loop.line <= c.line <= loop.end_line
        and (c.callee in ("string", "[]byte") or (name and c.callee == f"{name}.String"))
    ]
    listed = ", ".join(f"`{callee}`" for callee in dict.fromkeys(copies))
    also = f"; the loop then copies the bytes again with {listed}" if copies else ""
    return Construct(
        "builder-per-item",
        cost_kind(code),
        line,
        "A new buffer built for every item",
        f"makes a new `{short(made, 30)}` in the loop{over}, one "
        f"per iteration ({code.ref(line)}): each grows from empty (reallocating and copying as "
        f"it doubles) and is dropped after one item{also}",
        _REUSE.get(
            code.language,
            "Create the buffer once before the loop and reset it for every item, or write "
            "each item straight into the output.",
        ),
        8,
    )


#: Encoders returning a new encoded copy per call: (receiver, name); "" = any receiver.
_ENCODERS = {
    ("json", "Marshal"), ("json", "MarshalIndent"), ("xml", "Marshal"), ("proto", "Marshal"),
    ("yaml", "Marshal"), ("json", "dumps"), ("orjson", "dumps"), ("pickle", "dumps"),
    ("msgpack", "packb"), ("JSON", "stringify"), ("", "writeValueAsString"),
    ("", "writeValueAsBytes"), ("JsonSerializer", "Serialize"),
    ("JsonSerializer", "SerializeToUtf8Bytes"), ("", "to_json"),
}  # fmt: skip
_STREAM = {
    "go": "Encode the items through one json.NewEncoder over one reused bytes.Buffer (or the "
    "output writer), instead of a new []byte per item from json.Marshal copied into the body.",
    "python": "Serialise the batch once (json.dumps(items)) or write each item through one "
    "encoder into one buffer or file (json.dump(item, fp)).",
    "javascript": "Stringify the whole batch once, or stream the items into one writable, "
    "instead of a new string per item.",
    "typescript": "Stringify the whole batch once, or stream the items into one writable, "
    "instead of a new string per item.",
    "java": "Reuse one ObjectWriter and write every item into one output stream "
    "(writer.writeValue(out, item)).",
    "csharp": "Write every item through one Utf8JsonWriter over one pooled buffer "
    "(JsonSerializer.Serialize(writer, item)).",
}


def encode_per_item(code: HotCode) -> Construct | None:
    """Encode each element of a hot loop into a fresh buffer of its own."""
    calls = [c for c in calls_of(code, _ENCODERS) if c.loop_depth > 0 and code.is_hot(c.line)]
    if not calls:
        return None
    call = calls[0]
    _, collection = loop_around(code, call.line)
    over = f" {collection}" if collection else " the loop"
    return Construct(
        "encode-per-item",
        "allocation_pressure" if code.family in ("alloc", "inuse") else "serialization",
        call.line,
        f"Each item encoded into a fresh buffer by {short(call.callee, 24)}",
        f"calls `{short(call.callee, 30)}` once per element of{over} ({code.ref(call.line)}): "
        "each call allocates and returns a new encoded copy of the item, which is then "
        "copied into the output and dropped",
        _STREAM.get(code.language, "Encode the items through one reused encoder and buffer."),
        8,
    )


#: Decoders that build a new value from text or bytes: (receiver, name); "" = any receiver.
_DECODERS = {
    ("JSON", "parse"), ("json", "loads"), ("json", "load"), ("json", "Unmarshal"),
    ("yaml", "safe_load"), ("yaml", "load"), ("yaml", "Unmarshal"), ("toml", "loads"),
    ("tomllib", "loads"), ("xml", "Unmarshal"), ("", "readValue"), ("", "readTree"),
    ("JsonSerializer", "Deserialize"), ("serde_json", "from_str"), ("Marshal", "load"),
    ("pickle", "loads"), ("orjson", "loads"),
}  # fmt: skip


#: Fields that hold what a call was handed (a framework's ``self.request.body``, the message
#: a consumer is on): parsing them is reading this call's input, not stored text.
_INCOMING = frozenset(
    {"request", "req", "body", "message", "msg", "event", "payload", "frame", "packet", "chunk",
     "incoming", "rfile", "raw_body", "current_message"}
)  # fmt: skip


def _incoming(source: str, facts: FunctionFacts, inputs: frozenset[str]) -> bool:
    """Return whether an access path runs through a field holding the call's own input.

    That is a field the function sets from its parameters (``self.current = message``), one
    of the object that its file never sets nor declares (a framework fills ``self.request``
    in), or one named for what a call is handed (``c.msg``).
    """
    parts = [part for part in re.split(r"[.\[\]()]+", source) if part]
    if len(parts) < 2:
        return False
    field = parts[1]
    if any(
        b.names[:1] == (parts[0],) and field in b.names[1:] and root_of(b.value) in inputs
        for b in facts.bindings
        if b.value
    ):
        return True
    in_file = facts.fields_in_file
    if parts[0] in ("self", "this") and in_file is not None and field not in in_file:
        return True
    return any(part.lower() in _INCOMING for part in parts[1:])


#: Splits of stored text into its lines or fields: by a function given the text ...
_SPLITS = {("strings", "Split"), ("strings", "Fields"), ("bytes", "Split"), ("strings", "SplitN")}
#: ... or by a method of the text itself (self.raw.splitlines(), this.text.split("\n")).
_TEXT_SPLITS = {("", "splitlines"), ("", "split")}


def parse_unchanged(code: HotCode) -> Construct | None:
    """Parse the same stored text on every call (a config kept as text, parsed per request).

    The input is state that outlives the call (``this.text``, a package-level string), not a
    parameter: it has not changed since the last call, and neither has its parsed value.
    """
    facts = code.facts
    # A field of what the call is given (req.body) is this call's input, not stored text;
    # a field of the receiver (s.raw, self.raw) is the object's state.
    inputs = facts.parameters - {"self", "this", facts.receiver}
    candidates = [(c, c.first_argument) for c in calls_of(code, _DECODERS | _SPLITS)] + [
        (c, c.receiver) for c in calls_of(code, _TEXT_SPLITS) if "." in c.receiver
    ]
    found = [
        (call, source)
        for call, source in candidates
        if code.is_hot(call.line)
        and source
        and "(" not in source  # stored text, not what a call returns
        and facts.outlives_call(source)
        and root_of(source) not in inputs
        and not _incoming(source, facts, inputs)
    ]
    if not found:
        return None
    call, source = found[0]
    return Construct(
        "parse-unchanged",
        "serialization",
        call.line,
        f"The same text parsed on every call by {short(call.callee, 24)}",
        f"parses `{short(source, 30)}` with `{short(call.callee, 30)}` on every call "
        f"({code.ref(call.line)}): the text is state that outlives the call, unchanged since "
        "the last one, so each call rebuilds the same object from it",
        "Parse it once (at start-up, or when the text changes) and keep the parsed value; "
        "hand out that object (frozen, or copied only where a caller mutates it) instead of "
        "parsing per request.",
        9,
    )


#: A function written inline (a Go func literal, an arrow, a lambda).
_CLOSURE = re.compile(r"func\s*\(|\([^()]*\)\s*=>|\w+\s*=>|function\s*\(|lambda\b")
#: What to keep instead of a closure per item, per grammar.
_DATA_NOT_CLOSURES = {
    "go": "append a small struct of the captured values to a slice sized up front, and act on "
    "that data in one loop",
    "python": "append a tuple of the captured values and act on the tuples in one loop",
    "javascript": "push a plain record of the captured values and act on the records in one loop",
}


def closure_per_item(code: HotCode) -> Construct | None:
    """Make and keep a new closure for every element of a loop (``fs = append(fs, func() ..)``)."""
    if code.family not in ("alloc", "cpu", "other"):
        return None
    kept = [(u.line, u.target) for u in code.facts.updates if u.loop_depth > 0]
    kept += [
        (c.line, c.receiver or c.first_argument)
        for c in code.facts.calls
        if c.loop_depth > 0 and c.name in ("append", "push", "Push", "add", "Add", "put")
    ]
    for line, target in sorted(kept):
        # The value kept is the function literal itself (append(fs, func() {...}), push(() =>
        # ...)), not a call that takes one (push(cells.map((c) => c.trim()))).
        values = [
            u.value.split(",", 1)[1] if u.value.startswith("append(") and "," in u.value else ""
            for u in code.facts.updates
            if u.line == line
        ]
        values += [
            c.arguments[1:-1].split(",", 1)[-1] if c.name == "append" else c.arguments[1:-1]
            for c in code.facts.calls_at(line)
            if c.name in ("append", "push", "Push", "add", "Add", "put")
        ]
        if not code.is_hot(line) or not any(_CLOSURE.match(v.strip()) for v in values):
            continue
        _, collection = loop_around(code, line)
        keep = _DATA_NOT_CLOSURES.get(code.language, "keep the captured values as data")
        return Construct(
            "closure-per-item",
            "allocation_pressure",
            line,
            "A new closure made and kept for every item",
            f"makes a new function literal and keeps it in `{short(target.split('[')[0], 30)}` "
            f"for every element of {collection or 'the loop'} ({code.ref(line)}): a closure "
            "that outlives its statement is allocated on the heap with the variables it "
            "captures, one or more allocations per item, and the slice holding them regrows",
            f"Keep data instead of functions: {keep}; if a callback is needed, make one "
            "closure over the whole batch.",
            8,
        )
    return None


BUFFER_RECOGNISERS = (parse_unchanged, encode_per_item, builder_per_item, closure_per_item)
"""The per-item buffer recognisers, most specific first."""
