"""Bit-level work written by hand: a checksum computed one bit at a time in a loop.

A CRC (or a similar shift-and-xor checksum) computed with an inner loop of eight steps per
byte runs eight data-dependent branches and shifts for every byte of the input; the standard
libraries compute the same value with a 256-entry table (one step per byte) or a CPU
instruction (SSE4.2 CRC32, ARMv8 CRC), tens to hundreds of times faster.
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import Construct, HotCode, short
from profile_insights.agent.code.facts import Loop

#: A loop of eight unit steps: one per bit of a byte (up or down).
_EIGHT_STEPS = re.compile(
    r"range\(\s*8\s*\)|<\s*8\s*;[^;]*(\+\+|\+=\s*1\b)|<\s*8\s*$|=\s*8\s*;[^;]*>\s*0\s*;"
    r"|\b8\.times|\b0\s*\.\.\s*8\b|\bin\s+0\s*\.\.\s*8\b"
)
#: A test of one bit of the accumulator: its low or high bit.
_BIT_TEST = re.compile(
    r"&\s*(1|0x0*1|0x80|0x8000|0x80000000|128|32768)\b|-\s*\(\s*\w+\s*&\s*1\s*\)"
)
#: The accumulator shifted by one place.
_SHIFT_ONE = re.compile(r"(<<|>>>?)\s*1\b|(<<|>>>?)=\s*1\b")
_XOR = re.compile(r"\^")


#: The library checksum to use instead, per grammar.
_LIBRARY_CHECKSUM = {
    "go": "use hash/crc32 (crc32.MakeTable(crc32.Castagnoli) or crc32.ChecksumIEEE, which use "
    "the CPU's CRC32 instruction or slicing-by-8 tables) or hash/crc64 / hash/adler32",
    "python": "use the C implementations: binascii.crc_hqx for CRC-16/CCITT (XMODEM), "
    "binascii.crc32 or zlib.crc32 for CRC-32, or crcmod / crcmod-C for other polynomials",
    "javascript": "use zlib.crc32 (Node.js 22+) or a native CRC module, or a precomputed "
    "256-entry lookup table",
}


def _bit_loop(code: HotCode) -> tuple[Loop, Loop] | None:
    """Return (byte loop, bit loop) when a hot line runs in eight shift-and-xor steps per byte."""
    facts = code.facts
    for line in code.lines[:4] or (facts.start_line,):
        loops = facts.loops_around(line)
        if len(loops) < 2 or not _EIGHT_STEPS.search(loops[0].header):
            continue
        inner = loops[0]
        body = [
            f"{u.operator} {u.value}"
            for u in facts.updates
            if inner.line <= u.line <= inner.end_line
        ]
        body += [t for ln, t in facts.comparisons if inner.line <= ln <= inner.end_line]
        text = " ".join(body)
        # A CRC's step: test one bit, shift by one, xor in the polynomial.
        if _BIT_TEST.search(text) and _SHIFT_ONE.search(text) and _XOR.search(text):
            return loops[1], inner
    return None


def bitwise_checksum(code: HotCode) -> Construct | None:
    """Compute a checksum one bit at a time instead of with a table or the library."""
    if code.family not in ("cpu", "wall", "other"):
        return None
    found = _bit_loop(code)
    if found is None:
        return None
    outer, inner = found
    over = f"`{short(outer.collection, 30)}`" if outer.collection else "the input"
    return Construct(
        "bitwise-checksum",
        "cpu_hotspot",
        inner.line,
        "Checksum computed bit by bit",
        f"computes a checksum one bit at a time: for every byte of {over} it runs an inner "
        f"loop of eight shift-and-xor steps ({code.ref(inner.line)}), each with a branch on the "
        "low or high bit, so every byte costs eight dependent steps on every call",
        "Use a table-driven or hardware implementation instead of the bit loop: "
        + _LIBRARY_CHECKSUM.get(code.language, _LIBRARY_CHECKSUM["javascript"])
        + "; if it must stay hand-written, precompute a 256-entry lookup table once and "
        "process a byte per step.",
        9,
    )
