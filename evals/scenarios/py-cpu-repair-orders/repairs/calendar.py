"""Business-time arithmetic on a workshop's calendar."""

from __future__ import annotations

import datetime as dt

from repairs.workshops import Workshop

ONE_MINUTE = dt.timedelta(minutes=1)


class BusinessCalendar:
    """When a workshop is open: weekday hours, minus its closing days."""

    def __init__(self, workshop: Workshop):
        self.workshop = workshop
        self.hours = workshop.hours
        self.closed = frozenset(workshop.closed)

    def is_open(self, t: dt.datetime) -> bool:
        hours = self.hours.get(t.weekday())
        if hours is None:
            return False
        if t.date() in self.closed:
            return False
        opens, closes = hours
        return opens <= t.hour < closes

    def add_business_minutes(self, start: dt.datetime, minutes: int) -> dt.datetime:
        """The time at which `minutes` of the workshop's opening time have passed after start."""
        t = start.replace(second=0, microsecond=0)
        remaining = minutes
        while remaining > 0:
            t += ONE_MINUTE
            if self.is_open(t):
                remaining -= 1
        return t

    def next_opening(self, t: dt.datetime) -> dt.datetime:
        """The first open minute at or after t."""
        t = t.replace(second=0, microsecond=0)
        while not self.is_open(t):
            t += ONE_MINUTE
        return t
