"""The figures of the dashboard's overview page: lifetime sales, refunds, fees and net."""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.orders import Order


@dataclass
class MerchantSummary:
    merchant_id: str
    orders: int = 0
    items: int = 0
    gross_cents: int = 0
    refunded_cents: int = 0
    fees_cents: int = 0
    shipping_cents: int = 0
    refund_count: int = 0
    by_channel: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)

    @property
    def net_cents(self) -> int:
        return self.gross_cents - self.refunded_cents - self.fees_cents

    @property
    def average_order_cents(self) -> int:
        return self.gross_cents // self.orders if self.orders else 0

    @property
    def refund_rate(self) -> float:
        return self.refund_count / self.orders if self.orders else 0.0


def summarize(merchant_id: str, orders: list[Order]) -> MerchantSummary:
    """Add up the merchant's orders into the overview figures."""
    summary = MerchantSummary(merchant_id)
    by_channel = summary.by_channel
    by_category = summary.by_category
    for order in orders:
        kept = order.gross_cents - order.refunded_cents
        fee = kept * order.fee_rate_bp // 10_000
        summary.orders += 1
        summary.items += order.items
        summary.gross_cents += order.gross_cents
        summary.refunded_cents += order.refunded_cents
        summary.fees_cents += fee
        summary.shipping_cents += order.shipping_cents
        if order.refunded_cents:
            summary.refund_count += 1
        by_channel[order.channel] = by_channel.get(order.channel, 0) + kept
        by_category[order.category] = by_category.get(order.category, 0) + kept
    return summary


def top_entries(totals: dict[str, int], limit: int = 3) -> list[dict[str, object]]:
    ranked = sorted(totals.items(), key=lambda item: item[1], reverse=True)[:limit]
    return [{"name": name, "cents": cents} for name, cents in ranked]
