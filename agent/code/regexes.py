"""Regular expressions a source file defines, and which of them can backtrack exponentially.

A pattern with a quantified group that itself holds a quantifier (``^([a-z0-9]+[ .-]?)+$``,
``(a*)*``) can match one input in exponentially many ways: on an input that does not match,
a backtracking engine (JavaScript's, Python's ``re``, Java's, .NET's) tries them all. Go's
``regexp`` (RE2) never backtracks, so Go files are not read for this.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Pattern text in a call that compiles or runs one (Python, Java, .NET, Ruby, JavaScript).
_IN_CALL = re.compile(
    r"(?:re\.(?:compile|match|search|fullmatch|sub|subn|findall|finditer|split)|"
    r"new\s+RegExp|RegExp|Pattern\.compile|new\s+Regex|Regex\.(?:IsMatch|Match|Replace)|"
    r"Regexp\.new)\s*\(\s*[rRbu]?(?P<q>[\"'`])(?P<pattern>(?:\\.|(?!(?P=q)).)+)(?P=q)"
)
#: A JavaScript or Ruby regex literal after an operator, a bracket, a colon or a keyword.
_LITERAL = re.compile(
    r"(?:^|[=(:,\[!&|?{;]|return)\s*/(?P<pattern>(?:\\.|\[(?:\\.|[^\]])*\]|[^/\n])+)/[a-z]*"
)

#: Languages whose regex engines backtrack (by file suffix).
_BACKTRACKING = (".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".py", ".java", ".cs", ".rb", ".kt")
_MAX_BYTES = 1024 * 1024


def nested_quantifier(pattern: str) -> bool:
    """Return whether a group holding a quantifier is itself quantified (``(x+)+``, ``(a|b*)*``)."""
    groups: list[bool] = []  # per open group: has a quantifier inside
    closed_with_quantifier = False
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        quantifier = char in "+*" or (char == "{" and re.match(r"\{\d*,\d*\}", pattern[index:]))
        if char == "\\":
            index += 2
            closed_with_quantifier = False
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            groups.append(False)
        elif char == ")" and groups:
            inner = groups.pop()
            if groups:
                groups[-1] = groups[-1] or inner
            closed_with_quantifier = inner
            index += 1
            continue
        elif quantifier:
            if closed_with_quantifier:
                return True
            if groups:
                groups[-1] = True
        closed_with_quantifier = False
        index += 1
    return False


@lru_cache(maxsize=64)
def backtracking_patterns(path: str, size: int, mtime_ns: int) -> tuple[tuple[int, str], ...]:
    """Return (line, pattern) of the file's regular expressions with nested quantifiers."""
    if not path.endswith(_BACKTRACKING) or size > _MAX_BYTES:
        return ()
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError:
        return ()
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in (*_IN_CALL.finditer(line), *_LITERAL.finditer(line)):
            pattern = match.group("pattern")
            if nested_quantifier(pattern):
                found.append((number, pattern))
    return tuple(dict.fromkeys(found))
