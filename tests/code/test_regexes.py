"""Patterns with nested quantifiers are found in the files that define them."""

from __future__ import annotations

from pathlib import Path

import pytest

from profile_insights.agent.code.regexes import backtracking_patterns, nested_quantifier


@pytest.mark.parametrize(
    "pattern",
    [r"^([A-Za-z0-9]+[ &'.-]?)+$", "(a*)*", "(a|b+)*c", "((a+))+", r"(\w+\s?){2,}"],
)
def test_a_quantified_group_holding_a_quantifier_is_nested(pattern: str) -> None:
    assert nested_quantifier(pattern)


@pytest.mark.parametrize(
    "pattern",
    [r"^[A-Za-z][A-Za-z' -]*$", r"^[^\s@]+@[^\s@]+\.[a-z]{2,}$", r"(\d+)-(\d+)", "(?:ab)+",
     "[(a+)]+", r"\(a+\)+", r"(ab){3}"],
)  # fmt: skip
def test_quantifiers_side_by_side_or_escaped_are_not_nested(pattern: str) -> None:
    assert not nested_quantifier(pattern)


def test_literals_and_compiled_patterns_are_found_with_their_lines(tmp_path: Path) -> None:
    js = tmp_path / "rules.js"
    js.write_text(
        "const half = a / b + c / d;\n"
        "const RULES = { org: { pattern: /^([A-Za-z0-9]+[ .-]?)+$/ }, ok: /^[a-z]+$/ };\n"
        "const SLUG = new RegExp('^(\\\\w+-?)+$');\n"
    )
    stat = js.stat()
    found = backtracking_patterns(str(js), stat.st_size, stat.st_mtime_ns)
    assert found == ((2, "^([A-Za-z0-9]+[ .-]?)+$", "pattern"), (3, "^(\\w+-?)+$", "SLUG"))


def test_go_files_are_not_read_since_re2_never_backtracks(tmp_path: Path) -> None:
    go = tmp_path / "rules.go"
    go.write_text("package p\nvar name = regexp.MustCompile(`^([a-z]+ ?)+$`)\n")
    stat = go.stat()
    assert backtracking_patterns(str(go), stat.st_size, stat.st_mtime_ns) == ()
