"""Protocol-buffer wire format read with numpy, many small messages at a time.

A large profile holds hundreds of thousands of small ``Sample``, ``Location`` and ``Function``
messages. Reading their fields through the protobuf objects costs Python work per field;
here all messages of one kind advance in lockstep instead: round ``r`` reads the ``r``-th
field of every message that still has one, so the number of numpy passes is the largest field
count of a message, not the number of messages.

Only wire types 0 (varint), 1 (64-bit), 2 (length-delimited) and 5 (32-bit) are accepted;
anything else raises :class:`WireError` and the caller re-reads a canonical re-serialisation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.signedinteger[Any]]
UIntArray = npt.NDArray[np.uint64]
ByteArray = npt.NDArray[np.uint8]
BoolArray = npt.NDArray[np.bool_]

_PAD = 16
#: Zero bytes appended to a buffer so that reads past a message end stay in bounds.
PADDING = bytes(_PAD)


class WireError(ValueError):
    """The bytes are not a well-formed sequence of protobuf fields."""


def as_buffer(blob: bytes) -> ByteArray:
    """Return the bytes as a uint8 array padded with zeros, so reads past an end never fault."""
    buffer = np.zeros(len(blob) + _PAD, dtype=np.uint8)
    buffer[: len(blob)] = np.frombuffer(blob, dtype=np.uint8)
    return buffer


def read_varints(buffer: ByteArray, positions: IntArray) -> tuple[UIntArray, IntArray]:
    """Return the varints starting at ``positions`` and their lengths in bytes."""
    first = buffer[positions]
    values = (first & 0x7F).astype(np.uint64)
    lengths = np.ones(positions.size, dtype=np.int64)
    members = np.flatnonzero(first >= 0x80)
    shift = 7
    while members.size:
        if shift > 63:
            raise WireError("varint longer than 10 bytes")
        byte = buffer[positions[members] + lengths[members]]
        values[members] |= (byte & 0x7F).astype(np.uint64) << np.uint64(shift)
        lengths[members] += 1
        members = members[byte >= 0x80]
        shift += 7
    return values, lengths


@dataclass(frozen=True)
class Fields:
    """Every field of a batch of messages, in round order (message order within a round)."""

    message: IntArray
    """Index of the message the field belongs to (int32)."""
    number: IntArray
    """Field number (int32)."""
    wire_type: npt.NDArray[np.int8]
    value: UIntArray
    """Varint value (wire type 0), else 0."""
    start: IntArray
    """First byte of the payload (the varint itself for wire type 0)."""
    end: IntArray
    """One past the last byte of the payload."""
    round: IntArray
    """Position of the field within its message (0 for the first field)."""

    def select(self, number: int, wire_type: int) -> IntArray:
        """Return the indices of the fields with this number and wire type."""
        return np.flatnonzero((self.number == number) & (self.wire_type == wire_type))


def parse_fields(buffer: ByteArray, starts: IntArray, ends: IntArray) -> Fields:
    """Split each message ``buffer[starts[i]:ends[i]]`` into its fields.

    Raises:
        WireError: a message is truncated or uses group wire types.
    """
    cursor = starts.astype(np.int64, copy=True)
    active = np.flatnonzero(cursor < ends)
    rounds: list[tuple[IntArray, ...]] = []
    values_by_round: list[UIntArray] = []
    round_number = 0
    while active.size:
        position = cursor[active]
        limit = ends[active]
        tag, tag_length = read_varints(buffer, position)
        payload = position + tag_length
        wire_type = (tag & np.uint64(7)).astype(np.int64)
        number = (tag >> np.uint64(3)).astype(np.int64)
        value = np.zeros(active.size, dtype=np.uint64)
        start = payload.copy()
        end = payload.copy()
        is_varint = wire_type == 0
        if is_varint.any():
            got, length = read_varints(buffer, payload[is_varint])
            value[is_varint] = got
            end[is_varint] = payload[is_varint] + length
        is_bytes = wire_type == 2
        if is_bytes.any():
            size, length = read_varints(buffer, payload[is_bytes])
            if bool((size > np.uint64(1 << 40)).any()):
                raise WireError("length out of range")
            start[is_bytes] = payload[is_bytes] + length
            end[is_bytes] = start[is_bytes] + size.astype(np.int64)
        end[wire_type == 1] += 8
        end[wire_type == 5] += 4
        if bool(((wire_type == 3) | (wire_type == 4) | (wire_type > 5)).any()):
            raise WireError("group or unknown wire type")
        if bool((number == 0).any()):
            # Not a protobuf field (numbers start at 1): refused as protobuf refuses it, so
            # that this reader and the whole-message one agree on every input.
            raise WireError("field number 0")
        if bool((end > limit).any()):
            raise WireError("field runs past the end of its message")
        rounds.append(
            (
                active.astype(np.int32),
                number.astype(np.int32),
                wire_type.astype(np.int8),
                start,
                end,
                np.full(active.size, round_number, dtype=np.int32),
            )
        )
        values_by_round.append(value)
        cursor[active] = end
        active = active[end < limit]
        round_number += 1
    if not rounds:
        empty = np.zeros(0, dtype=np.int64)
        return Fields(
            empty, empty, np.zeros(0, np.int8), np.zeros(0, np.uint64), empty, empty, empty
        )
    columns = [np.concatenate([r[i] for r in rounds]) for i in range(6)]
    return Fields(
        message=columns[0],
        number=columns[1],
        wire_type=columns[2],
        value=np.concatenate(values_by_round),
        start=columns[3],
        end=columns[4],
        round=columns[5],
    )


def last_varint(fields: Fields, number: int, count: int) -> UIntArray:
    """Return each message's value of a singular varint field (last occurrence wins; 0)."""
    result = np.zeros(count, dtype=np.uint64)
    chosen = fields.select(number, 0)
    # Rounds are in increasing order, so later assignments are later occurrences.
    result[fields.message[chosen]] = fields.value[chosen]
    return result


def segment_mask(size: int, starts: IntArray, ends: IntArray) -> BoolArray:
    """Return a mask of the bytes covered by non-overlapping ``[start, end)`` segments."""
    delta = np.zeros(size + 1, dtype=np.int8)
    np.add.at(delta, starts, 1)
    np.add.at(delta, ends, -1)
    # Running sums are 0 or 1 (segments do not overlap), so the int8 result is a bool mask.
    np.cumsum(delta, out=delta)
    return delta[:size].view(np.bool_)


#: Maps a chunk of decoded varints to the values to keep (e.g. IDs to int32 positions).
Transform = Callable[[UIntArray], npt.NDArray[Any]]


def packed_varints(
    buffer: ByteArray,
    fields: Fields,
    chosen: IntArray,
    message_count: int,
    transform: Transform | None = None,
) -> tuple[npt.NDArray[Any], IntArray]:
    """Decode the varints of the chosen packed (or single varint) fields, message by message.

    Returns the values in (message, wire) order, passed chunk by chunk through ``transform``
    when given (so a large uint64 array never exists), and the number of values per message.

    Raises:
        WireError: a packed payload ends inside a varint.
    """
    counts = np.zeros(message_count, dtype=np.int64)
    empty = np.zeros(0, dtype=np.uint64)
    if chosen.size == 0:
        return (empty if transform is None else transform(empty)), counts
    starts = fields.start[chosen]
    ends = fields.end[chosen]
    # Payload bytes in buffer order are in (message, wire) order: messages are laid out
    # one after another and a message's fields in wire order.
    order = np.argsort(starts, kind="stable")
    starts = starts[order]
    ends = ends[order]
    owners = fields.message[chosen][order]
    nonempty = ends > starts
    starts, ends, owners = starts[nonempty], ends[nonempty], owners[nonempty]
    if starts.size == 0:
        return (empty if transform is None else transform(empty)), counts
    if bool((buffer[ends - 1] >= 0x80).any()):
        raise WireError("packed field ends inside a varint")
    # A varint starts inside a payload wherever the previous byte ends a varint; the first
    # one too, since the length (or tag) before a payload ends with such a byte.
    inside = segment_mask(buffer.size, starts, ends)
    pieces: list[npt.NDArray[Any]] = []
    for begin in range(0, buffer.size, _STREAM_CHUNK):
        stop = min(begin + _STREAM_CHUNK, buffer.size)
        previous = buffer[max(begin - 1, 0) : stop - 1] < 0x80
        if begin == 0:
            previous = np.concatenate(([True], previous))
        positions = np.flatnonzero(inside[begin:stop] & previous) + begin
        if positions.size == 0:
            continue
        values = decode_varints_at(buffer, positions)
        pieces.append(values if transform is None else transform(values))
        per_chunk = np.searchsorted(positions, starts), np.searchsorted(positions, ends)
        np.add.at(counts, owners, per_chunk[1] - per_chunk[0])
    del inside
    if not pieces:
        return (empty if transform is None else transform(empty)), counts
    return np.concatenate(pieces), counts


_STREAM_CHUNK = 1 << 22


def decode_varints_at(buffer: ByteArray, positions: IntArray) -> UIntArray:
    """Return the varints starting at ``positions`` (the buffer is zero-padded at its end).

    Varints of up to four bytes (values below 2**28, e.g. IDs) are decoded from one unaligned
    32-bit read each; longer ones take the general byte-by-byte path.
    """
    window = np.ndarray(
        shape=(buffer.size - 3,), dtype="<u4", buffer=buffer, offset=0, strides=(1,)
    )
    word = window[positions]
    more1 = (word & 0x80) != 0
    more2 = more1 & ((word & 0x8000) != 0)
    more3 = more2 & ((word & 0x800000) != 0)
    value = word & np.uint32(0x7F)
    value |= ((word >> 1) & np.uint32(0x3F80)) * more1
    value |= ((word >> 2) & np.uint32(0x1FC000)) * more2
    value |= ((word >> 3) & np.uint32(0xFE00000)) * more3
    result = value.astype(np.uint64)
    longer = np.flatnonzero(more3 & ((word & 0x80000000) != 0))
    if longer.size:
        result[longer], _ = read_varints(buffer, positions[longer])
    return result
