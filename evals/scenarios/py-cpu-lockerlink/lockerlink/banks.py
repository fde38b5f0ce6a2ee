"""Locker banks as the back office sees them, updated from the boards' status reports."""

import struct
from dataclasses import dataclass, field

SIZES = ("S", "M", "L", "XL")
_SLOT = struct.Struct(">BBhH")  # size index, state bits, temperature (0.1 C), seconds since change

DOOR_OPEN = 0x01
OCCUPIED = 0x02
CHILLED = 0x04
FAULT = 0x08


@dataclass
class Compartment:
    number: int
    size: str
    occupied: bool = False
    door_open: bool = False
    chilled: bool = False
    fault: bool = False
    temperature: float = 0.0


@dataclass
class Bank:
    bank_id: int
    site: str
    compartments: list = field(default_factory=list)
    reports: int = 0

    def free(self, size: str) -> list:
        return [c for c in self.compartments if c.size == size and not (c.occupied or c.fault or c.door_open)]

    def apply_status(self, payload: bytes) -> int:
        """Update the compartments from a status payload; return how many changed."""
        changed = 0
        for i, offset in enumerate(range(0, len(payload) - _SLOT.size + 1, _SLOT.size)):
            if i >= len(self.compartments):
                break
            _, bits, temp, _ = _SLOT.unpack_from(payload, offset)
            c = self.compartments[i]
            state = (bool(bits & OCCUPIED), bool(bits & DOOR_OPEN), bool(bits & FAULT))
            if state != (c.occupied, c.door_open, c.fault):
                changed += 1
            c.occupied, c.door_open, c.fault = state
            c.chilled = bool(bits & CHILLED)
            c.temperature = temp / 10
        self.reports += 1
        return changed


def build_fleet(count: int) -> dict:
    """Return the locker banks of the network: 60-120 compartments each."""
    fleet = {}
    for bank_id in range(1, count + 1):
        n = 60 + (bank_id * 37) % 61
        comps = [Compartment(i + 1, SIZES[(i * 7 + bank_id) % 4], chilled=(i % 11 == 0)) for i in range(n)]
        fleet[bank_id] = Bank(bank_id, f"site-{bank_id:03d}", comps)
    return fleet


def pack_status(bank: Bank) -> bytes:
    """Encode a bank's compartments as the board reports them (used by the field simulator)."""
    out = bytearray()
    for c in bank.compartments:
        bits = (DOOR_OPEN if c.door_open else 0) | (OCCUPIED if c.occupied else 0)
        bits |= (CHILLED if c.chilled else 0) | (FAULT if c.fault else 0)
        out += _SLOT.pack(SIZES.index(c.size), bits, int(c.temperature * 10), 0)
    return bytes(out)
