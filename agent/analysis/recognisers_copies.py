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
