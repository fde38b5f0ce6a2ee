"""Whole texts cut or rewritten piece by piece: split per line, split only to count, per word.

Each names an idiom that walks all of a text more often, or into more pieces, than the work
needs: every line split into fields although few are read, the pieces of a split only counted,
the whole text rewritten once for every word of a list.
"""

from __future__ import annotations

import re

from profile_insights.agent.analysis.constructs import (
    SHOWS_ALLOCATION,
    Construct,
    HotCode,
    calls_of,
    cost_kind,
    loop_around,
    short,
)

#: Splits that allocate a new slice (and strings) for every piece: (receiver, name).
_SPLITTERS = {
    ("strings", "Split"), ("strings", "Fields"), ("strings", "SplitN"), ("bytes", "Split"),
    ("bytes", "Fields"), ("", "split"), ("", "rsplit"),
}  # fmt: skip
_CUT = {
    "go": "strings.Cut / strings.IndexByte to take the fields you need without a slice",
    "python": "str.partition / str.split(sep, maxsplit) for the fields you need, or csv",
    "javascript": "indexOf and slice for the fields you need, without an array per line",
    "typescript": "indexOf and slice for the fields you need, without an array per line",
}


#: A loop over all the lines of a text (``range strings.Split(text, "\n")``, ``splitlines()``).
_LINES_OF = re.compile(r"Split\w*\([^,]+,\s*\"\\n\"|splitlines\(|split\(\s*['\"]\\n['\"]|Lines\(")


def split_per_item(code: HotCode) -> Construct | None:
    """Split every line or record into a new slice of new strings, in a loop."""
    calls = [c for c in calls_of(code, _SPLITTERS) if c.loop_depth > 0 and code.is_hot(c.line)]
    if not calls or code.family not in SHOWS_ALLOCATION:
        return None
    call = calls[0]
    loop, collection = loop_around(code, call.line)
    # The loop's own header (range strings.Split(text, "\n")) runs once; the split inside
    # the body runs per line.
    inner = [c for c in calls if not (loop and c.callee in loop.collection)]
    call = inner[0] if inner else call
    whole = loop.collection if loop and _LINES_OF.search(loop.collection) else ""
    if whole:
        return Construct(
            "reparse-per-call",
            cost_kind(code),
            call.line,
            "The whole text split into lines and fields on every call",
            f"splits the whole text into lines (`{short(whole, 40)}`) and every line into "
            f"fields with `{short(call.callee, 24)}` on every call ({code.ref(call.line)}), "
            "to use a few of them: each call re-parses all of it, allocating a slice and "
            "strings per line",
            "Parse the text once, when it is loaded or changes, into a structure made for the "
            "lookup (a map or a sorted slice by key, a trie for prefixes), keep it beside the "
            "text, and look entries up there on every call.",
            8,
        )
    if code.family != "alloc":
        return None
    return Construct(
        "split-per-item",
        "allocation_pressure",
        call.line,
        f"Every item split into new strings by {short(call.callee, 24)}",
        f"calls `{short(call.callee, 30)}` for every element of {collection or 'the loop'} "
        f"({code.ref(call.line)}): each call allocates a new slice and a string per field, "
        "although only a few fields are used and the pieces are dropped right after",
        f"Take the fields without splitting everything: "
        f"{_CUT.get(code.language, 'scan for the separators you need')}; or reuse one "
        "buffer of fields across items.",
        7,
    )


#: Calls that cut a text (or match a pattern) into a new list of pieces, by name.
_PIECES = {
    "Split", "SplitN", "SplitAfter", "Fields", "FieldsFunc", "split", "splitlines", "findall",
    "FindAllString", "FindAllStringIndex", "FindAll", "readlines", "match", "matchAll", "scan",
}  # fmt: skip
#: A list of pieces measured on the spot: ``s.split("\n").length``, ``.Split('\n').Length``.
_MEASURED = re.compile(
    r"\.(?:split|Split|match|scan|lines)\((?:[^()]|\([^()]*\))*\)\.(?:length|Length|size|count)\b"
)
#: Counting without splitting, per grammar.
_COUNT_IDIOM = {
    "go": 'strings.Count(s, "\\n") (bytes.Count for []byte)',
    "python": 's.count("\\n"), or sum(1 for _ in re.finditer(...)) for a pattern',
    "javascript": "a loop with indexOf('\\n', from) that counts, without an array of pieces",
    "typescript": "a loop with indexOf('\\n', from) that counts, without an array of pieces",
    "java": "a loop over indexOf('\\n', from), or s.chars().filter(c -> c == '\\n').count()",
    "csharp": "s.AsSpan().Count('\\n') (or a loop over IndexOf)",
    "ruby": 's.count("\\n") (or each_line.count, which builds no array)',
    "rust": "s.matches('\\n').count() or bytecount, without collecting",
}


def split_to_count(code: HotCode) -> Construct | None:
    """Split a whole text into a list of pieces only to count them (``len(strings.Split(..))``)."""
    if code.family not in SHOWS_ALLOCATION:
        return None
    found: list[tuple[int, str]] = []
    for call in code.hot_calls():
        argument = call.first_argument.lstrip("(")
        name = re.match(r"[\w.$]*?(\w+)\(", argument)
        if call.name == "len" and not call.receiver and name and name.group(1) in _PIECES:
            found.append((call.line, argument.split("(")[0]))
        elif call.name in _PIECES and not code.header_only and code.lines:
            if call.line == code.lines[0] and _MEASURED.search(code.facts.statement):
                found.append((call.line, call.callee))
    if not found:
        return None
    line, splitter = min(found)
    return Construct(
        "split-to-count",
        cost_kind(code),
        line,
        f"A whole text split by {short(splitter, 24)} only to count its pieces",
        f"splits the whole text with `{short(splitter, 30)}` only to take the length of the "
        f"result ({code.ref(line)}): every call allocates a list (and a string header) per "
        "piece for the entire payload, only to count them and drop them at once",
        f"Count without splitting: {_COUNT_IDIOM.get(code.language, 'count the separators')}; "
        "or count while the pieces are walked anyway, and stop as soon as a limit is passed.",
        8,
    )


_REGEX_MADE = re.compile(
    r"new RegExp\(|\bRegExp\(|re\.compile\(|regexp\.(Must)?Compile\(|Regexp\.new\("
)
#: One pass over a text for many replacements, per grammar.
_ONE_PASS = {
    "python": "a single compiled regex alternation of all the words "
    "(re.compile('|'.join(map(re.escape, words)))) with a function looking each match up, "
    "or str.translate for characters",
    "go": "a strings.NewReplacer built once from all the pairs, or one regexp with "
    "ReplaceAllStringFunc looking each match up",
    "javascript": "one pattern that captures the varying part, with a replacer function that "
    "looks each match up (text.replace(/.../g, (m, key) => values[key])), built once",
    "typescript": "one pattern that captures the varying part, with a replacer function that "
    "looks each match up (text.replace(/.../g, (m, key) => values[key])), built once",
    "ruby": "one gsub with a pattern capturing the varying part and a hash or block for the "
    "replacement",
}


def _compiled_in(code: HotCode, replaced: str, since: int) -> bool:
    """Return whether a replace uses a pattern compiled in the loop (from line ``since``)."""
    inner = replaced[replaced.find("(") + 1 :]
    first = inner.split(",")[0].strip()
    if _REGEX_MADE.search(first):
        return True
    return any(
        b.line >= since and first in b.names and _REGEX_MADE.search(b.value)
        for b in code.facts.bindings
    )


def replace_per_word(code: HotCode) -> Construct | None:
    """Rewrite a whole text once per word of a list (``text = text.replace(w, "")``)."""
    if code.family not in SHOWS_ALLOCATION:
        return None
    for update in code.facts.updates:
        target = update.target.strip()
        if (
            update.loop_depth > 0
            and code.is_hot(update.line)
            and re.match(rf"{re.escape(target)}\.(replace|replaceAll|sub|gsub)\(", update.value)
        ):
            loop, collection = loop_around(code, update.line)
            if loop is not None and target in loop.variables:
                continue  # each element normalised in turn: no text rewritten per word
            compiled = _compiled_in(code, update.value, loop.line if loop else update.line)
            return Construct(
                "replace-per-word",
                cost_kind(code),
                update.line,
                f"The whole of {short(target, 20)} rewritten once per word",
                f"replaces into `{target}` once per element of {collection or 'the loop'} "
                f"({code.ref(update.line)})"
                + (", with a regular expression compiled anew each time" if compiled else "")
                + ": every pass scans and copies the whole text, so the work is the text's "
                "length times the number of words",
                f"Make one pass over the text: "
                f"{_ONE_PASS.get(code.language, 'one pattern matching every word at once')}.",
                11 if compiled else 7,  # the loop explains the compiles too
            )
    return None


#: Per-character rewriting without an array of characters, per grammar.
_PER_CHARACTER = {
    "javascript": "one regex replace over the whole string with a character class (and a "
    "replacer function when characters map differently), or one loop over charCodeAt",
    "typescript": "one regex replace over the whole string with a character class (and a "
    "replacer function when characters map differently), or one loop over charCodeAt",
    "python": "str.translate with a table made once by str.maketrans, or one re.sub",
    "go": "strings.Map with a func(rune) rune, or one pass writing into a strings.Builder",
    "ruby": "String#tr or one gsub",
}


def character_arrays(code: HotCode) -> Construct | None:
    """Split a text into one-character strings to map and join them back."""
    if code.family not in SHOWS_ALLOCATION:
        return None
    calls = code.hot_calls()
    names = {c.name for c in calls}
    for call in calls:
        argument = call.first_argument if call.receiver != "strings" else call.arguments
        into_characters = (call.name == "split" and argument.strip() in ("''", '""', "``")) or (
            call.name == "Split" and call.receiver == "strings" and argument.endswith('"")')
        )
        if into_characters and names & {"map", "join", "Join", "forEach", "reduce"}:
            return Construct(
                "character-arrays",
                cost_kind(code),
                call.line,
                "A text split into an array of characters to rewrite it",
                f"splits the text into an array of one-character strings with "
                f"`{short(''.join(call.callee.split()), 30)}` ({code.ref(call.line)}), "
                "maps every character "
                "to a new string and joins them back: each call allocates arrays and strings "
                "in proportion to the text's length, several objects per character, all "
                "garbage at once",
                f"Rewrite the characters in one pass without the arrays: "
                f"{_PER_CHARACTER.get(code.language, 'one pass over the text')}.",
                9,
            )
    return None


#: Calls that run a regular expression against a text.
_MATCHES = {
    "test", "exec", "match", "matchAll", "search", "replace", "replaceAll", "fullmatch",
    "findall", "finditer", "sub", "split", "IsMatch", "Match", "Matches", "matches", "=~",
}  # fmt: skip


def backtracking_regex(code: HotCode) -> Construct | None:
    """Run a regex whose nested quantifiers backtrack exponentially on inputs it rejects."""
    facts = code.facts
    if not facts.backtracking_patterns or code.family not in ("cpu", "wall", "other"):
        return None
    found = None
    for line, pattern, name in facts.backtracking_patterns:
        # The pattern the hot code runs: written in the function, or run by the name it is
        # kept under (NAME.test(s), rule.pattern.test(s), re.match(NAME, s)).
        runs = [
            c
            for c in code.hot_calls()
            if c.name in _MATCHES
            and (
                (facts.start_line <= line <= facts.end_line and c.line == line)
                or (name and name in re.findall(r"[\w$]+", f"{c.receiver} {c.first_argument}"))
            )
        ]
        if runs:
            found = (line, pattern, runs)
            break
    if found is None:
        return None
    line, pattern, runs = found
    at = f" (run at {code.ref(runs[0].line)})"
    return Construct(
        "regex-backtracking",
        "cpu_hotspot",
        runs[0].line,
        "Regular expression with nested quantifiers backtracking",
        f"runs the pattern `{short(pattern, 50)}` ({code.ref(line)}){at}: a quantified group "
        "that itself holds a quantifier can match one input in exponentially many ways, so on "
        "an input that almost matches but is rejected the backtracking engine tries them all "
        "(catastrophic backtracking, a ReDoS), and one long value costs seconds",
        "Rewrite the pattern so each character can be matched one way only: drop the nested "
        "quantifier (`^[A-Za-z0-9]+(?:[ .-][A-Za-z0-9]+)*$` instead of `^([A-Za-z0-9]+[ .-]?)+$`), "
        "use possessive or atomic groups where the engine has them, cap the input length "
        "before matching, or use a linear-time engine (RE2, re2/node-re2).",
        10,
    )


TEXT_RECOGNISERS = (
    backtracking_regex,
    split_to_count,
    replace_per_word,
    character_arrays,
    split_per_item,
)
"""The recognisers of whole-text idioms, most specific first."""
