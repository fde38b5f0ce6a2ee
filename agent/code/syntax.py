"""The source languages the analyst reads with tree-sitter, and what their syntax calls things.

One table per language names the node types that matter to the analysis: functions, loops,
calls, compound assignments and lock regions. The grammars are the per-language PyPI packages
(``tree-sitter-go``, ``-python``, ...), which ship compiled and work offline; a file of another
language is simply not parsed (the analyst then reads the hot line as text).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import tree_sitter

from profile_insights.agent.code.models import Language


@dataclass(frozen=True)
class SyntaxTable:
    """Node types of one language's grammar, by the role they play in the analysis."""

    module: str
    """The grammar's Python package (``tree_sitter_go``)."""
    entry: str = "language"
    """The package's function returning the grammar."""
    functions: frozenset[str] = frozenset()
    loops: frozenset[str] = frozenset()
    comprehensions: frozenset[str] = frozenset()
    calls: frozenset[str] = frozenset()
    constructors: frozenset[str] = frozenset()
    """Calls that make an object (``new X()``): a call of their type's name."""
    updates: frozenset[str] = frozenset()
    """Compound assignments (``s += x``)."""
    assignments: frozenset[str] = frozenset()
    locks: frozenset[str] = frozenset()
    """Statements whose body runs holding a lock (``with lock:``, ``synchronized``, ``lock``)."""
    returns: frozenset[str] = frozenset({"return_statement", "break_statement"})
    equality: frozenset[str] = frozenset({"==", "===", "is"})
    membership: frozenset[str] = frozenset()
    """Expressions testing membership (Python's ``in``)."""
    iteration_methods: frozenset[str] = field(
        default_factory=lambda: frozenset(
            {
                "forEach",
                "map",
                "filter",
                "reduce",
                "some",
                "every",
                "find",
                "flatMap",
                "each",
                "each_with_index",
                "each_with_object",
                "map!",
                "select",
                "collect",
                "times",
                "for_each",
                "iter",
                "Select",
                "Where",
                "ForEach",
                "inject",
            }
        )  # fmt: skip
    )
    """Methods whose function argument runs once per element (a loop in all but name)."""


def _javascript(module: str, entry: str = "language") -> SyntaxTable:
    """Return the table of a JavaScript-family grammar (JavaScript and TypeScript share it)."""
    return SyntaxTable(
        module,
        entry,
        functions=frozenset(
            {
                "function_declaration",
                "function_expression",
                "function",
                "arrow_function",
                "method_definition",
                "generator_function_declaration",
                "generator_function",
            }
        ),  # fmt: skip
        loops=frozenset({"for_statement", "for_in_statement", "while_statement", "do_statement"}),
        calls=frozenset({"call_expression"}),
        constructors=frozenset({"new_expression"}),
        updates=frozenset({"augmented_assignment_expression"}),
        assignments=frozenset({"assignment_expression", "variable_declarator"}),
    )


TABLES: dict[str, SyntaxTable] = {
    "go": SyntaxTable(
        "tree_sitter_go",
        functions=frozenset({"function_declaration", "method_declaration", "func_literal"}),
        loops=frozenset({"for_statement"}),
        calls=frozenset({"call_expression"}),
        updates=frozenset({"assignment_statement"}),
        assignments=frozenset({"assignment_statement", "short_var_declaration"}),
    ),
    "python": SyntaxTable(
        "tree_sitter_python",
        functions=frozenset({"function_definition", "lambda"}),
        loops=frozenset({"for_statement", "while_statement"}),
        comprehensions=frozenset(
            {
                "list_comprehension",
                "set_comprehension",
                "dictionary_comprehension",
                "generator_expression",
            }
        ),  # fmt: skip
        calls=frozenset({"call"}),
        updates=frozenset({"augmented_assignment"}),
        assignments=frozenset({"assignment"}),
        locks=frozenset({"with_statement"}),
        membership=frozenset({"comparison_operator"}),
    ),
    "javascript": _javascript("tree_sitter_javascript"),
    "typescript": _javascript("tree_sitter_typescript", "language_typescript"),
    "java": SyntaxTable(
        "tree_sitter_java",
        functions=frozenset({"method_declaration", "constructor_declaration", "lambda_expression"}),
        loops=frozenset(
            {"for_statement", "enhanced_for_statement", "while_statement", "do_statement"}
        ),
        calls=frozenset({"method_invocation"}),
        constructors=frozenset({"object_creation_expression"}),
        updates=frozenset({"assignment_expression"}),
        assignments=frozenset({"assignment_expression", "variable_declarator"}),
        locks=frozenset({"synchronized_statement"}),
    ),
    "csharp": SyntaxTable(
        "tree_sitter_c_sharp",
        functions=frozenset(
            {
                "method_declaration",
                "constructor_declaration",
                "local_function_statement",
                "lambda_expression",
                "anonymous_method_expression",
            }
        ),  # fmt: skip
        loops=frozenset({"for_statement", "foreach_statement", "while_statement", "do_statement"}),
        calls=frozenset({"invocation_expression"}),
        constructors=frozenset({"object_creation_expression"}),
        updates=frozenset({"assignment_expression"}),
        assignments=frozenset({"assignment_expression", "variable_declarator"}),
        locks=frozenset({"lock_statement"}),
    ),
    "ruby": SyntaxTable(
        "tree_sitter_ruby",
        functions=frozenset({"method", "singleton_method"}),
        loops=frozenset({"for", "while", "until"}),
        calls=frozenset({"call"}),
        updates=frozenset({"operator_assignment"}),
        assignments=frozenset({"assignment"}),
    ),
    "rust": SyntaxTable(
        "tree_sitter_rust",
        functions=frozenset({"function_item", "closure_expression"}),
        loops=frozenset({"for_expression", "while_expression", "loop_expression"}),
        calls=frozenset({"call_expression", "macro_invocation"}),
        updates=frozenset({"compound_assignment_expr"}),
        assignments=frozenset({"assignment_expression", "let_declaration"}),
        returns=frozenset({"return_expression", "break_expression"}),
    ),
}

_EXTENSIONS = {
    ".go": "go",
    ".py": "python",
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".tsx": "typescript",
    ".mts": "typescript",
    ".java": "java",
    ".cs": "csharp",
    ".rb": "ruby",
    ".rs": "rust",
}

#: The profile's language for each grammar (JavaScript and TypeScript are both Node.js).
PROFILE_LANGUAGE: dict[str, Language] = {
    "go": "go",
    "python": "python",
    "javascript": "nodejs",
    "typescript": "nodejs",
    "java": "java",
    "csharp": "dotnet",
    "ruby": "ruby",
    "rust": "rust",
}


def grammar_for(path: str) -> str | None:
    """Return the grammar name for a file (by its extension), or None when none is shipped."""
    suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return _EXTENSIONS.get(suffix)


@cache
def parser_for(grammar: str) -> tree_sitter.Parser | None:
    """Return a parser for ``grammar``, or None when its package is not installed."""
    table = TABLES[grammar]
    try:
        module: Any = importlib.import_module(table.module)
    except ImportError:
        return None
    return tree_sitter.Parser(tree_sitter.Language(getattr(module, table.entry)()))
