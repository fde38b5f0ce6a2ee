"""Topic detection, queue choice and agent assignment."""

import itertools
import re

TOPICS = {
    "billing": ("invoice", "refund", "charge", "payment", "receipt"),
    "access": ("password", "login", "locked", "2fa", "sso"),
    "outage": ("down", "error 500", "not loading", "timeout", "outage"),
}
_WORD = re.compile(r"[a-z0-9]+(?: [0-9]+)?")

QUEUES = {
    "priority": ["amira", "jonas", "keiko"],
    "billing": ["luis", "mei", "ola", "pavel"],
    "access": ["rosa", "sami"],
    "general": ["tomas", "uma", "viktor", "wen", "yara"],
}


def topic(subject, body):
    text = f"{subject}\n{body[:400]}".lower()
    for name, words in TOPICS.items():
        if any(w in text for w in words):
            return name
    return "general"


def choose_queue(sender, subject, body):
    t = topic(subject, body)
    if t == "outage":
        return "priority"
    if sender is None:
        return "general"
    if sender.vip or sender.plan == "enterprise":
        return "priority"
    if t in QUEUES:
        return t
    return "general"


class Assigner:
    """Round robin over each queue's agents."""

    def __init__(self, queues=QUEUES):
        self._cycles = {q: itertools.cycle(agents) for q, agents in queues.items()}
        self.assigned = {q: 0 for q in queues}

    def assign(self, queue):
        self.assigned[queue] += 1
        return next(self._cycles[queue])
