"""Which names a file binds to hashed containers (a set, a dict, a Map): lookups in them are O(1).

``self.closed = frozenset(days)`` or ``const seen = new Set()`` makes a later ``x in
self.closed`` or ``seen.has(x)`` a hash lookup, not a scan. This reads a file's text for such
assignments, by the last name assigned (``closed``, ``seen``).
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
