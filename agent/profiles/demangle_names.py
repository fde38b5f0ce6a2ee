"""The Itanium C++ ABI demangler's reading of names: encodings, nested and local names.

The subset of the ABI it reads, and the simplifications pprof applies, are described in
:mod:`profile_insights.agent.profiles.demangle`.
"""

from __future__ import annotations

from profile_insights.agent.profiles.demangle_types import (
    _OPERATORS,
    _STD_FULL,
    ItaniumTypes,
    UnparsedName,
)


class Itanium(ItaniumTypes):
    """A recursive-descent parser for the subset of the Itanium ABI mangling described above."""

    def encoding(self) -> str:
        """Read ``<encoding>``: a function or data name, or a special name."""
        if self.peek() in ("T", "G"):
            return self.special_name()
        name = self.name()
        # Parameters are not demangled (pprof's NoParams), so the rest is not read.
        return name

    def special_name(self) -> str:
        """Read ``<special-name>``: vtables, typeinfo, guard variables, thunks."""
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
        raise UnparsedName("special name")

    def call_offset(self, code: str) -> None:
        """Skip ``<call-offset>`` of a virtual or non-virtual thunk."""
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
                raise UnparsedName("default argument scope")
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
        """Read a function name and its parameter types, as pprof shows it."""
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
        """Read ``<name>``: nested, local, unscoped or substituted."""
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
                raise UnparsedName("substitution used as a name")
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
        """Read ``<nested-name>`` (``N ... E``), remembering each prefix."""
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
                raise UnparsedName("unterminated nested name")
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
                    raise UnparsedName("template args without a template")
                self.template_args()
                self.add_sub(parts)
                continue
            if char == "T":
                parts = [self.template_param()]
                self.add_sub(parts)
                continue
            if char == "D" and self.peek(1) in ("t", "T"):
                raise UnparsedName("decltype prefix")
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
            raise UnparsedName("empty nested name")
        return "::".join(parts)

    def unqualified_name(self, enclosing: str = "") -> str:
        """Read ``<unqualified-name>``: a source name, an operator, a ctor/dtor."""
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
                raise UnparsedName("operator")
        else:
            raise UnparsedName("unqualified name")
        while self.peek() == "B":
            self.pos += 1
            name += f"[abi:{self.source_name()}]"
        return name
