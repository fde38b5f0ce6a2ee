"""Parse and evaluate Prometheus label selectors such as ``{service_name="x", env=~"prod.*"}``.

Pyroscope's ``--query``/``label_selector`` is a Prometheus selector: matchers separated by commas
inside braces (``{}`` selects everything), an optional metric name before the brace (it becomes a
``__name__`` matcher), operators ``=``, ``!=``, ``=~``, ``!~``. As in Prometheus, regular
expressions are fully anchored (``=~"check"`` does not match ``checkout``) and a missing label
has the empty value. Recordings and the replay server use this to answer queries like a server;
a selector the parser rejects is an :class:`InvalidQueryError`, as a server's HTTP 400 would be.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Literal, NoReturn

from pydantic import BaseModel, ConfigDict

from profile_insights.agent.errors import InvalidQueryError

Operator = Literal["=", "!=", "=~", "!~"]

_NAME = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*")
_METRIC_NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")
_OPERATOR = re.compile(r"=~|!~|!=|=")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "`": "`"}


class Matcher(BaseModel):
    """One ``name op "value"`` term of a selector."""

    model_config = ConfigDict(frozen=True)

    name: str
    op: Operator
    value: str

    def matches(self, labels: Mapping[str, str]) -> bool:
        """Return whether a label set satisfies this matcher (a missing label is ``""``)."""
        actual = labels.get(self.name, "")
        if self.op == "=":
            return actual == self.value
        if self.op == "!=":
            return actual != self.value
        found = _compile(self.value).fullmatch(actual) is not None
        return found if self.op == "=~" else not found


class Selector(BaseModel):
    """A parsed selector: every matcher must hold."""

    model_config = ConfigDict(frozen=True)

    text: str
    matchers: tuple[Matcher, ...]

    def matches(self, labels: Mapping[str, str]) -> bool:
        """Return whether a label set satisfies every matcher."""
        return all(matcher.matches(labels) for matcher in self.matchers)


def parse_selector(text: str) -> Selector:
    """Parse a Prometheus label selector.

    Raises:
        InvalidQueryError: with the position and reason, like Pyroscope's 400 answer.
    """
    parser = _Parser(text)
    matchers = parser.parse()
    return Selector(text=text, matchers=tuple(matchers))


def format_selector(labels: Mapping[str, str]) -> str:
    """Return a selector that matches exactly these label values (``{a="b",c="d"}``)."""
    terms = [f"{_format_name(name)}={quote(value)}" for name, value in sorted(labels.items())]
    return "{" + ",".join(terms) + "}"


def services_selector(services: Sequence[str], labels: Mapping[str, str] | None = None) -> str:
    """Return the selector for these services: ``service_name="a"``, or a regex alternation.

    ``labels`` adds exact matchers (``service_git_ref="abc"``, ``pod="x"``) to scope the query.
    """
    extra = "".join(
        f",{_format_name(name)}={quote(value)}" for name, value in (labels or {}).items()
    )
    if len(services) == 1:
        return format_selector({"service_name": services[0], **(labels or {})})
    alternatives = "|".join(regex_literal(name) for name in services)
    return f"{{service_name=~{quote(alternatives)}{extra}}}"


#: RE2 metacharacters; RE2 matches an escaped punctuation character literally.
_REGEX_SPECIAL = frozenset(".^$*+?()[]{}|\\")


def regex_literal(text: str) -> str:
    """Return a regular expression (RE2, as Pyroscope uses) matching exactly ``text``."""
    return "".join("\\" + ch if ch in _REGEX_SPECIAL else ch for ch in text)


def quote(value: str) -> str:
    """Return ``value`` as a double-quoted selector string with Go-style escapes."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _format_name(name: str) -> str:
    # Prometheus 3 (and Pyroscope with allow-utf8-labelnames) accept quoted UTF-8 label names.
    return name if _NAME.fullmatch(name) else quote(name)


def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as error:
        raise InvalidQueryError(
            f"invalid regular expression {pattern!r} in label selector: {error}"
        ) from None


class _Parser:
    """A recursive-descent parser over the selector text (small enough to read at once)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def parse(self) -> list[Matcher]:
        matchers: list[Matcher] = []
        self._skip_space()
        metric = _METRIC_NAME.match(self.text, self.pos)
        if metric:
            matchers.append(Matcher(name="__name__", op="=", value=metric.group()))
            self.pos = metric.end()
            self._skip_space()
            if self.pos == len(self.text):
                return matchers
        self._expect("{")
        self._skip_space()
        while not self._peek("}"):
            matchers.append(self._matcher())
            self._skip_space()
            if self._peek(","):
                self.pos += 1
                self._skip_space()
            elif not self._peek("}"):
                self._fail("expected , or } after a matcher")
        self.pos += 1
        self._skip_space()
        if self.pos != len(self.text):
            self._fail("unexpected text after the closing }")
        return matchers

    def _matcher(self) -> Matcher:
        if self._peek('"') or self._peek("'") or self._peek("`"):
            name = self._string()
        else:
            found = _NAME.match(self.text, self.pos)
            if not found:
                self._fail("expected a label name")
            name = found.group()
            self.pos = found.end()
        self._skip_space()
        operator = _OPERATOR.match(self.text, self.pos)
        if not operator:
            self._fail(f"expected =, !=, =~ or !~ after {name!r}")
        self.pos = operator.end()
        self._skip_space()
        value = self._string()
        op: Operator = operator.group()  # type: ignore[assignment]
        if op in ("=~", "!~"):
            _compile(value)
        return Matcher(name=name, op=op, value=value)

    def _string(self) -> str:
        if self.pos >= len(self.text) or self.text[self.pos] not in "\"'`":
            self._fail("expected a quoted string")
        quote_char = self.text[self.pos]
        self.pos += 1
        chars: list[str] = []
        while self.pos < len(self.text):
            char = self.text[self.pos]
            self.pos += 1
            if char == quote_char:
                return "".join(chars)
            if char == "\\" and quote_char != "`":
                if self.pos >= len(self.text):
                    break
                escaped = self.text[self.pos]
                self.pos += 1
                if escaped not in _ESCAPES:
                    self._fail(f"unknown escape sequence \\{escaped}")
                chars.append(_ESCAPES[escaped])
            else:
                chars.append(char)
        self._fail("unterminated quoted string")

    def _peek(self, token: str) -> bool:
        return self.text.startswith(token, self.pos)

    def _expect(self, token: str) -> None:
        if not self._peek(token):
            self._fail(f"expected {token!r}")
        self.pos += len(token)

    def _skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def _fail(self, reason: str) -> NoReturn:
        raise InvalidQueryError(
            f"parsing label selector {self.text!r}: 1:{self.pos + 1}: parse error: {reason}"
        )
