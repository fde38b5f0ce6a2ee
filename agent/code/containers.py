"""What a file's assignments say about its names: hashed containers, and fields it sets.

``self.closed = frozenset(days)`` or ``const seen = new Set()`` makes a later ``x in
self.closed`` or ``seen.has(x)`` a hash lookup, not a scan. This reads a file's text for such
assignments, by the last name assigned (``closed``, ``seen``).

A field the file's code never sets nor declares (``self.request`` in a framework's handler
subclass) is one the framework fills in: what the call was handed, not the object's own state.
"""

from __future__ import annotations

import re
from functools import lru_cache

from profile_insights.agent.code.reader import scanned_text

#: An assignment of a hashed container: name = set(...), frozenset(...), {...: ...}, new Set.
_HASHED = re.compile(
    r"(?:^|[\s.(,])([A-Za-z_$][\w$]*)\s*(?::\s*[\w\[\], .|]+)?\s*:?=\s*"
    r"(?:set\(|frozenset\(|dict\(|\{\s*\}|\{[^{}]*:[^{}]*\}|\{[\"'\w][^{}:]*\}|new\s+(?:Set|Map)\b|"
    r"make\(\s*map\[|map\[[^\]]+\][\w.*]+\s*\{|defaultdict\(|Counter\(|OrderedDict\()",
    re.MULTILINE,
)


@lru_cache(maxsize=64)
def hashed_names(path: str, size: int, mtime_ns: int) -> frozenset[str]:
    """Return the names the file assigns hashed containers to."""
    return frozenset(_HASHED.findall(scanned_text(path, size, mtime_ns)))


#: A field set on the object (self.x =, this.x =, @x =) or declared in a class body (x: str,
#: x = ..., #x = ...), by its name.
_FIELD = re.compile(
    r"(?:\b(?:self|this)\.|@)([A-Za-z_$][\w$]*)\s*(?:\[[^\]]*\]\s*)?(?::[^=\n]+)?"
    r"(?:[-+*/|&]|\?\?|\|\|)?=(?!=)"
    r"|^[ \t]+#?([A-Za-z_$][\w$]*)\s*(?::[^=\n(]+)?(?:=(?!=)|:[^\n]*$)",
    re.MULTILINE,
)


@lru_cache(maxsize=64)
def assigned_fields(path: str, size: int, mtime_ns: int) -> frozenset[str]:
    """Return the names the file sets as fields of an object or declares in a class body."""
    found = _FIELD.findall(scanned_text(path, size, mtime_ns))
    return frozenset(name for pair in found for name in pair if name)
