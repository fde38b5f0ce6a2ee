"""Queues kept in an array and read by advancing an index: taken items stay referenced.

``shift() { const item = this.items[this.head]; this.head += 1; return item; }`` never
clears the slot it read nor drops the consumed front of the array, so every item ever queued
stays reachable from it. This reads a file's text for such containers (JavaScript ``this.``,
Python ``self.``), by the field the items are kept in.
"""

from __future__ import annotations

import re
from functools import lru_cache

from profile_insights.agent.code.reader import scanned_text

_SELF = r"(?:this|self)"
#: An element read at an index field: this.items[this.head].
_READ_AT = re.compile(rf"{_SELF}\.(\w+)\[\s*{_SELF}\.(\w+)\s*\]")


@lru_cache(maxsize=64)
def advanced_queues(path: str, size: int, mtime_ns: int) -> frozenset[str]:
    """Return the fields read at an advancing index whose slots are never cleared or dropped."""
    if not path.endswith((".js", ".mjs", ".cjs", ".ts", ".py")):
        return frozenset()
    text = scanned_text(path, size, mtime_ns)
    found = set()
    for field, index in set(_READ_AT.findall(text)):
        f, i = re.escape(field), re.escape(index)
        advances = re.search(rf"{_SELF}\.{i}\s*(\+=\s*1\b|\+\+)|\+\+\s*{_SELF}\.{i}\b", text)
        clears = re.search(
            rf"{_SELF}\.{f}\[[^\]]*\]\s*=\s*(undefined|null|None)\b|delete\s+{_SELF}\.{f}\[|"
            rf"{_SELF}\.{f}\s*=\s*{_SELF}\.{f}(\.slice\(|\[)|{_SELF}\.{f}\.splice\(|"
            rf"del\s+{_SELF}\.{f}\[|{_SELF}\.{f}\.length\s*=\s*0",
            text,
        )
        if advances and not clears:
            found.add(field)
    return frozenset(found)
