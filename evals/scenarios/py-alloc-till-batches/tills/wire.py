"""The batch a till uploads at the end of the day.

A batch is a 16-byte header (magic b"TJB1", store number u32, till number u16,
business date as days since 2000-01-01 u16, record count u32) followed by the
records, each framed by its length (u32, big-endian) and ending in a CRC-less
trailer b"END!".
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from tills.records import Transaction, parse_record

MAGIC = b"TJB1"
HEADER = struct.Struct(">4sIHHI")
FRAME = struct.Struct(">I")
TRAILER = b"END!"


class BatchError(ValueError):
    pass


@dataclass
class Batch:
    store: int
    till: int
    business_day: int
    transactions: list[Transaction]


def decode_batch(payload: bytes) -> Batch:
    if len(payload) < HEADER.size + len(TRAILER):
        raise BatchError("batch too short")
    magic, store, till, day, count = HEADER.unpack_from(payload, 0)
    if magic != MAGIC:
        raise BatchError("not a till journal batch")
    if not payload.endswith(TRAILER):
        raise BatchError(f"store {store} till {till}: batch truncated")
    data = payload[HEADER.size:-len(TRAILER)]
    transactions = []
    while data:
        if len(data) < FRAME.size:
            raise BatchError(f"store {store} till {till}: dangling bytes")
        (length,) = FRAME.unpack_from(data, 0)
        record = data[FRAME.size:FRAME.size + length]
        data = data[FRAME.size + length:]
        transactions.append(parse_record(record))
    if len(transactions) != count:
        raise BatchError(f"store {store} till {till}: {len(transactions)} records, header says {count}")
    return Batch(store, till, day, transactions)


def encode_batch(store: int, till: int, day: int, records: list[bytes]) -> bytes:
    parts = [HEADER.pack(MAGIC, store, till, day, len(records))]
    for record in records:
        parts.append(FRAME.pack(len(record)))
        parts.append(record)
    parts.append(TRAILER)
    return b"".join(parts)
