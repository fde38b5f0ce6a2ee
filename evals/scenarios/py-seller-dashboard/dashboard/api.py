"""Request handlers of the seller dashboard API."""

from __future__ import annotations

from datetime import date

from dashboard.orders import Order, OrderFactory
from dashboard.store import OrderStore
from dashboard.summary import summarize, top_entries


def money(cents: int) -> str:
    return f"{cents / 100:.2f}"


class DashboardApi:
    def __init__(self, store: OrderStore, factory: OrderFactory, today: date):
        self._store = store
        self._factory = factory
        self._today = today

    def overview(self, merchant_id: str) -> dict[str, object]:
        """GET /merchants/<id>/overview: the lifetime figures shown on the dashboard's home."""
        summary = summarize(merchant_id, self._store.orders_of(merchant_id))
        return {
            "merchant": merchant_id,
            "orders": summary.orders,
            "items": summary.items,
            "gross": money(summary.gross_cents),
            "refunded": money(summary.refunded_cents),
            "fees": money(summary.fees_cents),
            "net": money(summary.net_cents),
            "average_order": money(summary.average_order_cents),
            "refund_rate": round(summary.refund_rate, 4),
            "top_channels": top_entries(summary.by_channel),
            "top_categories": top_entries(summary.by_category),
        }

    def record_order(self, merchant_id: str) -> Order:
        """POST /orders (from the checkout's event stream): one new order of a merchant."""
        order = self._factory.make(merchant_id, self._today)
        self._store.add(order)
        return order
