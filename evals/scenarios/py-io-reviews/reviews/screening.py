"""Text checks a review must pass before it is published."""

import re

from reviews import settings

_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
_WORD = re.compile(r"[a-zäöüß']+", re.IGNORECASE)
BLOCKED = {"scam", "idiot", "fraud", "stupid", "garbage"}


def screen(title, text):
    """Return (status, reason): 'ok', 'held' (for the moderators) or 'rejected'."""
    if not text.strip() or len(text) > settings.MAX_REVIEW_CHARS:
        return "rejected", "length"
    if _LINK.search(text) or _LINK.search(title):
        return "held", "link"
    words = {word.lower() for word in _WORD.findall(text)}
    if words & BLOCKED:
        return "held", "wording"
    return "ok", ""
