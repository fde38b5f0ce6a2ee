"""The triage context of one ticket: its tokens, the evidence per queue and the decision."""

import re
import time

_WORD = re.compile(r"[a-z0-9][a-z0-9'\-]*")


class TriageContext:
    """Everything triage works out about one ticket.

    The help-desk's "why was this routed here?" panel asks for a ticket's context by its
    request id, so contexts are registered by id when they are opened.
    """

    _registry = {}

    def __init__(self, ticket, text, tokens):
        self.request_id = ticket["request_id"]
        self.ticket = ticket
        self.opened_at = time.time()
        self.text = text
        self.tokens = tokens
        self.bigrams = [f"{a} {b}" for a, b in zip(self.tokens, self.tokens[1:])]
        self.evidence = {}
        self.decision = None

    @classmethod
    def open(cls, ticket):
        """Start triaging a ticket and register its context for the explanation panel."""
        text = f"{ticket['subject']}\n{ticket['body']}".lower()
        context = cls(ticket, text, _WORD.findall(text))
        cls._registry[context.request_id] = context
        return context

    @classmethod
    def lookup(cls, request_id):
        """Return the context of a triaged ticket (None if unknown)."""
        return cls._registry.get(request_id)

    def record(self, queue_name, total, evidence):
        self.evidence[queue_name] = {"score": total, "matches": evidence}

    def explain(self):
        """Return the explanation shown to the agent."""
        if self.decision is None:
            return "not triaged yet"
        matches = self.evidence.get(self.decision["queue"], {}).get("matches", [])
        words = ", ".join(sorted({token for _, token, _ in matches}))
        return f"routed to {self.decision['queue']} (priority {self.decision['priority']}) on: {words}"
