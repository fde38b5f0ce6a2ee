"""Queues that keep what they hand out: an array read by advancing an index, never cleared.

A hot function adding to such a queue (a method of the checkout, followed to its file) leaves
every item it adds reachable for good: taking an item only moves the read index forward, and
the slot behind it still points at the item, so an in-use heap grows with everything queued.
"""

from __future__ import annotations

from profile_insights.agent.analysis.constructs import Construct, HotCode

#: How to let a dequeued item go, per grammar.
_RELEASE = {
    "javascript": "clear the slot when taking the item (this.items[this.head] = undefined) and "
    "compact the array once the consumed front is large (this.items = this.items.slice(this."
    "head); this.head = 0), or use a ring buffer of fixed capacity",
    "python": "use collections.deque (popleft releases the item), or clear the slot when "
    "taking it and drop the consumed front once it is large",
}


def advanced_queue(code: HotCode) -> Construct | None:
    """Add to a checkout queue that advances a read index and never clears taken slots."""
    if code.family not in ("inuse", "alloc") or not code.facts.queued_via:
        return None
    line, method, path, field = code.facts.queued_via[0]
    return Construct(
        "advanced-queue",
        "retained_memory" if code.family == "inuse" else "allocation_pressure",
        line,
        "Queue that keeps every item it hands out",
        f"adds to a queue whose `{method}` ({path}) appends to `{field}`, an array read by "
        f"advancing an index ({code.ref(line)}): taking an item only moves the read index "
        "forward and never clears the slot or drops the consumed front, so every item ever "
        "queued stays referenced and the array only grows",
        "Let taken items go: " + _RELEASE.get(code.language, _RELEASE["javascript"]) + ".",
        9,
    )
