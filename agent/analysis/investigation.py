"""What kind of investigation a question asks for: one window, a comparison, a breakdown, a trend.

"Why is checkout slow?" is answered from one window. "Slower than yesterday?", "since the last
deploy", "after v1.4", "what changed between 5715814 and a58b06c" compare two windows or two
refs; "which endpoint", "is it one pod" break the cost down by a label; "did lock contention go
up this week" asks for a trend first. Pure functions over the question and the caller's options,
so the rules are pinned by tests; explicit options always win over words.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Literal

from pydantic import BaseModel

InvestigationKind = Literal["single", "comparison", "breakdown", "trend"]
BaselineKind = Literal["window", "refs", "before_deploy", "shifted", "ask"]

_COMPARATIVE = re.compile(
    r"(?i)\b(slower|faster|quicker|more|less|fewer|higher|lower|worse|better|grew|grown|"
    r"increased?|decreased?|dropped|jumped|spiked?)\b.{0,40}\b(than|since|compared|after|"
    r"before|vs\.?|versus)\b|\bregress(ed|ion|ions)?\b|\bwhat changed\b|\bchanged between\b|"
    r"\bcompared? (to|with)\b|\bsince the (last )?(deploy|release|rollout|upgrade)\b|"
    r"\bafter the (last )?(deploy|release|rollout|upgrade)\b|"
    r"\b(did|has|have) the (last )?(deploy|release|rollout|change)\b|"
    r"\bthan (yesterday|last week|before|usual|earlier)\b"
)
_DEPLOY = re.compile(r"(?i)\b(deploy(ed|ment|s)?|release[ds]?|rollout|roll-out|upgrade[ds]?)\b")
_YESTERDAY = re.compile(r"(?i)\byesterday\b|\ba day (ago|earlier|before)\b|\blast night\b")
_LAST_WEEK = re.compile(r"(?i)\blast week\b|\ba week (ago|earlier|before)\b")
_VERSION = re.compile(r"(?i)\b(?:after|since|before|from|vs\.?|versus)\s+(v?\d+(?:\.\d+)+\S*)")
_HEX_REF = re.compile(r"\b[0-9a-f]{7,40}\b")
_TREND = re.compile(
    r"(?i)\b(this|last|past) (week|month|few days|7 days)\b.{0,20}|\btrend(s|ing)?\b|"
    r"\bover (the|this|last) (week|month|days)\b|\b(go|gone|went|going) (up|down)\b|"
    r"\bday by day\b|\bevery day\b"
)
_BREAKDOWN = re.compile(
    r"(?i)\b(which|what|per|by|each|one|only (on|in)|a single|specific)\s+(\w+\s+)?"
    r"(endpoints?|routes?|handlers?|paths?|urls?|spans?|operations?|pods?|instances?|hosts?|"
    r"nodes?|containers?|versions?|regions?|zones?|clusters?|datacenters?|tenants?|"
    r"customers?|environments?)\b|\bonly in [a-z]+-[a-z]+-\d\b|\bin (eu|us|ap|sa|ca|me|af)-"
)
#: Words that name a kind of label -> the label names that carry it, in preference order.
LABEL_WORDS: dict[str, tuple[str, ...]] = {
    "endpoint": ("endpoint", "http_route", "route", "span_name", "handler", "http.route", "path"),
    "route": ("http_route", "route", "endpoint", "span_name", "http.route"),
    "handler": ("handler", "endpoint", "http_route", "span_name"),
    "path": ("path", "http_route", "endpoint", "route"),
    "url": ("url", "path", "http_route", "endpoint"),
    "span": ("span_name", "operation", "endpoint"),
    "operation": ("operation", "span_name", "endpoint"),
    "pod": ("pod", "pod_name", "k8s.pod.name", "kubernetes_pod_name", "instance"),
    "instance": ("instance", "pod", "hostname", "host"),
    "host": ("hostname", "host", "instance", "node"),
    "node": ("node", "k8s.node.name", "hostname"),
    "container": ("container", "container_name", "k8s.container.name"),
    "version": ("version", "service_version", "app_version", "service_git_ref"),
    "region": ("region", "cloud.region", "cluster_region", "zone"),
    "zone": ("zone", "availability_zone", "cloud.availability_zone", "region"),
    "cluster": ("cluster", "k8s.cluster.name", "cluster_name"),
    "datacenter": ("datacenter", "dc", "region"),
    "tenant": ("tenant", "tenant_id", "org", "customer"),
    "customer": ("customer", "customer_id", "tenant"),
    "environment": ("environment", "env", "deployment.environment"),
}


class Investigation(BaseModel):
    """The kind of investigation and what the question says about its baseline or label."""

    kind: InvestigationKind
    reason: str
    baseline: BaselineKind | None = None
    shift: timedelta | None = None
    """For ``shifted``: how far back the baseline window is (a day, a week)."""
    refs: list[str] = []
    """Refs or versions the question names, oldest first as written."""
    label_words: list[str] = []
    """For a breakdown: the kinds of label the question names (endpoint, pod...)."""


def plan_investigation(
    question: str,
    *,
    baseline_window: bool = False,
    baseline_ref: str | None = None,
    ref: str | None = None,
    breakdown_label: str | None = None,
) -> Investigation:
    """Return the investigation a question (and the caller's options) asks for."""
    if baseline_window:
        return Investigation(
            kind="comparison", baseline="window", reason="a baseline window was given"
        )
    if baseline_ref:
        refs = [baseline_ref, *([ref] if ref else [])]
        return Investigation(
            kind="comparison", baseline="refs", refs=refs, reason="a baseline ref was given"
        )
    if breakdown_label:
        return Investigation(
            kind="breakdown",
            label_words=[breakdown_label],
            reason=f"a breakdown by {breakdown_label!r} was asked for",
        )
    named = [found for found in _HEX_REF.findall(question)] or [
        found for found in _VERSION.findall(question)
    ]
    comparative = bool(_COMPARATIVE.search(question))
    if len(named) >= 2 and (comparative or re.search(r"(?i)\bbetween\b", question)):
        return Investigation(
            kind="comparison",
            baseline="refs",
            refs=named[:2],
            reason=f"the question names two refs ({named[0]}, {named[1]})",
        )
    if comparative or _YESTERDAY.search(question) and re.search(r"(?i)\bthan\b", question):
        return _comparison(question, named)
    trend = _TREND.search(question)
    if trend and re.search(r"(?i)\b(up|down|trend|grow|rise|rising|increase|worse)", question):
        return Investigation(kind="trend", reason=f"the question asks for a trend ({trend[0]!r})")
    breakdown = _BREAKDOWN.search(question)
    if breakdown:
        words = [w for w in _words(question) if w in LABEL_WORDS]
        return Investigation(
            kind="breakdown",
            label_words=words,
            reason=f"the question asks which {' or '.join(words) or 'label'} carries the cost",
        )
    return Investigation(kind="single", reason="the question is about one window")


def _comparison(question: str, named: list[str]) -> Investigation:
    if _YESTERDAY.search(question):
        return Investigation(
            kind="comparison",
            baseline="shifted",
            shift=timedelta(days=1),
            reason="the question compares with yesterday",
        )
    if _LAST_WEEK.search(question):
        return Investigation(
            kind="comparison",
            baseline="shifted",
            shift=timedelta(days=7),
            reason="the question compares with last week",
        )
    if named:
        return Investigation(
            kind="comparison",
            baseline="refs",
            refs=named[:1],
            reason=f"the question names {named[0]}",
        )
    if _DEPLOY.search(question):
        return Investigation(
            kind="comparison",
            baseline="before_deploy",
            reason="the question compares with the time before the last deploy",
        )
    return Investigation(
        kind="comparison",
        baseline="ask",
        reason="the question is comparative but names no baseline",
    )


def _words(text: str) -> list[str]:
    words = re.findall(r"[a-z]+", text.lower())
    return [
        word[:-1] if word.endswith("s") and word[:-1] in LABEL_WORDS else word for word in words
    ]
