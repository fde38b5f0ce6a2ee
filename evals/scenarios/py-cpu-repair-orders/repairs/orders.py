"""The booking endpoint: validation, fee and promised times."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from repairs.calendar import BusinessCalendar
from repairs.sla import service_level
from repairs.workshops import Workshop


class BookingError(ValueError):
    pass


@dataclass
class Booking:
    reference: str
    workshop: str
    category: str
    tier: str
    received: dt.datetime
    postcode: str
    symptom: str


@dataclass
class Quote:
    reference: str
    workshop: str
    fee_cents: int
    starts: dt.datetime
    diagnosed_by: dt.datetime
    repaired_by: dt.datetime

    def as_json(self) -> dict:
        return {
            "reference": self.reference,
            "workshop": self.workshop,
            "fee": f"{self.fee_cents / 100:.2f}",
            "starts": self.starts.isoformat(),
            "diagnosed_by": self.diagnosed_by.isoformat(),
            "repaired_by": self.repaired_by.isoformat(),
        }


class BookingDesk:
    def __init__(self, workshops: list[Workshop]):
        self.workshops = {w.code: w for w in workshops}
        self.calendars = {w.code: BusinessCalendar(w) for w in workshops}
        self.quoted = 0

    def validate(self, b: Booking) -> None:
        if b.workshop not in self.workshops:
            raise BookingError(f"unknown workshop {b.workshop}")
        if len(b.postcode) < 3:
            raise BookingError("postcode missing")
        if not b.symptom.strip():
            raise BookingError("describe the fault")

    def quote(self, b: Booking) -> Quote:
        self.validate(b)
        shop = self.workshops[b.workshop]
        cal = self.calendars[b.workshop]
        level = service_level(b.tier, b.category)
        starts = cal.next_opening(b.received)
        diagnosed_by = cal.add_business_minutes(starts, level.diagnose_minutes)
        repaired_by = cal.add_business_minutes(diagnosed_by, level.repair_minutes)
        fee = 0 if b.tier == "premium" else shop.diagnosis_fee_cents
        self.quoted += 1
        return Quote(b.reference, shop.code, fee, starts, diagnosed_by, repaired_by)
