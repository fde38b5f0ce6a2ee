"""Keep one sample type of a profile's bytes, without building a protobuf object per sample.

A query's answer carries one sample type (Pyroscope's merge keeps the requested one). For one
stored profile, that is the stored bytes with each sample's ``value`` field cut down to the
kept value, the samples left at zero dropped, one ``sample_type`` and the query's time range:
a byte-level edit of the samples (found with :mod:`wire`, rebuilt in one pass), where the
protobuf path (copy, select, merge, encode) costs a minute and gigabytes on a 1M-sample
profile. The decoded columns of the answer are those of the input, narrowed the same way, so
the answer is not decoded again.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.columns import SampleColumns, header_profile, parse_raw
from profile_insights.agent.profiles.wire import PADDING, IntArray, UIntArray, parse_fields

_VALUE_FIELD = 2  # Sample.value
_TIME_NANOS_TAG = b"\x48"  # Profile.time_nanos, field 9, varint


def keep_sample_type(
    data: bytes,
    columns: SampleColumns,
    index: int,
    *,
    time_nanos: int,
    duration_nanos: int,
) -> tuple[bytes, profile_pb2.Profile, SampleColumns] | None:
    """Return the answer's bytes, header and columns for the sample type at ``index``.

    ``data`` are the (decompressed) bytes ``columns`` were decoded from, already validated.
    Returns None when a sample writes its values other than as one packed field (legal but
    rare: the caller then takes the protobuf path).
    """
    raw = parse_raw(data)
    count = len(raw.sample)
    if count != columns.offsets.size - 1:
        return None
    lengths = np.fromiter(map(len, raw.sample), dtype=np.int64, count=count)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    blob = b"".join([*raw.sample, PADDING])
    buffer = np.frombuffer(blob, dtype=np.uint8)
    fields = parse_fields(buffer, starts, ends)
    order = np.lexsort((fields.round, fields.message))
    chosen = order[fields.number[order] == _VALUE_FIELD]
    owners = fields.message[chosen]
    if chosen.size != count or bool((fields.wire_type[chosen] != 2).any()):
        return None
    if count and bool((owners != np.arange(count)).any()):
        return None  # a sample without values, or with two value fields
    # The value field's tag starts where the field before it in its sample ends.
    position = _positions(order, chosen)
    previous = order[np.maximum(position - 1, 0)]
    first = fields.round[chosen] == 0
    tag_start = np.where(first, starts, fields.end[previous])
    value_end = fields.end[chosen]
    kept_values = columns.values[:, index] if count else np.zeros(0, dtype=np.int64)
    keep = kept_values != 0
    encoded, encoded_ends = _value_fields(kept_values.view(np.uint64))
    field_blob = encoded.tobytes()
    field_starts = np.concatenate(([0], encoded_ends[:-1])) if count else encoded_ends
    pieces = [
        blob[begin:tag] + field_blob[field_begin:field_end] + blob[after:end]
        for begin, tag, field_begin, field_end, after, end in zip(
            starts[keep].tolist(),
            tag_start[keep].tolist(),
            field_starts[keep].tolist(),
            encoded_ends[keep].tolist(),
            value_end[keep].tolist(),
            ends[keep].tolist(),
            strict=True,
        )
    ]
    del blob, buffer, fields
    del raw.sample[:]
    raw.sample.extend(pieces)
    del pieces
    kept_type = raw.sample_type[index]
    chosen_type = (kept_type.type, kept_type.unit)
    del raw.sample_type[:]
    raw.sample_type.add(type=chosen_type[0], unit=chosen_type[1])
    # Only one sample type is left, so a default naming another one would mislead pprof.
    raw.default_sample_type = 0
    raw.duration_nanos = duration_nanos
    # time_nanos is repeated in the raw layout (to see concatenations): append it as the
    # singular varint Profile declares.
    raw.ClearField("time_nanos")
    answer = raw.SerializeToString() + _TIME_NANOS_TAG + _varint(time_nanos)
    header = header_profile(raw)
    header.time_nanos = time_nanos
    return answer, header, _narrowed(columns, index, keep)


def _positions(order: IntArray, chosen: IntArray) -> IntArray:
    """Return where each of ``chosen`` sits in ``order`` (a permutation)."""
    inverse: IntArray = np.empty(order.size, dtype=np.int64)
    inverse[order] = np.arange(order.size, dtype=np.int64)
    positions: IntArray = inverse[chosen]
    return positions


def _value_fields(values: UIntArray) -> tuple[np.ndarray, np.ndarray]:
    """Return each value as a packed ``value`` field (tag, length, varint), concatenated."""
    sizes = np.ones(values.size, dtype=np.int64)
    rest = values >> np.uint64(7)
    while bool(rest.any()):
        sizes += rest != 0
        rest >>= np.uint64(7)
    total = sizes + 2  # tag and one length byte (a varint is at most 10 bytes)
    field_ends = np.cumsum(total)
    out = np.zeros(int(field_ends[-1]) if values.size else 0, dtype=np.uint8)
    begins = field_ends - total
    out[begins] = (_VALUE_FIELD << 3) | 2
    out[begins + 1] = sizes.astype(np.uint8)
    remaining = values.copy()
    for byte in range(int(sizes.max()) if values.size else 0):
        active = sizes > byte
        chunk = (remaining & np.uint64(0x7F)).astype(np.uint8)
        more = sizes > byte + 1
        chunk[more] |= 0x80
        out[(begins + 2 + byte)[active]] = chunk[active]
        remaining >>= np.uint64(7)
    return out, field_ends


def _varint(value: int) -> bytes:
    value &= (1 << 64) - 1
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _narrowed(columns: SampleColumns, index: int, keep: np.ndarray) -> SampleColumns:
    """Return the columns of the kept samples with only the value at ``index``."""
    lengths = np.diff(columns.offsets)
    kept_lengths = lengths[keep]
    offsets = np.zeros(kept_lengths.size + 1, dtype=np.int64)
    np.cumsum(kept_lengths, out=offsets[1:])
    return dataclasses.replace(
        columns,
        stack_locations=columns.stack_locations[np.repeat(keep, lengths)],
        offsets=offsets,
        value_counts=np.ones(int(keep.sum()), dtype=columns.value_counts.dtype),
        values=np.ascontiguousarray(columns.values[keep][:, index : index + 1]),
        label_hash=columns.label_hash[keep],
    )
