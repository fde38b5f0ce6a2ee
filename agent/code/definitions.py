"""Where a function is defined in a file: the line a frame without line numbers points at.

Profiles from some runtimes give a function but no line (or line 0); the report then shows the
function's definition. One pattern per language finds the ``def``/``func``/``fn`` line of the
frame's function (:attr:`Frame.name`: a closure's or a block's is the function defining it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from profile_insights.agent.code.models import Frame

_TYPED_DECLARATION = (
    r"^\s*(\[[^\]]*\]\s*)*(@\w+(\([^)]*\))?\s+)*"
    r"((public|private|protected|internal|static|async|override|virtual|sealed|final|"
    r"synchronized|abstract|extern|unsafe|new|partial|readonly|default|native)\s+)*"
    r"(?!(return|await|new|throw|yield|else|case)\b)[\w<>\[\],.?]+\s+{word}\s*(<[^>]*>)?\s*\("
    r"|\b(fun|def)\s+{word}\b"
)


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
        # A declaration, not a call: modifiers and a return type before the name
        # (`private static string fib(`), never `return fib(`; Kotlin's fun, Scala's def.
        "java": _TYPED_DECLARATION.format(word=word),
        "dotnet": _TYPED_DECLARATION.format(word=word),
        "nodejs": rf"\bfunction\s*\*?\s*{word}\s*\(|\b{word}\s*[:=]\s*(async\s+)?"
        rf"(function\b|\([^)]*\)\s*=>|[\w$]+\s*=>)|^\s*(static\s+)?(async\s+)?"
        rf"((get|set)\s+)?\*?{word}\s*\([^)]*\)\s*\{{",
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
