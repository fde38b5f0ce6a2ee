"""Which git refs a service ran when: its deploys, from the ``service_git_ref`` label over time.

Pyroscope keeps the ref a build was made from as the series label ``service_git_ref``. Totals
per ref over the last days (``SelectSeries`` grouped by the label, one query per day under the
server's 24h limit) say when each ref had data: the window before the last deploy is the
previous ref's, the one after it the current ref's. A ref's window is only as precise as the
step of the series; queries scoped to a ref (``service_git_ref="..."``) never mix two deploys.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel

from profile_insights.agent.pyroscope.limits import DAY
from profile_insights.agent.pyroscope.source import ProfileSource

REF_LABEL = "service_git_ref"
#: How far back the history of deploys is read.
HISTORY_DAYS = 7
#: The resolution of a ref's window.
HISTORY_STEP = timedelta(hours=1)


class RefSpan(BaseModel):
    """When one ref had data: the first and last step of the series that held it."""

    ref: str
    first: datetime
    """Start of the first step with data (a step is ``(t - step, t]``)."""
    last: datetime
    """End of the last step with data."""
    total: float


def ref_history(
    source: ProfileSource,
    selector: str,
    profile_type: str,
    now: datetime,
    *,
    days: int = HISTORY_DAYS,
    step: timedelta = HISTORY_STEP,
) -> list[RefSpan]:
    """Return the refs with data in the last ``days`` days, oldest first.

    Reading stops at the first day with no data at all, once some ref was found (a service
    does not usually pause for a day between two deploys; it keeps the queries few).
    """
    spans: dict[str, RefSpan] = {}
    for day in range(days):
        end = now - DAY * day
        found = source.select_series(
            selector, profile_type, end - DAY, end, group_by=[REF_LABEL], step=step
        )
        points = [
            (series.labels.get(REF_LABEL, ""), point.timestamp, point.value)
            for series in found
            for point in series.points
            if point.value > 0
        ]
        if not points and spans:
            break
        for ref, moment, value in points:
            if not ref:
                continue
            first = moment - step
            known = spans.get(ref)
            if known is None:
                spans[ref] = RefSpan(ref=ref, first=first, last=moment, total=value)
            else:
                spans[ref] = known.model_copy(
                    update={
                        "first": min(known.first, first),
                        "last": max(known.last, moment),
                        "total": known.total + value,
                    }
                )
    return sorted(spans.values(), key=lambda span: (span.first, span.last))


def ref_window(
    history: list[RefSpan], span: RefSpan, now: datetime, limit: timedelta = DAY
) -> tuple[datetime, datetime]:
    """Return the window a ref ran in: until the next ref started (or now), at most ``limit``.

    A ref is deployed until the next one replaces it; its last data point may be a step
    before that. The window ends at the next ref's first step and keeps the last ``limit``
    of it (the server's longest query).
    """
    later = [other.first for other in history if other.first > span.first]
    end = min([*later, now])
    return max(span.first, end - limit), end


def find_ref(history: list[RefSpan], wanted: str) -> RefSpan | None:
    """Return the ref the user means (a hash prefix or a version), or None if not one of them."""
    wanted = wanted.strip().lower()
    exact = [span for span in history if span.ref.lower() == wanted]
    if exact:
        return exact[-1]
    prefixed = [span for span in history if wanted and span.ref.lower().startswith(wanted)]
    return prefixed[-1] if len(prefixed) == 1 else None
