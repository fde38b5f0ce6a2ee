"""Framing of the controller protocol.

A frame is STX (0x02), a 6-byte header (bank id u16, sequence u16, command u8, flags u8),
a u16 payload length, the payload, and the CRC-16 of header, length and payload (big endian).
"""

import struct
from dataclasses import dataclass

from lockerlink.checksum import crc16, matches

STX = 0x02
_HEADER = struct.Struct(">HHBBH")

CMD_STATUS = 0x10
CMD_OPEN = 0x20
CMD_DISPLAY = 0x30
CMD_ACK = 0x7F


class FrameError(ValueError):
    """A frame that cannot be accepted."""


@dataclass(frozen=True)
class Frame:
    bank: int
    seq: int
    command: int
    flags: int
    payload: bytes


def encode(frame: Frame) -> bytes:
    """Return the frame as it goes on the wire."""
    body = _HEADER.pack(frame.bank, frame.seq, frame.command, frame.flags, len(frame.payload)) + frame.payload
    return bytes([STX]) + body + struct.pack(">H", crc16(body))


def decode(wire: bytes) -> Frame:
    """Parse and check one frame."""
    if len(wire) < 1 + _HEADER.size + 2 or wire[0] != STX:
        raise FrameError("short frame or missing STX")
    body, (check,) = wire[1:-2], struct.unpack(">H", wire[-2:])
    bank, seq, command, flags, length = _HEADER.unpack_from(body)
    if length != len(body) - _HEADER.size:
        raise FrameError(f"length {length} does not match {len(body) - _HEADER.size}")
    if not matches(body, check):
        raise FrameError(f"bad check value from bank {bank} seq {seq}")
    return Frame(bank, seq, command, flags, body[_HEADER.size:])
