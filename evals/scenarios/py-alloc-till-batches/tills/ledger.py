"""Takings per store, till and tender, posted to the ledger once a batch is in."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from tills.wire import Batch


@dataclass
class TillDay:
    sales: int = 0
    refunds: int = 0
    voids: int = 0
    net: int = 0
    by_tender: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    items: int = 0


class Ledger:
    def __init__(self) -> None:
        self.days: dict[tuple[int, int, int], TillDay] = {}
        self.postings = 0

    def post(self, batch: Batch) -> TillDay:
        key = (batch.store, batch.till, batch.business_day)
        day = self.days.get(key)
        if day is None:
            day = self.days[key] = TillDay()
        else:  # a re-upload replaces the till's day
            day.__init__()
        for tx in batch.transactions:
            if tx.kind == "sale":
                day.sales += 1
            elif tx.kind == "refund":
                day.refunds += 1
            elif tx.kind == "void":
                day.voids += 1
            amount = tx.signed_total()
            day.net += amount
            day.by_tender[tx.tender] += amount
            day.items += len(tx.items)
        self.postings += 1
        return day

    def store_net(self, store: int, business_day: int) -> int:
        return sum(d.net for (s, _, b), d in self.days.items() if s == store and b == business_day)
