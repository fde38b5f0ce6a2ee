"""Frame check sequence of the controller protocol: CRC-16/XMODEM (poly 0x1021, init 0)."""

POLY = 0x1021


def crc16(data: bytes, crc: int = 0) -> int:
    """Return the CRC-16/XMODEM of data, continuing from crc."""
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            if crc & 0x8000:
                crc = ((crc << 1) ^ POLY) & 0xFFFF
            else:
                crc = (crc << 1) & 0xFFFF
    return crc


def matches(data: bytes, expected: int) -> bool:
    """Return whether data carries the expected check value."""
    return crc16(data) == expected
