"""Regular expressions a source file defines, and which of them can backtrack exponentially.

A pattern with a quantified group that itself holds a quantifier (``^([a-z0-9]+[ .-]?)+$``,
``(a*)*``) can match one input in exponentially many ways: on an input that does not match,
a backtracking engine (JavaScript's, Python's ``re``, Java's, .NET's) tries them all. Go's
``regexp`` (RE2) never backtracks, so Go files are not read for this.
"""

from __future__ import annotations

import re
from functools import lru_cache

from profile_insights.agent.code.reader import scanned_text

#: Pattern text in a call that compiles or runs one (Python, Java, .NET, Ruby, JavaScript).
_IN_CALL = re.compile(
    r"(?:re\.(?:compile|match|search|fullmatch|sub|subn|findall|finditer|split)|"
    r"new\s+RegExp|RegExp|Pattern\.compile|new\s+Regex|Regex\.(?:IsMatch|Match|Replace)|"
    r"Regexp\.new)\s*\(\s*(?P<prefix>[rRbu]?)(?P<q>[\"'`])(?P<pattern>(?:\\.|(?!(?P=q)).)+)(?P=q)"
)
#: A JavaScript or Ruby regex literal after an operator, a bracket, a colon or a keyword.
#: The name a pattern is assigned to on its line: the last ``name =`` or ``name:`` before it.
_ASSIGNED = re.compile(r"([A-Za-z_$][\w$]*)\s*(?::|=(?!=))[^:=]*$")
_LITERAL = re.compile(
    r"(?:^|[=(:,\[!&|?{;]|return)\s*/(?P<pattern>(?:\\.|\[(?:\\.|[^\]])*\]|[^/\n])+)/[a-z]*"
)

#: Languages whose regex engines backtrack (by file suffix).
_BACKTRACKING = (".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".py", ".java", ".cs", ".rb", ".kt")


#: What the shorthand classes match, for telling a separator apart from them.
_SHORTHAND = {"w": r"\w", "d": r"\d", "s": r"\s", "W": r"\W", "D": r"\D", "S": r"\S"}


def _separated(content: str) -> bool:
    r"""Return whether a group's body has a mandatory literal none of its classes can match.

    ``(\d+\.)*`` ends every repetition with a dot the digits cannot match, so there is one
    way to split any input into repetitions: no exponential backtracking.
    """
    if _top_level_alternation(content):
        return False  # nothing in one branch of an alternation is mandatory
    literals: list[str] = []
    classes: list[str] = []
    index = 0
    while index < len(content):
        char = content[index]
        counted = re.match(r"\{\d*,?\d*\}", content[index:])
        if counted:
            index += counted.end()
            continue
        if char == "[":
            end = content.find("]", index + 2)
            end = len(content) - 1 if end < 0 else end
            classes.append(content[index : end + 1])
            index = end + 1
            continue
        atom, step = char, 1
        if char == "\\" and index + 1 < len(content):
            atom, step = content[index : index + 2], 2
        following = content[index + step : index + step + 1]
        if atom in "()|^$" or atom == ".":
            if atom == ".":
                classes.append("[^\\n]")
            index += step
            continue
        if atom[-1] in _SHORTHAND and atom.startswith("\\"):
            classes.append(_SHORTHAND[atom[-1]])
        elif following not in ("?", "*", "+", "{") and atom not in "?*+{}":
            literals.append(atom[-1])
        index += step
    return any(
        not any(re.fullmatch(k, literal) for k in classes if _compiles(k)) for literal in literals
    )


def _top_level_alternation(content: str) -> bool:
    """Return whether a group's body is an alternation at its own level (``a|b+``)."""
    depth, in_class, index = 0, False, 0
    while index < len(content):
        char = content[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
        index += 1
    return False


def _compiles(pattern: str) -> bool:
    """Return whether a character class taken from a pattern compiles on its own."""
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


def nested_quantifier(pattern: str) -> bool:
    r"""Return whether a quantified group holding a quantifier can split an input many ways.

    ``(x+)+``, ``(a|b*)*`` and ``([a-z]+[ .-]?)+`` can; ``(\d+\.)*`` cannot, since each
    repetition needs a separator its quantified part never matches.
    """
    groups: list[tuple[bool, int]] = []  # per open group: a quantifier inside, where it starts
    closed: tuple[bool, str] | None = None  # the group just closed: quantified inside, body
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        quantifier = char in "+*" or bool(char == "{" and re.match(r"\{\d*,\d*\}", pattern[index:]))
        if char == "\\":
            index += 2
            closed = None
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            groups.append((False, index + 1))
        elif char == ")" and groups:
            inner, start = groups.pop()
            if groups:
                groups[-1] = (groups[-1][0] or inner, groups[-1][1])
            closed = (inner, pattern[start:index])
            index += 1
            continue
        elif quantifier:
            if closed is not None and closed[0] and not _separated(closed[1].removeprefix("?:")):
                return True
            if groups:
                groups[-1] = (True, groups[-1][1])
        closed = None
        index += 1
    return False


@lru_cache(maxsize=64)
def backtracking_patterns(path: str, size: int, mtime_ns: int) -> tuple[tuple[int, str, str], ...]:
    """Return (line, pattern, name it is kept under) of the file's nested-quantifier regexes.

    The name is the variable or key assigned on that line (``NAME = /.../``, ``pattern: /.../``,
    ``EMAIL = re.compile(...)``), empty for a pattern written inline in a call.
    """
    if not path.endswith(_BACKTRACKING):
        return ()
    text = scanned_text(path, size, mtime_ns)
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in (*_IN_CALL.finditer(line), *_LITERAL.finditer(line)):
            pattern = match.group("pattern")
            if match.re is _IN_CALL and "r" not in match.group("prefix").lower():
                pattern = pattern.replace("\\\\", "\\")  # a string's escaped backslash
            if nested_quantifier(pattern):
                named = _ASSIGNED.search(line[: match.start("pattern")])
                found.append((number, pattern, named.group(1) if named else ""))
    return tuple(dict.fromkeys(found))
