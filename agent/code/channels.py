"""Go channel operations as calls: a receive (``<-t.C``) or a send (``ch <- v``).

Recorded as calls named ``<-`` and ``send`` on the channel, so the recognisers read a send
under a lock, a receive in a loop or a timer's channel like any other call. A send in a branch
(a ``select`` case, which with a ``default`` never blocks) is marked conditional.
"""

from __future__ import annotations

from typing import Any

from profile_insights.agent.code.facts import Call
from profile_insights.agent.code.locks import in_branch
from profile_insights.agent.code.nodes import node_text


def channel_call(node: Any, depth: int, function: Any) -> Call | None:
    """Return the call a Go receive or send expression of ``function`` stands for, if any."""
    line = node.start_point[0] + 1
    if node.type == "unary_expression":
        if not any(c.type == "<-" for c in node.children):
            return None
        operand = node.child_by_field_name("operand")
        channel = node_text(operand, 100) if operand is not None else ""
        return Call(line, "<-" + channel, "<-", channel, "", depth)
    target = node.child_by_field_name("channel")
    channel = node_text(target, 100) if target is not None else ""
    sent = node.child_by_field_name("value")
    value = node_text(sent, 100) if sent is not None else ""
    branch = in_branch(node, function)
    return Call(line, channel + " <-", "send", channel, value, depth, conditional=branch)
