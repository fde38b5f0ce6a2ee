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
        return _Itanium(mangled[2:]).encoding()
    except (_Fail, RecursionError, ValueError, IndexError, KeyError):
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


class _Fail(Exception):
    """The mangled name uses a construct this demangler does not parse."""


_STD_ABBREVIATIONS = {
    "a": ("std::allocator", "allocator"),
    "b": ("std::basic_string", "basic_string"),
    "s": ("std::string", "basic_string"),
    "i": ("std::istream", "basic_istream"),
    "o": ("std::ostream", "basic_ostream"),
    "d": ("std::iostream", "basic_iostream"),
}

_OPERATORS = {
    "nw": "new", "na": "new[]", "dl": "delete", "da": "delete[]", "ps": "+", "ng": "-",
    "ad": "&", "de": "*", "co": "~", "pl": "+", "mi": "-", "ml": "*", "dv": "/", "rm": "%",
    "an": "&", "or": "|", "eo": "^", "aS": "=", "pL": "+=", "mI": "-=", "mL": "*=",
    "dV": "/=", "rM": "%=", "aN": "&=", "oR": "|=", "eO": "^=", "ls": "<<", "rs": ">>",
    "lS": "<<=", "rS": ">>=", "eq": "==", "ne": "!=", "lt": "<", "gt": ">", "le": "<=",
    "ge": ">=", "ss": "<=>", "nt": "!", "aa": "&&", "oo": "||", "pp": "++", "mm": "--",
    "cm": ",", "pm": "->*", "pt": "->", "cl": "()", "ix": "[]", "qu": "?",
}  # fmt: skip

_UNARY_OPERATORS = {"ps", "ng", "ad", "de", "co", "nt", "pp", "mm"}
_BUILTIN_TYPES = {
    "v": "void", "w": "wchar_t", "b": "bool", "c": "char", "a": "signed char",
    "h": "unsigned char", "s": "short", "t": "unsigned short", "i": "int", "j": "unsigned int",
    "l": "long", "m": "unsigned long", "x": "long long", "y": "unsigned long long",
    "n": "__int128", "o": "unsigned __int128", "f": "float", "d": "double",
    "e": "long double", "g": "__float128", "z": "...",
}  # fmt: skip
_D_TYPES = {
    "d": "decimal64", "e": "decimal128", "f": "decimal32", "h": "half", "i": "char32_t",
    "s": "char16_t", "u": "char8_t", "a": "auto", "c": "decltype(auto)",
    "n": "decltype(nullptr)",
}  # fmt: skip
#: std abbreviations that name the class template in full before a constructor/destructor.
_STD_FULL = {"s": "std::basic_string", "i": "std::basic_istream", "o": "std::basic_ostream",
             "d": "std::basic_iostream"}  # fmt: skip


class _Itanium:
    """A recursive-descent parser for the subset of the Itanium ABI mangling described above."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.subs: list[str] = []
        self.method_const = False

    def peek(self, offset: int = 0) -> str:
        index = self.pos + offset
        return self.text[index] if index < len(self.text) else ""

    def take(self, prefix: str) -> bool:
        if self.text.startswith(prefix, self.pos):
            self.pos += len(prefix)
            return True
        return False

    def expect(self, prefix: str) -> None:
        if not self.take(prefix):
            raise _Fail(prefix)

    def number(self) -> int:
        start = self.pos
        while self.peek().isdigit():
            self.pos += 1
        if start == self.pos:
            raise _Fail("number")
        return int(self.text[start : self.pos])

    def encoding(self) -> str:
        if self.peek() in ("T", "G"):
            return self.special_name()
        name = self.name()
        # Parameters are not demangled (pprof's NoParams), so the rest is not read.
        return name

    def special_name(self) -> str:
        specials = {"TV": "vtable for ", "TT": "VTT for ", "TI": "typeinfo for ",
                    "TS": "typeinfo name for ", "GV": "guard variable for "}  # fmt: skip
        for code, label in specials.items():
            if self.take(code):
                return label + (self.name() if code == "GV" else self.type_())
        if self.take("GTt"):
            return "transaction clone for " + self.function_with_params()
        thunks = {"Th": ("non-virtual thunk to ", 1), "Tv": ("virtual thunk to ", 1),
                  "Tc": ("covariant return thunk to ", 2)}  # fmt: skip
        for code, (label, offsets) in thunks.items():
            if self.take(code):
                for _ in range(offsets):
                    self.call_offset(code)
                # A thunk names its target with parameters, even without NoParams' output.
                return label + self.function_with_params()
        raise _Fail("special name")

    def call_offset(self, code: str) -> None:
        virtual = code == "Tv"
        if code == "Tc":
            virtual = self.peek() == "v"
            self.expect("v" if virtual else "h")
        # A non-virtual offset is one number, a virtual one two, each ending in "_".
        for _ in range(2 if virtual else 1):
            self.take("n")
            self.number()
            self.expect("_")

    def local_name(self) -> str:
        """Parse ``Z <function encoding> E <entity> [discriminator]``."""
        self.expect("Z")
        # The enclosing function prints with its parameters, even without NoParams' output.
        scope = self.function_with_params()
        self.expect("E")
        if self.take("s"):
            entity = "string literal"
        else:
            if self.take("d"):
                raise _Fail("default argument scope")
            saved_const = self.method_const
            entity = self.name()
            self.method_const = saved_const
        if self.take("_"):
            if self.take("_"):
                self.number()
                self.expect("_")
            else:
                self.number()
        return f"{scope}::{entity}"

    def function_with_params(self) -> str:
        self.method_const = False
        name = self.name()
        const = " const" if self.method_const else ""
        params: list[str] = []
        while self.peek() and self.peek() not in ("E", "."):
            params.append(self.type_())
        if params == ["void"]:
            params = []
        return f"{name}({', '.join(params)}){const}"

    def name(self) -> str:
        char = self.peek()
        if char == "N":
            return self.nested_name()
        if char == "Z":
            return self.local_name()
        if char == "S" and self.peek(1) == "t":
            self.pos += 2
            base = "std::" + self.unqualified_name()
            if self.peek() == "I":
                self.subs.append(base)
                self.template_args()
                self.subs.append(base)
            return base
        if char == "S":
            base = self.substitution()
            if self.peek() != "I":
                raise _Fail("substitution used as a name")
            self.template_args()
            self.subs.append(base)
            return base
        base = self.unqualified_name()
        if self.peek() == "I":
            self.subs.append(base)
            self.template_args()
            self.subs.append(base)
        return base

    def nested_name(self) -> str:
        self.expect("N")
        while self.peek() in ("r", "V", "K"):
            if self.peek() == "K":
                self.method_const = True
            self.pos += 1
        if self.peek() in ("R", "O"):
            self.pos += 1
        parts: list[str] = []
        last_class = ""
        while not self.take("E"):
            char = self.peek()
            if char == "":
                raise _Fail("unterminated nested name")
            if char == "S" and self.peek(1) != "t":
                abbreviation = self.peek(1)
                entry = self.substitution()
                after = self.peek()
                if abbreviation in _STD_FULL and after in ("C", "D") and not parts:
                    # std::iostream's constructor prints as std::basic_iostream::basic_iostream.
                    entry = _STD_FULL[abbreviation]
                parts = [entry]
                last_class = entry.rsplit("::", 1)[-1]
                continue
            if char == "S" and self.peek(1) == "t":
                self.pos += 2
                parts = ["std"]
                continue
            if char == "I":
                if not parts:
                    raise _Fail("template args without a template")
                self.template_args()
                self.add_sub(parts)
                continue
            if char == "T":
                parts = [self.template_param()]
                self.add_sub(parts)
                continue
            if char == "D" and self.peek(1) in ("t", "T"):
                raise _Fail("decltype prefix")
            if char == "M":  # data-member prefix of a closure
                self.pos += 1
                continue
            component = self.unqualified_name(last_class)
            parts.append(component)
            if component and not component.startswith(("~", "operator")):
                # Constructors and destructors repeat the class name without its ABI tags.
                last_class = component.split("[abi:", 1)[0]
            if self.peek() != "E":
                self.add_sub(parts)
        if not parts:
            raise _Fail("empty nested name")
        return "::".join(parts)

    def add_sub(self, parts: list[str]) -> None:
        self.subs.append("::".join(parts))

    def unqualified_name(self, enclosing: str = "") -> str:
        char = self.peek()
        if char.isdigit():
            name = self.source_name()
        elif char == "L":
            self.pos += 1
            name = self.source_name()
            if self.take("_"):
                self.number()
        elif char == "C" and self.peek(1) in ("1", "2", "3", "4", "5", "I"):
            self.pos += 2
            if self.text[self.pos - 1] == "I":
                self.pos += 1
                self.type_()
            name = enclosing
        elif char == "D" and self.peek(1) in ("0", "1", "2", "4", "5"):
            self.pos += 2
            name = "~" + enclosing
        elif char == "U" and self.peek(1) == "t":
            self.pos += 2
            count = self.number() + 1 if self.peek().isdigit() else 1
            self.expect("_")
            name = f"{{unnamed type#{count}}}"
        elif char == "U" and self.peek(1) == "l":
            self.pos += 2
            params: list[str] = []
            while not self.take("E"):
                params.append(self.type_())
            if params == ["void"]:
                params = []
            count = self.number() + 2 if self.peek().isdigit() else 1
            self.expect("_")
            name = f"{{lambda({', '.join(params)})#{count}}}"
        elif char.islower() and self.peek(1):
            code = self.text[self.pos : self.pos + 2]
            if code == "cv":
                self.pos += 2
                name = "operator " + self.type_()
            elif code == "li":
                self.pos += 2
                name = 'operator"" ' + self.source_name()
            elif code in _OPERATORS:
                self.pos += 2
                symbol = _OPERATORS[code]
                name = "operator" + (" " + symbol if symbol[0].isalpha() else symbol)
            else:
                raise _Fail("operator")
        else:
            raise _Fail("unqualified name")
        while self.peek() == "B":
            self.pos += 1
            name += f"[abi:{self.source_name()}]"
        return name

    def source_name(self) -> str:
        length = self.number()
        if length <= 0 or self.pos + length > len(self.text):
            raise _Fail("source name")
        ident = self.text[self.pos : self.pos + length]
        self.pos += length
        if ident.startswith("_GLOBAL_") and len(ident) > 9 and ident[9] == "N":
            return "(anonymous namespace)"
        return ident

    def substitution(self) -> str:
        self.expect("S")
        char = self.peek()
        if char in _STD_ABBREVIATIONS:
            self.pos += 1
            return _STD_ABBREVIATIONS[char][0]
        if char == "_":
            self.pos += 1
            index = 0
        else:
            start = self.pos
            while self.peek().isdigit() or self.peek().isupper():
                self.pos += 1
            digits = self.text[start : self.pos]
            self.expect("_")
            if not digits:
                raise _Fail("substitution")
            index = int(digits, 36) + 1
        if index >= len(self.subs):
            raise _Fail("substitution index")
        return self.subs[index]

    def template_param(self) -> str:
        self.expect("T")
        if not self.take("_"):
            self.number()
            self.expect("_")
        return "auto"

    def template_args(self) -> None:
        self.expect("I")
        while not self.take("E"):
            self.template_arg()

    def template_arg(self) -> None:
        char = self.peek()
        if char == "L":
            self.literal()
        elif char == "X":
            self.pos += 1
            self.expression()
            self.expect("E")
        elif char == "J":
            self.pos += 1
            while not self.take("E"):
                self.template_arg()
        else:
            self.type_()

    def literal(self) -> None:
        self.expect("L")
        if self.take("Z") or self.take("_Z"):
            # An external name: its encoding, parameters included, up to the closing E.
            self.function_with_params()
            self.expect("E")
            return
        self.type_()
        while self.peek() and self.peek() != "E":
            self.pos += 1
        self.expect("E")

    def expression(self) -> None:
        """Skip a template-argument expression (only its extent matters: it is not printed)."""
        char = self.peek()
        code = self.text[self.pos : self.pos + 2]
        if char == "L":
            self.literal()
        elif char == "T":
            self.template_param()
        elif code == "fp":
            self.pos += 2
            while self.peek() in ("r", "V", "K"):
                self.pos += 1
            if self.peek().isdigit():
                self.number()
            self.expect("_")
        elif code in ("st", "at"):
            self.pos += 2
            self.type_()
        elif code in ("sz", "az", "nx", "tw"):
            self.pos += 2
            self.expression()
        elif code == "cv":
            self.pos += 2
            self.type_()
            if self.take("_"):
                while not self.take("E"):
                    self.expression()
            else:
                self.expression()
        elif code == "cl":
            self.pos += 2
            while not self.take("E"):
                self.expression()
        elif code in _OPERATORS:
            self.pos += 2
            arity = 1 if code in _UNARY_OPERATORS else 3 if code == "qu" else 2
            for _ in range(arity):
                self.expression()
        else:
            raise _Fail("expression")

    def type_(self) -> str:
        char = self.peek()
        if char in _BUILTIN_TYPES:
            self.pos += 1
            return _BUILTIN_TYPES[char]
        if char == "u":
            self.pos += 1
            return self.source_name()
        if char == "D" and self.peek(1) in _D_TYPES:
            self.pos += 2
            return _D_TYPES[self.text[self.pos - 1]]
        if char == "D" and self.peek(1) == "F":
            self.pos += 2
            bits = self.number()
            self.take("_")
            return f"_Float{bits}"
        if char in ("r", "V", "K"):
            qualifiers = ""
            while self.peek() in ("r", "V", "K"):
                qualifiers = {"r": " restrict", "V": " volatile", "K": " const"}[self.peek()] + (
                    qualifiers
                )
                self.pos += 1
            inner = self.type_() + qualifiers
            self.subs.append(inner)
            return inner
        if char in ("P", "R", "O"):
            self.pos += 1
            inner = self.type_() + {"P": "*", "R": "&", "O": "&&"}[char]
            self.subs.append(inner)
            return inner
        if char == "D" and self.peek(1) == "p":
            self.pos += 2
            inner = self.type_()
            self.subs.append(inner)
            return inner
        if char == "F":
            self.pos += 1
            self.take("Y")
            while not self.take("E"):
                if self.peek() in ("R", "O") and self.peek(1) == "E":
                    self.pos += 1
                    continue
                self.type_()
            self.subs.append("function")
            return "function"
        if char == "A":
            self.pos += 1
            if self.peek().isdigit():
                self.number()
            elif self.peek() != "_":
                raise _Fail("array dimension")
            self.expect("_")
            self.type_()
            self.subs.append("array")
            return "array"
        if char == "M":
            self.pos += 1
            self.type_()
            self.type_()
            self.subs.append("member")
            return "member"
        if char == "T":
            param = self.template_param()
            self.subs.append(param)
            if self.peek() == "I":
                self.template_args()
                self.subs.append(param)
            return param
        if char == "S":
            if self.peek(1) == "t":
                name = self.name()
                self.subs.append(name)
                return name
            entry = self.substitution()
            if self.peek() == "I":
                self.template_args()
                self.subs.append(entry)
            return entry
        if char == "N" or char.isdigit() or char in ("Z", "L"):
            name = self.name()
            self.subs.append(name)
            return name
        raise _Fail("type")
