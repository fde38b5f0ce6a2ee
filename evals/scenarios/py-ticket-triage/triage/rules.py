"""Support queues and the keyword rules that send a ticket to them."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Queue:
    name: str
    keywords: dict = field(default_factory=dict)  # token -> weight
    urgent_words: frozenset = frozenset()
    base_priority: int = 3


def default_rules():
    """Return the queues as the support leads configured them."""
    return [
        Queue("payments", {"charged": 3.0, "refund": 3.0, "card": 2.0, "twice": 1.5, "discount": 1.0},
              frozenset({"twice", "urgent"}), 2),
        Queue("logistics", {"parcel": 3.0, "courier": 3.0, "delivered": 2.0, "delivery": 2.0,
                            "address": 1.5, "slot": 1.0, "box": 1.0}, frozenset({"wrong", "nothing"}), 3),
        Queue("identity", {"log": 2.5, "password": 3.0, "reset": 2.0, "factor": 2.5, "codes": 1.5,
                           "phone": 1.0}, frozenset({"cannot", "expired"}), 2),
        Queue("billing", {"invoice": 3.0, "invoices": 3.0, "vat": 3.0, "subscription": 2.5,
                          "renewal": 2.0, "cancel": 1.5}, frozenset({"wrong"}), 3),
        Queue("app", {"app": 3.0, "crashes": 3.0, "update": 1.5, "basket": 1.5, "open": 0.5},
              frozenset({"crashes"}), 2),
        Queue("general", {"confirmation": 1.5, "e-mail": 1.5, "download": 1.0, "how": 0.5}),
    ]


def score(queue, tokens):
    """Return the queue's score for a token list and the tokens that counted."""
    total = 0.0
    evidence = []
    for position, token in enumerate(tokens):
        weight = queue.keywords.get(token)
        if weight:
            total += weight
            evidence.append((position, token, weight))
    return total, evidence


def priority(queue, tokens, channel):
    """Return the priority (1 = highest) for a ticket in this queue."""
    level = queue.base_priority
    if queue.urgent_words.intersection(tokens):
        level -= 1
    if channel == "chat":
        level -= 1
    return max(1, level)
