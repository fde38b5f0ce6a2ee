"""Which label a breakdown question means: the one it names, the kind it names, or a question.

"By tenant_id" names a label literally; "which endpoint" names a kind of label, and
:data:`~profile_insights.agent.analysis.investigation.LABEL_WORDS` lists the label names that
carry each kind, in preference order; "only in eu-west-1" names a value of one. A question
that names none, on a service where several labels of a known kind fit, is asked; with none,
the breakdown says so and the window is analysed as a whole. Pure functions over the question
and the labels the service has, so the rules are pinned by tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from pydantic import BaseModel, Field

from profile_insights.agent.analysis.investigation import LABEL_WORDS
from profile_insights.agent.errors import UserInputError

#: Labels about the service itself (its name, repository, build), not where the work ran.
SERVICE_LABELS = frozenset(
    {"service_name", "service_repository", "service_git_ref", "service_root_path"}
)
#: The service label a question about versions breaks the cost down by.
VERSION_LABEL = "service_git_ref"
#: Label names of a kind the question words know (endpoint, pod, region...).
KNOWN_LABELS = frozenset(name for names in LABEL_WORDS.values() for name in names)
#: A value shorter than this ("/", "a") is too common a string to name a label by.
_MIN_VALUE_LENGTH = 3


class LabelChoice(BaseModel):
    """The label chosen, the labels to ask among, or neither (no label fits)."""

    label: str | None = None
    reason: str
    options: list[str] = Field(
        default_factory=list, description="Several labels fit and the question names none."
    )


def breakdown_candidates(
    names: Iterable[str], *, versions: bool, given: str | None = None
) -> list[str]:
    """Return the label names a cost can be broken down by, sorted.

    Pyroscope's internal labels (``__name__``, ``__profile_type__``...) and the service's own
    labels are left out; ``service_git_ref`` stays when the question is about versions, and the
    label the caller gave stays whatever it is.
    """
    kept = set()
    for name in names:
        if name.startswith("__") and name.endswith("__"):
            continue
        if name in SERVICE_LABELS and name != given and not (versions and name == VERSION_LABEL):
            continue
        kept.add(name)
    return sorted(kept)


def names_literally(text: str, name: str) -> bool:
    """Return whether ``text`` contains ``name`` as a whole token (a final "." may follow)."""
    pattern = rf"(?<![\w.\-/]){re.escape(name)}(?![\w\-/]|\.\w)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _listed(names: Sequence[str]) -> str:
    return ", ".join(names) or "none"


def choose_label(
    question: str,
    label_words: Sequence[str],
    values: Mapping[str, Sequence[str]],
    *,
    given: str | None = None,
) -> LabelChoice:
    """Return the label the question means among the service's (label -> its values).

    Raises:
        UserInputError: ``given`` (the caller's option) is neither a label of the service nor
            a kind of label.
    """
    available = sorted(values)
    if given:
        if given in values:
            return LabelChoice(label=given, reason=f"{given} was given as the label")
        if given not in LABEL_WORDS:
            raise UserInputError(
                f"the service has no label {given!r}; its labels are: {_listed(available)}.",
                "Name one of them as the breakdown label, or a kind of label such as "
                "endpoint, pod, region or version.",
            )
    named = [name for name in available if names_literally(question, name)]
    if named:
        # The longest name first: "pod_name" over a "pod" inside the same words.
        label = max(named, key=len)
        return LabelChoice(label=label, reason=f"the question names the label {label}")
    for word in label_words:
        for candidate in LABEL_WORDS.get(word, ()):
            if candidate in values:
                return LabelChoice(
                    label=candidate, reason=f"the question asks by {word}: label {candidate}"
                )
    if label_words:
        words = " or ".join(dict.fromkeys(label_words))
        return LabelChoice(
            reason=f"the service has no {words} label (its labels: {_listed(available)})"
        )
    fits = [name for name in available if name in KNOWN_LABELS]
    by_value = [
        (name, value)
        for name in fits
        for value in values[name]
        if len(value) >= _MIN_VALUE_LENGTH and names_literally(question, value)
    ]
    if len({name for name, _ in by_value}) == 1:
        label, value = by_value[0]
        return LabelChoice(label=label, reason=f"the question names {value}, a value of {label}")
    if len(fits) == 1:
        return LabelChoice(label=fits[0], reason=f"{fits[0]} is the service's only such label")
    if fits:
        return LabelChoice(
            options=fits,
            reason=f"the question names no label and {_listed(fits)} fit",
        )
    return LabelChoice(
        reason="no label of the service tells endpoints, pods, versions or regions apart "
        f"(its labels: {_listed(available)})"
    )
