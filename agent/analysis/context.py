"""What the hot line does in its function, when no recogniser names a construct there.

A report that has no specific explanation still knows the hot line's structure: inside which
loops it runs, over which collections, and what it calls. That says how often its work is
repeated (once per element, once per pair of elements) and which calls to look at first, and
it narrows the advice to what repetition calls for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from profile_insights.agent.analysis.constructs import HotCode, short
from profile_insights.agent.code.facts import Call, Loop, root_of

#: Calls that are the loop's bookkeeping, not its work.
_BOOKKEEPING = {
    "len", "range", "enumerate", "zip", "append", "push", "add", "items", "keys", "values",
    "Unlock", "Lock", "RUnlock", "RLock", "iter", "next", "Next", "hasNext", "entries",
}  # fmt: skip

#: What repeating work in a loop calls for, per profile family.
_LOOP_FIX = {
    "cpu": "Take out of the loop what does not depend on the element (build the pattern, "
    "parse the value, format the constant once, before it), and replace a pass or a search "
    "repeated per element with one prepared structure: a map keyed by what is looked up, "
    "one pass over the data, results cached by input.",
    "alloc": "Allocate out of the loop: size the result once before it (make with a "
    "capacity, a preallocated list), reuse one buffer across elements, and avoid building a "
    "temporary value per element that is dropped right after.",
    "wall": "Each pass of the loop waits: issue the calls together (one batched request, or "
    "concurrent calls with a bound on how many run at once) instead of one after another, "
    "and move a wait that does not depend on the element out of the loop.",
}
_LOOP_FIX["block"] = _LOOP_FIX["wall"]


@dataclass(frozen=True)
class Context:
    """The hot line's place in its function: a sentence to add, and the advice it implies."""

    sentence: str
    fix: str | None


def _focus(code: HotCode) -> int:
    """Return the line to describe: the heaviest hot line, or the body's deepest call."""
    if code.header_only or not code.weights:
        return code.focus_lines()[0]
    return max(code.lines, key=lambda line: (code.weight(line), -line))


def _work_calls(calls: list[Call]) -> list[str]:
    """Return the distinct callees that do work (bookkeeping calls left out)."""
    names = [short(c.callee, 30) for c in calls if c.name not in _BOOKKEEPING and c.callee]
    return list(dict.fromkeys(names))[:3]


#: Plurals the endings below get wrong, and words that are their own plural.
_IRREGULAR = {
    "series": "series", "species": "species", "analyses": "analysis", "vertices": "vertex",
    "indices": "index", "children": "child", "people": "person", "movies": "movie",
    "cookies": "cookie", "caches": "cache", "aliases": "alias",
}  # fmt: skip


def _singular(word: str) -> str:
    """Return a plural English noun's singular (rows: row, entries: entry, statuses: status)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if re.search(r"(ss|sh|ch|x|zz|us)es$", word):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 2:
        return word[:-1]
    return ""


def _words(name: str) -> list[str]:
    """Return the lower-case words of an identifier (pendingJobs, pending_jobs: pending jobs)."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name).replace("_", " ")
    return [w.lower() for w in spaced.split() if w.isalpha()]


def element_noun(loop: Loop) -> str:
    """Return what one iteration of a loop handles, as a noun (``row`` for ``for row in rows``).

    A loop variable that is a word names it; else the singular of the collection's last name
    (``s.pendingJobs``: job). Empty when neither reads as a noun (``i``, ``kv``).
    """
    for name in loop.variables:
        words = _words(name)
        if (
            len(name) > 2
            and words
            and name.isidentifier()
            and words[-1] not in _NOT_NOUNS
            and words[0] not in ("is", "has", "should", "can")  # a flag, not an element
        ):
            if len(words) > 1 and _singular(words[-1]):
                words[-1] = _singular(words[-1])  # user_ids: user id
            return " ".join(words)
    # The collection's own name, before an accessor (orders.items(), Object.entries(byId)).
    collection = re.sub(r"\.(items|values|keys|entries|iter|iterator)\(\)$", "", loop.collection)
    collection = re.sub(r"^Object\.(entries|values|keys)\((.*)\)$", r"\2", collection)
    names = re.findall(r"[A-Za-z_]\w*", collection.split("(")[0])
    if names:
        words = _words(names[-1])
        single = _singular(words[-1]) if words else ""
        if single:
            return " ".join([*words[:-1], single])
    return ""


#: Loop variables that say nothing about the element.
_NOT_NOUNS = {"idx", "index", "key", "value", "val", "item", "elem", "element", "entry", "each"}


def _loop_words(loop: Loop) -> str:
    """Return how a loop reads in a sentence: over what, from which line."""
    over = f" over `{short(loop.collection, 30)}`" if loop.collection else ""
    kind = loop.kind if loop.kind in ("comprehension", "callback") else "loop"
    return f"the {kind}{over} (line {loop.line})"


#: A loop over a fixed count (``range(8)``), not over a collection that can grow.
_FIXED_COUNT = re.compile(r"^range\((?!\s*len\()[^,()]*(\([^()]*\))?[^,()]*\)$")


def _per_pair(loops: list[Loop]) -> bool:
    """Return whether the two innermost loops iterate two independent collections.

    An inner loop over a part of the outer element (``for x in row`` inside ``for row in
    matrix``) visits each datum once: linear, not work per pair.
    """
    if len(loops) < 2:
        return False
    inner, outer = loops[0], loops[1]
    if any(not lp.collection or _FIXED_COUNT.match(lp.collection) for lp in (inner, outer)):
        return False
    used = set(re.findall(r"[A-Za-z_]\w*", inner.collection))
    return not used & set(outer.variables)


def repetition(loops: list[Loop]) -> str:
    """Return how often a line inside ``loops`` (innermost first) runs, as words."""
    inner = loops[0]
    noun = element_noun(inner)
    if noun:
        each = f"once per {noun} (every element of {_loop_words(inner)})"
    elif inner.collection:
        each = f"once per element of {_loop_words(inner)}"
    else:
        each = f"once per iteration of {_loop_words(inner)}"
    if _per_pair(loops):
        each += (
            f", which runs inside {_loop_words(loops[1])}: once per pair of elements, so its "
            "cost grows with the product of both sizes"
        )
    return each


def hot_context(code: HotCode | None) -> Context | None:
    """Return the hot line's loops and calls as a sentence, with what they call for."""
    if code is None:
        return None
    line = _focus(code)
    facts = code.facts
    loops = facts.loops_around(line)
    calls = _work_calls([c for c in facts.calls if c.line <= line <= max(c.line, c.end_line)])
    where = code.ref(line)
    if not loops:
        if not calls or code.header_only:
            return None
        names = ", ".join(f"`{name}`" for name in calls)
        return Context(f" Line {where} runs once per call and calls {names}.", None)
    doing = f"calls {', '.join(f'`{name}`' for name in calls)}" if calls else "does its work"
    sentence = f" {where} {doing} {repetition(loops)}"
    sentence += f", on every call of `{short(facts.name, 40)}`"
    kept = next(
        (
            lp.collection
            for lp in loops
            if lp.collection
            and facts.outlives_call(lp.collection)
            # what the call was given (order.lines) is its input, not kept state
            and root_of(lp.collection) not in facts.parameters - {"self", "this", facts.receiver}
        ),
        "",
    )
    if kept:
        sentence += f": `{short(kept, 30)}` is kept state, so every call goes through all of it"
    sentence += "."
    fix = _LOOP_FIX.get(code.family)
    if fix is not None and kept and code.family == "cpu" and not _per_pair(loops):
        fix = (
            f"Index `{short(kept, 30)}` once, when it is loaded or changes, by what each call "
            "looks for (a map by key, a sorted list, a prefix trie or an n-gram index for "
            "text), so each call only looks at the few candidates it narrows to instead of "
            "every element. " + fix
        )
    if fix is not None and _per_pair(loops) and code.family == "cpu":
        fix = (
            "The nested loops repeat the inner work for every pair: index the inner "
            "collection once by the key compared (a map or set), so each outer element is one "
            "lookup, or sort both and merge them in one pass. " + fix
        )
    return Context(sentence, fix)
