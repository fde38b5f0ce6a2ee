"""Choosing what to analyse: which services the question is about.

Pure functions over the question text and what the server lists, so the graph's choose-services
step is one call and tests pin the rules directly. The profile type is chosen in
``profile_types``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from pydantic import BaseModel

_WORD = re.compile(r"[a-z0-9]+")


class RankedService(BaseModel):
    """A service scored against the question, with the reason for its score."""

    name: str
    score: float
    reason: str
    repository: str | None = None
    matches_checkout: bool = False


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _stem(word: str) -> str:
    # "ingesters" and "ingester" name the same service; strip one plural s.
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def rank_services(
    question: str, services: list[tuple[str, str | None, bool]]
) -> list[RankedService]:
    """Rank services (name, repository, matches_checkout) for the question, best first.

    The name scores by token overlap with the question (exact, then fuzzy); a token only this
    name has counts fully; a repository that is this checkout adds a bonus so that, between
    equal names, the checkout's service ranks first.
    """
    words = {_stem(word) for word in _words(question)}
    # A token most names share ("pyroscope" in pyroscope-ingester, pyroscope-querier) says
    # little; one that only this name has ("ingester") identifies it.
    token_sets = [{_stem(token) for token in _words(name)} for name, _, _ in services]
    frequency: dict[str, int] = {}
    for token_set in token_sets:
        for token in token_set:
            frequency[token] = frequency.get(token, 0) + 1
    ranked: list[RankedService] = []
    for name, repository, matches in services:
        tokens = [_stem(token) for token in _words(name)]
        score = 0.0
        reason = "its name does not appear in the question"
        if tokens and name.lower() in question.lower():
            score, reason = 1.0, f"the question names it ({name!r})"
        elif tokens:
            hits = [token for token in tokens if token in words]
            if hits:
                distinctive = len(services) > 1 and any(frequency[hit] == 1 for hit in hits)
                score = 0.9 if distinctive else 0.9 * len(hits) / len(tokens)
                reason = f"the question mentions {', '.join(repr(hit) for hit in hits)}"
            else:
                best, best_word = 0.0, ""
                for token in tokens:
                    for word in words:
                        if len(token) < 4 or len(word) < 4:
                            continue
                        ratio = difflib.SequenceMatcher(None, token, word).ratio()
                        if ratio > best:
                            best, best_word = ratio, word
                if best >= 0.8:
                    score = 0.7 * best
                    reason = f"the question mentions {best_word!r}, close to {name!r}"
        if matches:
            score += 0.2
            reason += "; its repository is this checkout"
        ranked.append(
            RankedService(
                name=name,
                score=round(score, 3),
                reason=reason,
                repository=repository,
                matches_checkout=matches,
            )
        )
    ranked.sort(key=lambda item: (-item.score, item.name))
    return ranked


def clear_choice(
    ranked: list[RankedService], missing: Sequence[str] = ()
) -> tuple[list[str], str] | None:
    """Return the services to analyse and why, when one choice is clear; None means ask.

    Clear means: the only service there is; or one service whose name the question mentions
    and no other comes close; or several services the question spells out by name; or, when
    the question names none, the only service whose repository is this checkout. Never when
    the question names a service that is not among them (``missing``, from
    :func:`~profile_insights.agent.analysis.service_names.missing_services`): answering about
    another one unasked would answer another question.
    """
    if missing:
        return None
    if len(ranked) == 1:
        only = ranked[0]
        return [only.name], f"{only.name} is the only service with data"
    if not ranked:
        return None
    top, second = ranked[0], ranked[1]
    named = [item for item in ranked if item.score - (0.2 if item.matches_checkout else 0) > 0]
    spelled = [item for item in ranked if item.reason.startswith("the question names it")]
    if len(spelled) >= 2 and all(item.score < 0.6 for item in ranked if item not in spelled):
        names = [item.name for item in spelled]
        return names, f"{' and '.join(names)} were chosen because the question names each of them"
    if top.score >= 0.6 and top.score - second.score >= 0.25:
        return [top.name], f"{top.name} was chosen because {top.reason}"
    if not named:
        checkout = [item for item in ranked if item.matches_checkout]
        if len(checkout) == 1:
            return [checkout[0].name], (
                f"{checkout[0].name} was chosen because its repository is this checkout "
                "and the question names no service"
            )
    return None
