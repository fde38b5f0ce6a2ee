"""Copies made on every step: a buffer re-sliced after each record, a slice grown at the front.

Both look like cheap bookkeeping on one line and copy everything kept so far each time, so
building or reading n elements copies about n²/2 of them.
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import Construct, HotCode, short


def consumed_from_front(target: str, value: str) -> bool:
    """Return whether ``target = <target sliced from an offset to its end>`` (data[n:])."""
    name = re.escape(target)
    return bool(
        re.match(rf"^{name}\[[^\]:]+:\s*\]$", value)
        or re.match(rf"^{name}\.(slice|substring|substr)\(\s*[^,()]+\s*\)$", value)
    )


#: How to read a buffer without copying its tail, per grammar.
_OFFSET_READ = {
    "python": "keep an offset into the buffer and read with struct.unpack_from(data, offset) "
    "(advancing the offset), or wrap it in a memoryview, whose slices copy nothing, or read it "
    "through io.BytesIO",
    "javascript": "keep an offset and read at it (buf.readUInt32BE(offset), str.indexOf(sep, "
    "offset)), or take views with subarray instead of copies",
}


def tail_copy(code: HotCode, line: int, target: str, value: str) -> Construct:
    """Name a buffer consumed by slicing off what was read: the tail is copied every time."""
    return Construct(
        "tail-copy",
        "allocation_pressure" if code.family == "alloc" else "cpu_hotspot",
        line,
        f"{short(target, 30)} re-sliced after every record, copying its tail",
        f"consumes `{short(target, 30)}` from the front by slicing off what was read "
        f"(`{short(value, 50)}` at {code.ref(line)}): each slice copies the whole remaining "
        "tail into a new object, so reading n records copies about n²/2 records' worth of "
        "bytes, quadratic in time and garbage",
        "Do not re-slice the remainder: "
        + _OFFSET_READ.get(code.language, _OFFSET_READ["python"])
        + ".",
        9,
    )


def prepend_copy(code: HotCode, line: int, target: str) -> Construct:
    """Name a Go slice grown at the front: a new array and a full copy per element."""
    return Construct(
        "prepend-copy",
        "allocation_pressure" if code.family == "alloc" else "cpu_hotspot",
        line,
        f"{short(target, 30)} prepended to, one element at a time",
        f"prepends one element to `{short(target, 30)}` by appending the whole slice after "
        f"it (`append([]T{{x}}, {short(target, 20)}...)` at {code.ref(line)}): every step "
        "allocates a new backing array and copies everything so far, so building n elements "
        "copies about n²/2 of them, quadratic in time and garbage",
        f"Append at the end (`{short(target, 20)} = append({short(target, 20)}, x)`) and "
        "reverse once when done (slices.Reverse), or fill a slice of known length from the "
        "back by index.",
        9,
    )


#: Copies of a whole collection: (receiver, name) of calls given it; "" = any receiver.
_WHOLE_COPIES = {
    ("", "copy"), ("slices", "Clone"), ("maps", "Clone"), ("", "list"), ("", "dict"),
    ("", "tuple"), ("", "set"), ("copy", "copy"), ("Array", "from"), ("", "structuredClone"),
}  # fmt: skip
#: Methods that copy the collection they are called on.
_COPYING_METHODS = {"copy", "slice", "clone", "Clone", "toArray", "ToList", "ToArray", "dup"}

#: How to give callers read access without copying everything, per grammar.
_NO_COPY = {
    "go": "add a method taking the criterion (PartsFor(model) filtering under the read lock), "
    "an index by the field callers look up, or a visitor (Each(func(Part) bool)) that reads "
    "under the read lock; or swap in an immutable snapshot on each change and hand out that",
    "python": "add a method taking the criterion (filter under the lock and copy only the "
    "matches), an index (a dict) by the field callers look up, or a generator over a frozen "
    "snapshot swapped in on each change",
    "javascript": "add a method taking the criterion (filter inside and copy only the matches), "
    "an index (a Map) by the field callers look up, or hand out a frozen snapshot replaced on "
    "each change",
}


def kept_copy(code: HotCode) -> Construct | None:
    """Copy a whole kept collection on every call, for callers that use a few of its elements."""
    if code.family not in ("alloc", "cpu"):
        return None
    facts = code.facts
    returned = " ".join(facts.returns)
    for call in facts.calls:
        receiver = call.receiver.rsplit(".", 1)[-1] if call.receiver else ""
        if (receiver, call.name) in _WHOLE_COPIES or ("", call.name) in _WHOLE_COPIES:
            given = [a.strip() for a in call.arguments.strip("()").split(",")]
            source = given[-1] if given else ""
        elif call.name in _COPYING_METHODS and not call.arguments.strip("() "):
            source = call.receiver
        else:
            continue
        source = source.removesuffix("...").strip()
        kept = "." in source and facts.outlives_call(source) and "(" not in source
        # The copy is what the function hands back (return out; return list(self.parts)).
        handed = any(n in returned for b in facts.bindings if b.line == call.line for n in b.names)
        handed = handed or call.callee in returned or (call.name == "copy" and given[0] in returned)
        if not kept or not handed:
            continue
        # Where the copy is allocated: Go's make of the target (out := make(...)) or the call.
        made = [b.line for b in facts.bindings if call.name == "copy" and given[0] in b.names]
        at = made[0] if made else call.line
        if not code.is_hot(at) and not code.is_hot(call.line):
            continue
        return Construct(
            "kept-copy",
            "allocation_pressure" if code.family == "alloc" else "cpu_hotspot",
            at,
            f"Whole {short(source, 30)} copied on every call",
            f"copies all of `{short(source, 30)}` on every call ({code.ref(call.line)}) and "
            "hands the copy back: each call allocates and fills a collection the size of "
            "everything kept, although callers use only a few of its elements",
            "Copy only what the caller needs: "
            + _NO_COPY.get(code.language, _NO_COPY["python"])
            + ".",
            8,
        )
    return None
