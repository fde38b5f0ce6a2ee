"""Where a function is defined in a file: the line a frame without line numbers points at.

Profiles from some runtimes give a function but no line (or line 0); the report then shows the
function's definition. One pattern per language finds the ``def``/``func``/``fn`` line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from profile_insights.agent.code.models import Language


def definition_pattern(function: str, language: Language) -> re.Pattern[str] | None:
    """Return a regex for the definition line of a frame's function, per language."""
    name = function.split(" - ", 1)[-1]
    if language == "nodejs":
        parts = function.rsplit(":", 2)
        name = parts[1] if len(parts) == 3 else name
    elif language == "dotnet":
        name = name.rsplit("!", 1)[-1]
    name = re.sub(r"\(.*?\)|<[^>]*>|\[.*?\]", "", name)
    # Closures belong to the function that defines them: F.func1, F.func1.2, F.gowrap1.
    name = re.sub(r"(\.(func|gowrap)\d+|\.\d+)+$", "", name)
    method = re.split(r"[./:]", name.strip())[-1] if name.strip() else ""
    method = re.sub(r"^func\d+$", "", method)
    if not method or not re.match(r"^[A-Za-z_$][\w$]*$", method):
        return None
    word = re.escape(method)
    patterns = {
        "go": rf"^\s*func\s+(\([^)]*\)\s*)?{word}\b",
        "python": rf"^\s*(async\s+)?def\s+{word}\b",
        "ruby": rf"^\s*def\s+(self\.)?{word}\b",
        "rust": rf"\bfn\s+{word}\b",
    }
    return re.compile(patterns.get(language, rf"\b{word}\s*\("))


def find_definition(lines: Sequence[str], function: str, language: Language) -> int | None:
    """Return the 1-based line defining ``function`` in a file, when it can be found."""
    pattern = definition_pattern(function, language)
    if pattern is None:
        return None
    for number, text in enumerate(lines, start=1):
        if pattern.search(text):
            return number
    return None
