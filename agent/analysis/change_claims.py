"""Check the changes a text claims ("grew 40%", "+12 points", "3x slower") against a comparison.

A comparison's numbers are computed (:mod:`regression`); the prose around them is not always:
a chat model's findings and summary are written from the current window alone, and a sentence
such as "checkout regressed 40% since yesterday" can be a guess. Each claimed change must be
one the comparison measured: a function's or line's delta (points of the total), a share's
relative change, the total's growth beyond the load, the load factor or the ratio of totals.
Claims with no such number behind them are unsupported, and the verifier drops the finding or
the summary sentence that makes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from profile_insights.agent.analysis.comparison import Comparison

_VERBS = (
    r"grew|grown|grows|rose|risen|increased|went up|jumped|regressed|climbed|"
    r"fell|dropped|decreased|went down|shrank|shrunk|improved|declined"
)
_CLAIM = re.compile(
    rf"\b(?:{_VERBS})\s+(?:by\s+|about\s+|roughly\s+|nearly\s+|almost\s+|some\s+)?"
    r"(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>%|percent\b|points?\b|pp\b|x\b|times\b)",
    re.IGNORECASE,
)
_SIGNED = re.compile(
    r"(?<![\w.])(?P<value>[+-]\d+(?:\.\d+)?)\s*(?P<unit>%|points?\b|pp\b)", re.IGNORECASE
)
_TIMES = re.compile(
    r"\b(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>x|times)\s+(?:slower|faster|more|less|higher|lower)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z`\"'(])")


def measured_values(comparison: Comparison) -> tuple[list[float], list[float]]:
    """Return the changes the comparison measured: percentages and points, and ratios.

    Returns:
        ``(amounts, ratios)``: absolute amounts a claim in % or points may name, and factors
        a claim in "x" or "times" may name.
    """
    amounts = [abs(comparison.growth_pct)]
    ratios = [comparison.load_factor]
    if comparison.baseline.total > 0:
        ratio = comparison.current.total / comparison.baseline.total
        ratios.append(ratio)
        amounts.append(abs(ratio - 1) * 100)
    for change in comparison.changes:
        amounts += [abs(change.delta_pct), abs(change.current_pct - change.baseline_pct)]
        if change.baseline_pct > 0:
            relative = change.current_pct / change.baseline_pct
            ratios.append(relative)
            amounts.append(abs(relative - 1) * 100)
    for grown in comparison.grown:
        amounts += [abs(line.delta_pct) for line in grown.lines]
    return amounts, ratios


def _close(value: float, measured: Iterable[float]) -> bool:
    """Return whether ``value`` is one of the measured numbers, as rounded in prose."""
    return any(abs(value - known) <= max(0.6, 0.06 * abs(known)) for known in measured)


def unsupported_claims(text: str, comparison: Comparison | None) -> list[str]:
    """Return the change claims in ``text`` that no number of ``comparison`` supports.

    Without a comparison (no baseline had data), every claimed change is unsupported.
    """
    amounts, ratios = measured_values(comparison) if comparison is not None else ([], [])
    unsupported = []
    for pattern in (_CLAIM, _SIGNED, _TIMES):
        for match in pattern.finditer(text):
            value = abs(float(match.group("value")))
            unit = match.group("unit").lower()
            if unit in ("x", "times"):
                supported = _close(value, ratios)
            else:
                supported = _close(value, amounts)
            if not supported:
                unsupported.append(match.group(0).strip())
    return unsupported


def grounded_sentences(text: str, comparison: Comparison | None) -> tuple[str, list[str]]:
    """Return ``text`` without the sentences whose claimed changes are unsupported.

    Returns:
        The kept text and the claims that were removed with their sentences.
    """
    kept, removed = [], []
    for sentence in _SENTENCE.split(text.strip()):
        claims = unsupported_claims(sentence, comparison)
        if claims:
            removed += claims
        else:
            kept.append(sentence)
    return " ".join(kept), removed
