"""Queries whose text keeps the database from using an index, and responses encoded in vain.

A ``WHERE lower(email) = lower(?)`` wraps the indexed column in a function: the database can no
longer look the value up in the column's index and reads every row instead, on every call. A
handler that encodes its whole response before checking ``If-None-Match`` pays for the full
encode on the requests it answers with a 304.
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import Construct, HotCode, short

#: Calls that run SQL given as their first argument.
_RUNS_SQL = {"execute", "executemany", "query", "Query", "QueryRow", "QueryContext", "Exec",
             "prepare", "Prepare", "raw", "all", "get", "run", "fetchall", "fetchone"}  # fmt: skip
#: A column wrapped in a function inside a WHERE (or AND/OR/ON) condition.
_WRAPPED_COLUMN = re.compile(
    r"(?i)\b(?:where|and|or|on)\s+(lower|upper|trim|ltrim|rtrim|date|substr|substring|"
    r"coalesce|cast|ifnull|strftime|datetime|to_char)\s*\(\s*([a-z_][\w.]*)"
)


def function_on_column(code: HotCode) -> Construct | None:
    """Wrap an indexed column in a function in a query's condition: every call scans the table."""
    if code.family in ("alloc", "inuse", "mutex", "goroutine"):
        return None
    for call in code.hot_calls():
        if call.name not in _RUNS_SQL:
            continue
        found = _WRAPPED_COLUMN.search(call.arguments)
        if found is None:
            continue
        function, column = found.group(1), found.group(2)
        return Construct(
            "function-on-column",
            "cpu_hotspot" if code.family == "cpu" else "io_wait",
            call.line,
            f"The query wraps {short(column, 20)} in {function}(): no index can be used",
            f"filters on `{function}({short(column, 20)})` ({code.ref(call.line)}): with the "
            "column wrapped in a function, the database cannot look the value up in the "
            f"column's index and reads every row of the table (a full table scan) on every "
            "call, comparing each one",
            f"Compare the column as it is stored, so its index is used: store the normalised "
            f"value in its own indexed column (or normalise on write), create an expression "
            f"index on `{function}({short(column, 20)})`, or use a case-insensitive collation "
            "(COLLATE NOCASE, citext) instead of the function.",
            9,
        )
    return None


_ENCODES = {"stringify", "dumps", "Marshal", "MarshalIndent", "generate", "to_json", "Serialize"}
_CONDITIONAL_REQUEST = re.compile(r"(?i)if-none-match|etag|if-modified-since|not_modified|304")


def encode_before_conditional(code: HotCode) -> Construct | None:
    """Encode a whole response before checking whether the client already has it (a 304)."""
    if code.family not in ("cpu", "wall", "other"):
        return None
    encodes = [c for c in code.hot_calls() if c.name in _ENCODES]
    checks = [line for line, text in code.facts.comparisons if _CONDITIONAL_REQUEST.search(text)]
    for call in encodes:
        later = [line for line in checks if line > call.line]
        if not later:
            continue
        return Construct(
            "encode-before-conditional",
            "serialization",
            call.line,
            "The whole response encoded before the If-None-Match check",
            f"serialises the whole response with `{short(call.callee, 30)}` "
            f"({code.ref(call.line)}) before checking whether the client already has it "
            f"(line {later[0]}): every "
            "request pays for the full encode, including those answered 304 Not Modified, "
            "which throw the body away",
            "Check If-None-Match (the ETag from the data's version) first and return 304 "
            "before encoding; encode only for a 200, and cache the encoded body per version so "
            "an unchanged directory is serialised once, not on every request.",
            9,
        )
    return None


QUERY_RECOGNISERS = (function_on_column, encode_before_conditional)
"""Query and response recognisers, most specific first."""
