"""Splitting an order into station tickets, with ready-time estimates."""

import time
from dataclasses import dataclass, field


@dataclass
class Ticket:
    order: str
    table: str
    station: str
    items: list = field(default_factory=list)
    prep_seconds: int = 0
    fire_at: float = 0.0
    ready_at: float = 0.0
    rush: bool = False


def split_order(order, menu):
    """One ticket per station the order needs; courses fire in order (drinks at once)."""
    tickets = {}
    for line in order["lines"]:
        item = menu[line["item"]]
        ticket = tickets.get(item.station)
        if ticket is None:
            ticket = tickets[item.station] = Ticket(order["order"], order["table"], item.station, rush=order["rush"])
        ticket.items.append((item.code, line["qty"], line["notes"], item.course))
        ticket.prep_seconds = max(ticket.prep_seconds, item.prep_seconds + 20 * (line["qty"] - 1))
    now = time.time()
    for ticket in tickets.values():
        first_course = min(course for _, _, _, course in ticket.items)
        ticket.fire_at = now if ticket.rush or first_course <= 1 else now + 600 * (first_course - 1)
    return list(tickets.values())


def estimate_ready(ticket, backlog_seconds):
    """When the ticket will be ready, given the station's queued work."""
    ticket.ready_at = max(ticket.fire_at, time.time() + backlog_seconds) + ticket.prep_seconds
    return ticket.ready_at
