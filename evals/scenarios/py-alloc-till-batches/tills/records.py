"""One transaction record of a till journal.

Layout (big-endian): till sequence u32, timestamp u32 (seconds since midnight
UTC), kind u8 (1 sale, 2 refund, 3 void, 4 no-sale), tender u8, total in cents
i32, item count u16, then item count times (EAN-13 as 13 ASCII digits, quantity
u16, price in cents i32).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

HEAD = struct.Struct(">IIBBiH")
ITEM = struct.Struct(">13sHi")

KINDS = {1: "sale", 2: "refund", 3: "void", 4: "no-sale"}
TENDERS = {0: "cash", 1: "card", 2: "contactless", 3: "voucher", 4: "account"}


class RecordError(ValueError):
    pass


@dataclass(slots=True)
class Transaction:
    seq: int
    seconds: int
    kind: str
    tender: str
    total: int
    items: list[tuple[str, int, int]]

    def signed_total(self) -> int:
        if self.kind == "refund":
            return -self.total
        if self.kind in ("void", "no-sale"):
            return 0
        return self.total


def parse_record(record: bytes) -> Transaction:
    if len(record) < HEAD.size:
        raise RecordError("short record")
    seq, seconds, kind, tender, total, count = HEAD.unpack_from(record, 0)
    if kind not in KINDS or tender not in TENDERS:
        raise RecordError(f"bad kind/tender in record {seq}")
    if len(record) != HEAD.size + count * ITEM.size:
        raise RecordError(f"record {seq}: {count} items do not fit {len(record)} bytes")
    items = []
    for i in range(count):
        ean, qty, price = ITEM.unpack_from(record, HEAD.size + i * ITEM.size)
        items.append((ean.decode("ascii"), qty, price))
    return Transaction(seq, seconds, KINDS[kind], TENDERS[tender], total, items)


def encode_record(seq: int, seconds: int, kind: int, tender: int,
                  items: list[tuple[str, int, int]]) -> bytes:
    total = sum(qty * price for _, qty, price in items)
    parts = [HEAD.pack(seq, seconds, kind, tender, total, len(items))]
    parts.extend(ITEM.pack(ean.encode("ascii"), qty, price) for ean, qty, price in items)
    return b"".join(parts)
