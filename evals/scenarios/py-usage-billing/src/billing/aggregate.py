"""Billable line items per customer, product and billing day."""

from collections import defaultdict


def line_items(events):
    totals = defaultdict(float)
    for event in events:
        totals[(event.customer, event.product, event.started_at.date())] += event.quantity
    return totals


def merge(into, items):
    for key, quantity in items.items():
        into[key] = into.get(key, 0.0) + quantity
    return into
