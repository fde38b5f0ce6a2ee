"""Where a function holds a lock: lock statements, and Lock/Unlock calls paired into regions.

A ``with lock:`` or ``synchronized`` block is a region by its syntax; a ``mu.Lock()`` call holds
until the ``Unlock`` after it that every path runs (an unlock on an early-return branch ends
nothing the other paths hold), or to the end of the function when the release is deferred.
"""

from __future__ import annotations

import re
from typing import Any

from profile_insights.agent.code.facts import Call, LockRegion
from profile_insights.agent.code.nodes import node_text

_RELEASES = frozenset({"Unlock", "RUnlock", "unlock", "release"})
_ACQUIRES = frozenset({"Lock", "RLock", "lock", "acquire"})
#: Statements whose bodies run on some paths only.
_BRANCHES = frozenset(
    {
        "if_statement", "else_clause", "expression_switch_statement", "type_switch_statement",
        "select_statement", "switch_statement", "case_clause", "except_clause", "catch_clause",
        "elif_clause", "conditional_expression", "ternary_expression", "if", "unless", "when",
    }
)  # fmt: skip


def in_branch(node: Any, function: Any) -> bool:
    """Return whether a node of ``function`` runs only on some paths (inside a branch)."""
    parent = node.parent
    while parent is not None and parent != function:
        if parent.type in _BRANCHES:
            return True
        parent = parent.parent
    return False


#: A lock made in Python (``self._guard = threading.Lock()``), by the name it is kept under.
_MADE_LOCK = (
    r"\s*(?::[^=]+)?=\s*(?:threading\.|asyncio\.|multiprocessing\.)?"
    r"(?:R?Lock|Semaphore|BoundedSemaphore|Condition)\("
)


#: Words that name a lock in an identifier (split at underscores and camel case).
_LOCK_WORDS = {"lock", "locks", "rlock", "wlock", "rwlock", "mutex", "mu", "lck"}


def _names_a_lock(node: Any, header: str) -> bool:
    """Return whether a Python with-statement's header holds a lock (by its name or its making)."""
    names = re.findall(r"[A-Za-z_]\w*", header.removeprefix("with").split(" as ")[0])
    words = {
        w.lower() for name in names for w in re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).split("_")
    }
    if words & _LOCK_WORDS:
        return True  # self._lock, state_mutex, writeLock; not clock, block_reader
    if not names:
        return False
    root = node
    while root.parent is not None:
        root = root.parent
    text = root.text.decode("utf-8", "replace") if root.text else ""
    return bool(re.search(rf"(?<![\w]){re.escape(names[-1])}{_MADE_LOCK}", text))


def lock_statement(node: Any, grammar: str) -> LockRegion | None:
    """Return the region a lock statement holds (``with self._lock:``), None for another with."""
    text = node_text(node, 160)
    header = text.split(":")[0] if grammar == "python" else text.split("{")[0]
    if grammar == "python" and not _names_a_lock(node, header):
        return None
    how = {"with_statement": "with", "synchronized_statement": "synchronized"}.get(
        node.type, "lock"
    )
    return LockRegion(node.start_point[0] + 1, node.end_point[0] + 1, header, how)


def pair_lock_calls(
    end: int, calls: list[Call], lock_calls: list[tuple[int, str, str]]
) -> list[LockRegion]:
    """Return the regions the function's Lock calls hold, up to the release every path runs."""
    branch = {
        (c.line, c.receiver, c.name): c.conditional
        for c in calls
        if c.name in _RELEASES or c.name in _ACQUIRES
    }
    regions = []
    for line, receiver, name in lock_calls:
        if name not in _ACQUIRES:
            continue
        held_in_branch = branch.get((line, receiver, name), False)
        # An unlock on an early-return branch (`if err { mu.Unlock(); return }`) does not
        # end the region the other paths hold.
        releases = [
            other
            for other, r, n in lock_calls
            if r == receiver
            and n in _RELEASES
            and other >= line
            and (held_in_branch or not branch.get((other, r, n), False))
        ]
        # A deferred Unlock on the next line releases at return: the rest of the function.
        stop = min((o for o in releases if o > line + 1), default=end)
        regions.append(LockRegion(line, stop, receiver, name))
    return regions
