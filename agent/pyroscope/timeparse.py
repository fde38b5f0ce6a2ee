"""Read time values the way profilecli's ``--from``/``--to`` flags do.

profilecli (``pkg/operations/time.go`` ``ParseTime``) accepts, in this order: RFC3339 (a bare
date is rejected), ``now`` or ``now-<duration>`` with a Prometheus duration (``y w d h m s ms``,
combined in that order; the ``now-`` prefix is optional, so ``1h`` means one hour ago), and
integer Unix timestamps read by digit count (10 = s, 13 = ms, 16 = µs, 19 = ns). Every source and
the graph resolve relative times against ``ProfileSource.now()`` so that a recording's "now" is
the moment it was recorded.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from profile_insights.agent.errors import InvalidQueryError

_TIME_FORMS_HINT = (
    "Use now, now-1h, now-2h30m, now-7d, an RFC3339 time such as 2026-11-25T11:00:00Z, "
    "or Unix seconds/milliseconds."
)

# Prometheus model.ParseDuration: units in descending order, each at most once.
_DURATION = re.compile(
    r"^(?:(?P<y>\d+)y)?(?:(?P<w>\d+)w)?(?:(?P<d>\d+)d)?(?:(?P<h>\d+)h)?"
    r"(?:(?P<m>\d+)m(?!s))?(?:(?P<s>\d+)s)?(?:(?P<ms>\d+)ms)?$"
)
_UNIT_MS = {
    "y": 365 * 24 * 3600 * 1000,
    "w": 7 * 24 * 3600 * 1000,
    "d": 24 * 3600 * 1000,
    "h": 3600 * 1000,
    "m": 60 * 1000,
    "s": 1000,
    "ms": 1,
}
_EPOCH_DIGITS_TO_SECONDS_DIVISOR = {10: 1, 13: 10**3, 16: 10**6, 19: 10**9}


def parse_duration(value: str) -> timedelta:
    """Return the duration a Prometheus duration string such as ``2h30m`` or ``7d`` names.

    Raises:
        InvalidQueryError: when the text is not a Prometheus duration.
    """
    text = value.strip()
    if text == "0":
        return timedelta(0)
    match = _DURATION.match(text)
    if not text or match is None or not any(match.groupdict().values()):
        raise InvalidQueryError(
            f"could not read the duration {value!r}",
            "Use a duration such as 30m, 1h, 2h30m, 6h, 1d or 7d.",
        )
    millis = sum(int(n) * _UNIT_MS[unit] for unit, n in match.groupdict().items() if n)
    try:
        return timedelta(milliseconds=millis)
    except OverflowError:  # over 999999999 days
        raise InvalidQueryError(
            f"the duration {value!r} is too long", "Use a duration such as 1h, 6h, 1d or 7d."
        ) from None


def parse_time(value: str, now: datetime) -> datetime:
    """Return the UTC time ``value`` names, resolving relative forms against ``now``.

    Args:
        value: ``now``, ``now-1h``, ``1h`` (one hour ago), RFC3339, or a Unix timestamp of
            10/13/16/19 digits.
        now: what "now" means (the live clock, or a recording's ``recorded_at``).

    Raises:
        InvalidQueryError: when the text is none of these forms.
    """
    text = value.strip()
    rfc = _parse_rfc3339(text)
    if rfc is not None:
        return rfc
    if text == "now":
        return _utc(now)
    if text.startswith("now-") or not text.isdigit():
        try:
            return _utc(now) - parse_duration(text.removeprefix("now-"))
        except (InvalidQueryError, OverflowError):  # Overflow: before year 1
            raise InvalidQueryError(
                f"could not read the time {value!r}", _TIME_FORMS_HINT
            ) from None
    divisor = _EPOCH_DIGITS_TO_SECONDS_DIVISOR.get(len(text))
    if divisor is None:
        raise InvalidQueryError(f"could not read the time {value!r}", _TIME_FORMS_HINT)
    number = int(text)
    seconds, remainder = divmod(number, divisor)
    return datetime.fromtimestamp(seconds, UTC) + timedelta(
        microseconds=remainder * 10**6 / divisor
    )


def parse_range(start: str, end: str, now: datetime) -> tuple[datetime, datetime]:
    """Return the ``(start, end)`` pair for ``--from``/``--to`` values, checking their order.

    Raises:
        InvalidQueryError: when either value cannot be read or start is after end.
    """
    first = parse_time(start, now)
    last = parse_time(end, now)
    if first > last:
        raise InvalidQueryError(
            f"the time range starts ({first.isoformat()}) after it ends ({last.isoformat()})",
            "Give --from a time before --to, e.g. --from now-1h --to now.",
        )
    return first, last


def to_millis(moment: datetime) -> int:
    """Return Unix milliseconds, the unit of every Connect API ``start``/``end`` field."""
    return int(_utc(moment).timestamp() * 1000)


def from_millis(millis: int) -> datetime:
    """Return the UTC time of Unix milliseconds."""
    return datetime.fromtimestamp(millis / 1000, UTC)


def format_rfc3339(moment: datetime) -> str:
    """Return ``moment`` as RFC3339 in UTC with a ``Z`` suffix (what recordings store)."""
    return _utc(moment).isoformat().replace("+00:00", "Z")


def format_go_duration(delta: timedelta) -> str:
    """Return whole seconds the way Go's ``time.Duration.String`` prints them (``24h0m0s``)."""
    total = int(delta.total_seconds())
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes}m{seconds}s"
    if minutes:
        return f"{minutes}m{seconds}s"
    return f"{seconds}s"


def _parse_rfc3339(text: str) -> datetime | None:
    # RFC3339 needs a date, a time and an offset; Python's parser is laxer, so check the shape.
    if not re.match(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}", text):
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    return parsed.astimezone(UTC)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
