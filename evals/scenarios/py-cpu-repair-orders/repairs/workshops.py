"""Partner workshops, their opening hours and closing days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

WEEKDAY_HOURS = {0: (8, 18), 1: (8, 18), 2: (8, 18), 3: (8, 18), 4: (8, 17)}
SATURDAY_HOURS = {5: (9, 13)}


def _closing_days(year: int) -> list[dt.date]:
    """Public holidays plus the workshops' stocktake days."""
    days = [
        dt.date(year, 1, 1), dt.date(year, 3, 17), dt.date(year, 4, 6), dt.date(year, 5, 4),
        dt.date(year, 6, 1), dt.date(year, 8, 3), dt.date(year, 10, 26), dt.date(year, 12, 25),
        dt.date(year, 12, 26), dt.date(year, 12, 27), dt.date(year, 12, 28), dt.date(year, 12, 29),
    ]
    days += [dt.date(year, m, 1) + dt.timedelta(days=27) for m in (3, 6, 9, 12)]
    return sorted(days)


@dataclass
class Workshop:
    code: str
    city: str
    hours: dict[int, tuple[int, int]]
    closed: list[dt.date] = field(default_factory=list)
    diagnosis_fee_cents: int = 6500


def partner_workshops() -> list[Workshop]:
    closed = _closing_days(2026) + _closing_days(2027)
    shops = []
    for i, city in enumerate(["Dublin", "Cork", "Galway", "Limerick", "Waterford", "Sligo",
                              "Athlone", "Kilkenny", "Drogheda", "Tralee", "Ennis", "Wexford"]):
        hours = dict(WEEKDAY_HOURS)
        if i % 3 == 0:
            hours.update(SATURDAY_HOURS)
        shops.append(Workshop(code=f"WS{i + 1:02d}", city=city, hours=hours, closed=list(closed),
                              diagnosis_fee_cents=5500 + 500 * (i % 4)))
    return shops
