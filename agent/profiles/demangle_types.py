"""The Itanium C++ ABI demangler's reading of types, template arguments and expressions.

pprof simplifies demangled C++ names (no template arguments, no parameter types), so these
parts are parsed only to be skipped correctly; :mod:`demangle_names` reads the names that stay.
"""

from __future__ import annotations


class UnparsedName(Exception):
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


class _Cursor:
    """The mangled text, the read position and the substitution table."""

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
            raise UnparsedName(prefix)

    def number(self) -> int:
        start = self.pos
        while self.peek().isdigit():
            self.pos += 1
        if start == self.pos:
            raise UnparsedName("number")
        return int(self.text[start : self.pos])

    def add_sub(self, parts: list[str]) -> None:
        self.subs.append("::".join(parts))

    def source_name(self) -> str:
        length = self.number()
        if length <= 0 or self.pos + length > len(self.text):
            raise UnparsedName("source name")
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
                raise UnparsedName("substitution")
            index = int(digits, 36) + 1
        if index >= len(self.subs):
            raise UnparsedName("substitution index")
        return self.subs[index]

    def template_param(self) -> str:
        self.expect("T")
        if not self.take("_"):
            self.number()
            self.expect("_")
        return "auto"


class ItaniumTypes(_Cursor):
    """Types, template arguments, literals and expressions (read to be skipped)."""

    def name(self) -> str:
        """Read ``<name>``: nested, local, unscoped or substituted."""
        """Read a name (the name parser, :class:`demangle_names.Itanium`, defines it)."""
        raise NotImplementedError

    def function_with_params(self) -> str:
        """Read a function name and its parameter types, as pprof shows it."""
        """Read a function name and its parameter types (defined by the name parser)."""
        raise NotImplementedError

    def template_args(self) -> None:
        """Skip ``<template-args>`` (``I ... E``): pprof drops them."""
        self.expect("I")
        while not self.take("E"):
            self.template_arg()

    def template_arg(self) -> None:
        """Skip one ``<template-arg>``."""
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
        """Skip an ``<expr-primary>`` literal (``L ... E``)."""
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
            raise UnparsedName("expression")

    def type_(self) -> str:
        """Read ``<type>`` and return its spelling (parameter lists keep it)."""
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
                raise UnparsedName("array dimension")
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
        raise UnparsedName("type")
