"""Answer a trend question ("did lock contention go up this week?") from totals over time.

The answer comes before any code is read: the profile type's totals per day (or per hour) over
the range the question names, and their direction. Two robust measures must agree: the mean of
the last third of the steps against the first third (:data:`THRESHOLD_PCT` either way), and the
sign of the Theil-Sen slope (the median of the slopes between every two steps, which one
outlying day cannot tip). Steps without data are left out: a profiler that did not run is not a
fall to zero. The totals are the service's raw totals: more traffic shows as more of everything.
"""

from __future__ import annotations

import re
from datetime import timedelta
from statistics import mean, median
from typing import Literal

from pydantic import BaseModel, Field

from profile_insights.agent.profiles.units import scaled_label

Direction = Literal["up", "down", "flat", "unknown"]

#: Change between the first and the last third that makes a direction (% of the first).
THRESHOLD_PCT = 20.0
#: The longest range a trend reads (one query per day).
MAX_DAYS = 30
DAY = timedelta(days=1)
HOUR = timedelta(hours=1)


class TrendSpan(BaseModel):
    """The range a trend question names, and the step its totals are read at."""

    label: str
    length: timedelta
    step: timedelta
    step_name: Literal["day", "hour"]


_TODAY = re.compile(
    r"(?i)\btoday\b|\bthis (morning|afternoon|evening)\b|\btonight\b|"
    r"\b(last|past) (24 )?hours?\b|\b(last|past) day\b"
)
_DAYS = re.compile(r"(?i)\b(?:last|past|previous) (\d{1,3}) days\b")
_HOURS = re.compile(r"(?i)\b(?:last|past|previous) (\d{1,3}) hours\b")
_MONTH = re.compile(r"(?i)\b(this|last|past) month\b|\bmonthly\b")
_FEW_DAYS = re.compile(r"(?i)\b(last|past) (few|couple( of)?) days\b")
_UP = re.compile(
    r"(?i)\b(up|increase[ds]?|grow(n|s|ing)?|grew|ris(e|en|ing)|rose|worse|more|higher)\b"
)
_DOWN = re.compile(
    r"(?i)\b(down|decrease[ds]?|drop(ped|s)?|f(a|e)ll(en|ing)?|better|less|fewer|lower|shr[iu]nk)\b"
)


def trend_span(question: str) -> TrendSpan:
    """Return the range and step a question names: this week by day (the default), today by hour."""
    hours = _HOURS.search(question)
    if hours and 2 <= int(hours[1]) <= 24:
        count = int(hours[1])
        return TrendSpan(
            label=f"the last {count} hours", length=HOUR * count, step=HOUR, step_name="hour"
        )
    if _TODAY.search(question):
        return TrendSpan(label="the last 24 hours", length=DAY, step=HOUR, step_name="hour")
    days = _DAYS.search(question)
    if days and int(days[1]) >= 2:
        count = min(int(days[1]), MAX_DAYS)
        return TrendSpan(
            label=f"the last {count} days", length=DAY * count, step=DAY, step_name="day"
        )
    if _MONTH.search(question):
        return TrendSpan(label="the last 30 days", length=DAY * 30, step=DAY, step_name="day")
    if _FEW_DAYS.search(question):
        return TrendSpan(label="the last 3 days", length=DAY * 3, step=DAY, step_name="day")
    return TrendSpan(label="the last 7 days", length=DAY * 7, step=DAY, step_name="day")


class TrendPoint(BaseModel):
    """One step of the trend: its range and the total in it."""

    model_config = {"populate_by_name": True}

    from_: str = Field(alias="from")
    to: str
    total: float
    total_text: str = ""
    has_data: bool = True


class Trend(BaseModel):
    """The direction of the totals over the range, and how it was decided."""

    direction: Direction
    points: list[TrendPoint]
    change_pct: float | None = Field(description="Last third's mean vs the first third's, %.")
    method: str
    threshold_pct: float = THRESHOLD_PCT
    slope_pct: float | None = Field(
        default=None, description="Theil-Sen slope per step, % of the median total."
    )
    span: str = ""
    step: str = "day"
    profile_type: str = ""
    unit: str = ""
    first_text: str = Field(default="", description="Mean of the first third, with its unit.")
    last_text: str = Field(default="", description="Mean of the last third, with its unit.")
    third: int = Field(default=0, description="Steps in each third.")
    notes: list[str] = Field(default_factory=list)


def theil_sen_slope(xs: list[float], ys: list[float]) -> float:
    """Return the median of the slopes between every two points (0.0 for fewer than two)."""
    slopes = [
        (ys[j] - ys[i]) / (xs[j] - xs[i])
        for i in range(len(xs))
        for j in range(i + 1, len(xs))
        if xs[j] != xs[i]
    ]
    return median(slopes) if slopes else 0.0


def direction_of(
    totals: list[float | None], threshold: float = THRESHOLD_PCT
) -> tuple[Direction, float | None, float | None, int]:
    """Return the direction, the change between the thirds (%), the slope (% per step), the third.

    ``totals`` are per step, oldest first; None marks a step without data (left out).
    """
    known = [(float(x), y) for x, y in enumerate(totals) if y is not None and y > 0]
    if len(known) < 2:
        return "unknown", None, None, 0
    xs, ys = [x for x, _ in known], [y for _, y in known]
    third = max(1, len(ys) // 3)
    first, last = mean(ys[:third]), mean(ys[-third:])
    change = (last / first - 1.0) * 100.0
    slope = theil_sen_slope(xs, ys) / median(ys) * 100.0
    if change >= threshold and slope > 0:
        return "up", change, slope, third
    if change <= -threshold and slope < 0:
        return "down", change, slope, third
    return "flat", change, slope, third


def trend_of(points: list[TrendPoint], *, span: TrendSpan, profile_type: str, unit: str) -> Trend:
    """Return the trend of the totals per step: direction, change, and the method in words."""
    totals = [point.total if point.has_data else None for point in points]
    direction, change, slope, third = direction_of(totals)
    known = [total for total in totals if total is not None and total > 0]
    step = span.step_name
    method = (
        f"{len(points)} totals by {step} over {span.label} (SelectSeries); the mean of the last "
        f"third of the {step}s with data against the first third: up or down beyond "
        f"±{THRESHOLD_PCT:g}%, when the Theil-Sen slope agrees in sign"
    )
    notes = []
    missing = len(points) - len(known)
    if missing:
        notes.append(f"{missing} of the {len(points)} {step}s have no data and are left out.")
    if direction == "flat" and change is not None and abs(change) >= THRESHOLD_PCT:
        notes.append(
            f"The last third differs from the first by {change:+.0f}%, but the slope over all "
            f"the {step}s does not go the same way: no steady trend."
        )
    return Trend(
        direction=direction,
        points=[
            point.model_copy(update={"total_text": scaled_label(point.total, unit, "auto")})
            for point in points
        ],
        change_pct=round(change, 1) if change is not None else None,
        method=method,
        slope_pct=round(slope, 1) if slope is not None else None,
        span=span.label,
        step=step,
        profile_type=profile_type,
        unit=unit,
        first_text=scaled_label(mean(known[:third]), unit, "auto") if third else "",
        last_text=scaled_label(mean(known[-third:]), unit, "auto") if third else "",
        third=third,
        notes=notes,
    )


def asked_direction(question: str) -> Direction | None:
    """Return the direction a question asks about ("go up?" -> up), or None."""
    up, down = _UP.search(question), _DOWN.search(question)
    if up and not down:
        return "up"
    if down and not up:
        return "down"
    return None


def trend_lead(trend: Trend, service: str, measure: str, question: str) -> str:
    """Return the answer to the trend question, for the start of the summary."""
    if trend.direction == "unknown":
        with_data = sum(1 for point in trend.points if point.has_data)
        verb = "has" if with_data == 1 else "have"
        return (
            f"Not enough data for a trend: {with_data} of the {len(trend.points)} "
            f"{trend.step}s over {trend.span} {verb} {measure} data for {service}."
        )
    asked = asked_direction(question)
    answer = ""
    if asked is not None:
        answer = "Yes: " if asked == trend.direction else "No: "
    moved = {"up": "went up", "down": "went down", "flat": "stayed flat"}[trend.direction]
    plural = "s" if trend.third > 1 else ""
    text = (
        f"{answer}{service}'s {measure} {moved} over {trend.span}: {trend.first_text} per "
        f"{trend.step} in the first {trend.third} {trend.step}{plural} with data, "
        f"{trend.last_text} in the last {trend.third} ({trend.change_pct:+.0f}%"
    )
    if trend.direction == "flat":
        return text + f"; a direction needs ±{trend.threshold_pct:g}% and a slope that agrees)."
    return text + f"; the threshold is ±{trend.threshold_pct:g}%, and the slope agrees)."
