"""Where a function is defined in a file: the line a frame without line numbers points at.

Profiles from some runtimes give a function but no line (or line 0); the report then shows the
function's definition. One pattern per language finds the ``def``/``func``/``fn`` line of the
frame's function (:attr:`Frame.name`: a closure's or a block's is the function defining it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from profile_insights.agent.code.models import Frame


def definition_pattern(frame: Frame) -> re.Pattern[str] | None:
    """Return a regex for the definition line of a frame's function, per language."""
    method = frame.name
    if not re.match(r"^[A-Za-z_$][\w$]*[?!]?$", method):
        return None
    word = re.escape(method)
    patterns = {
        "go": rf"^\s*func\s+(\([^)]*\)\s*)?{word}\b",
        "python": rf"^\s*(async\s+)?def\s+{word}\b",
        "ruby": rf"^\s*def\s+(self\.)?{word}(?![\w?!])",
        "rust": rf"\bfn\s+{word}\b",
    }
    return re.compile(patterns.get(frame.language, rf"\b{word}\s*\("))


def find_definition(lines: Sequence[str], frame: Frame) -> int | None:
    """Return the 1-based line defining the frame's function in a file, when it can be found."""
    pattern = definition_pattern(frame)
    if pattern is None:
        return None
    for number, text in enumerate(lines, start=1):
        if pattern.search(text):
            return number
    return None
