"""Drop-offs and pick-ups: choose a compartment, open it, track the parcel."""

import secrets
from dataclasses import dataclass

from lockerlink import frames
from lockerlink.banks import SIZES


@dataclass
class Parcel:
    tracking: str
    bank: int
    compartment: int
    pickup_code: str


class Dispatcher:
    def __init__(self, fleet: dict, link):
        self.fleet = fleet
        self.link = link  # callable: command frame bytes -> reply frame bytes
        self.parcels = {}
        self.seq = 0
        self.rejected = 0
        self.bad_frames = 0

    def _send(self, bank: int, command: int, payload: bytes) -> frames.Frame | None:
        self.seq = (self.seq + 1) & 0xFFFF
        wire = frames.encode(frames.Frame(bank, self.seq, command, 0, payload))
        try:
            return frames.decode(self.link(wire))
        except frames.FrameError:
            self.bad_frames += 1
            return None

    def poll(self, bank_id: int) -> int:
        """Ask a bank for its status and apply it; return how many compartments changed."""
        reply = self._send(bank_id, frames.CMD_STATUS, b"")
        if reply is None:
            return 0
        return self.fleet[bank_id].apply_status(reply.payload)

    def drop_off(self, tracking: str, bank_id: int, size: str) -> Parcel | None:
        bank = self.fleet[bank_id]
        for wanted in SIZES[SIZES.index(size):]:
            free = bank.free(wanted)
            if free:
                comp = free[0]
                break
        else:
            self.rejected += 1
            return None
        if self._send(bank_id, frames.CMD_OPEN, comp.number.to_bytes(2, "big")) is None:
            return None
        comp.occupied = True
        parcel = Parcel(tracking, bank_id, comp.number, f"{secrets.randbelow(10**6):06d}")
        self.parcels[tracking] = parcel
        return parcel

    def pick_up(self, tracking: str, code: str) -> bool:
        parcel = self.parcels.get(tracking)
        if parcel is None or parcel.pickup_code != code:
            return False
        if self._send(parcel.bank, frames.CMD_OPEN, parcel.compartment.to_bytes(2, "big")) is None:
            return False
        self.fleet[parcel.bank].compartments[parcel.compartment - 1].occupied = False
        del self.parcels[tracking]
        return True
