"""Function-name rewriting as pprof's symbolizer does it before every report.

pprof (Go 1.19, ``internal/symbolizer``; ``pprof-semantics.md`` section 7) passes every function
through a demangler with the options "no parameters, no template parameters":

* a name that differs from its ``system_name`` (and is not empty) is kept;
* otherwise ``system_name`` is demangled: Itanium C++ (``_Z...``) and legacy Rust
  (``_ZN...17h<hash>E``) names lose parameters, template arguments and method qualifiers;
* when that changes nothing and the name "looks like demangled C++" (``::`` or any of
  ``<>[]``, but not a Java ``.<init>`` nor a Go generic ``]).`` method), balanced ``(...)`` and
  then ``<...>`` groups are removed.

The Itanium demangler here covers names, nested names, ``std`` abbreviations, substitutions,
template arguments (skipped), constructors, destructors, operators and ABI tags; a name it
cannot parse is left to the heuristic, as pprof does when its demangler fails.
"""

from __future__ import annotations

import re

from profile_insights.agent.profiles.demangle_names import Itanium
from profile_insights.agent.profiles.demangle_types import UnparsedName

_RUST_HASH = re.compile(r"17h[0-9a-f]{16}E\Z")
_CXX_MARKS = re.compile(r"[<>\[\]]")


def rewrite_function_name(name: str, system_name: str) -> str:
    """Return the function name pprof prints for a function with these two names."""
    if name and name != system_name:
        return name
    demangled = demangle(system_name)
    if demangled is not None and demangled != system_name:
        return demangled
    rewritten = system_name
    if _looks_like_demangled_cxx(rewritten):
        rewritten = _remove_matching(rewritten, "(", ")")
        rewritten = _remove_matching(rewritten, "<", ">")
    return rewritten


def _looks_like_demangled_cxx(name: str) -> bool:
    if ".<" in name:  # Java "Class.<init>"
        return False
    if "])." in name:  # Go "pkg.(*T[...]).Method"
        return False
    return "::" in name or _CXX_MARKS.search(name) is not None


def _remove_matching(name: str, start: str, end: str) -> str:
    """Remove balanced ``start...end`` groups; leave the name alone on a stray ``end``."""
    nesting = 0
    first = 0
    index = 0
    while True:
        found = -1
        for pos in range(index, len(name)):
            if name[pos] in (start, end):
                found = pos
                break
        if found == -1:
            return name
        if name[found] == start:
            nesting += 1
            if nesting == 1:
                first = found
            index = found + 1
            continue
        nesting -= 1
        if nesting < 0:
            return name
        if nesting == 0:
            name = name[:first] + name[found + 1 :]
            index = first
        else:
            index = found + 1


def demangle(mangled: str) -> str | None:
    """Return a mangled C++/Rust symbol without parameters and template arguments, or None."""
    if mangled.startswith("_ZN"):
        rust = mangled
        cut = rust.rfind("E.")
        if cut > 0:
            rust = rust[: cut + 1]
        if len(rust) > 23 and _RUST_HASH.search(rust):
            legacy = _demangle_rust_legacy(rust)
            if legacy is not None:
                return legacy
    if not mangled.startswith("_Z"):
        return None
    try:
        return Itanium(mangled[2:]).encoding()
    except (UnparsedName, RecursionError, ValueError, IndexError, KeyError):
        # pprof keeps a name its demangler cannot parse; so do we, whatever the reason.
        return None


_RUST_ESCAPES = {"SP": "@", "BP": "*", "RF": "&", "LT": "<", "GT": ">", "LP": "(", "RP": ")"}


def _demangle_rust_legacy(name: str) -> str | None:
    digits = name[-18:-2]
    if len(set(digits)) < 5:
        return None
    rest = name[3:-20]
    parts: list[str] = []
    while rest:
        match = re.match(r"\d+", rest)
        if match is None:
            return None
        length = int(match.group())
        rest = rest[match.end() :]
        if rest.startswith("_"):
            rest = rest[1:]
            length -= 1
        if len(rest) < length or length < 0:
            return None
        ident, rest = rest[:length], rest[length:]
        parts.append(_rust_unescape(ident))
    return "::".join(parts)


def _rust_unescape(ident: str) -> str:
    if ident.startswith("_$"):
        ident = ident[1:]
    out: list[str] = []
    while ident:
        char = ident[0]
        if char == "$":
            if len(ident) > 2 and ident[1] == "C" and ident[2] == "$":
                out.append(",")
                ident = ident[3:]
                continue
            if len(ident) > 4 and ident[1] == "u" and ident[4] == "$":
                try:
                    code = int(ident[2:4], 16)
                except ValueError:
                    code = -1
                if 0x20 <= code < 0x80:
                    out.append(chr(code))
                    ident = ident[5:]
                    continue
            elif len(ident) > 3 and ident[3] == "$" and ident[1:3] in _RUST_ESCAPES:
                out.append(_RUST_ESCAPES[ident[1:3]])
                ident = ident[4:]
                continue
            out.append(ident)
            break
        if char == "." and ident.startswith(".."):
            out.append("::")
            ident = ident[2:]
            continue
        out.append(char)
        ident = ident[1:]
    return "".join(out)
