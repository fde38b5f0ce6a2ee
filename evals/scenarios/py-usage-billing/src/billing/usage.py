"""Parsing of usage export rows."""

from dataclasses import dataclass
from datetime import datetime

TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"


@dataclass(frozen=True)
class UsageEvent:
    event_id: str
    customer: str
    product: str
    quantity: float
    started_at: datetime
    ended_at: datetime


def parse_row(line):
    event_id, customer, product, quantity, started, ended = line.split(",")
    return UsageEvent(
        event_id,
        customer,
        product,
        float(quantity),
        datetime.strptime(started, TIMESTAMP_FORMAT),
        datetime.strptime(ended, TIMESTAMP_FORMAT),
    )


def parse_export(text):
    events = []
    header, *rows = text.splitlines()
    for line in rows:
        if line:
            events.append(parse_row(line))
    return events
