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
from profile_insights.agent.profiles.columns import SampleColumns, parse_raw
from profile_insights.agent.profiles.wire import PADDING, UIntArray, parse_fields

_VALUE_FIELD = 2  # Sample.value
_TIME_NANOS_TAG = b"\x48"  # Profile.time_nanos, field 9, varint


def keep_sample_type(
    data: bytes,
    header: profile_pb2.Profile,
    columns: SampleColumns,
    index: int,
    *,
    time_nanos: int,
    duration_nanos: int,
) -> tuple[bytes, profile_pb2.Profile, SampleColumns] | None:
    """Return the answer's bytes, header and columns for the sample type at ``index``.

    ``data`` are the (decompressed) bytes ``header`` and ``columns`` were decoded from, already
    validated.
    Returns None when a sample's values are not written together (another field between two
    of them: legal but rare), and the caller takes the protobuf path.
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
    # A field's tag starts where the field before it in its message ends.
    previous = np.empty(order.size, dtype=np.int64)
    previous[order] = np.concatenate(([-1], order[:-1])) if order.size else order
    first_of_message = np.empty(order.size, dtype=np.bool_)
    first_of_message[order] = (
        np.concatenate(([True], fields.message[order][1:] != fields.message[order][:-1]))
        if order.size
        else np.zeros(0, dtype=np.bool_)
    )
    tag_starts = np.where(
        first_of_message, starts[fields.message], fields.end[np.maximum(previous, 0)]
    )
    chosen = np.flatnonzero(fields.number == _VALUE_FIELD)
    owners = fields.message[chosen]
    if chosen.size == 0 or not bool((np.bincount(owners, minlength=count) > 0).all()):
        return None
    # Values written packed (one field) or unpacked (one per value), as long as they are
    # together: one span per sample is replaced by the kept value's packed field.
    tag_start = np.full(count, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(tag_start, owners, tag_starts[chosen])
    value_end = np.zeros(count, dtype=np.int64)
    np.maximum.at(value_end, owners, fields.end[chosen])
    spans = np.zeros(count, dtype=np.int64)
    np.add.at(spans, owners, fields.end[chosen] - tag_starts[chosen])
    if bool((spans != value_end - tag_start).any()):
        return None  # another field between two values: the protobuf path handles it
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
    kept_header = profile_pb2.Profile()
    kept_header.CopyFrom(header)
    chosen_value_type = profile_pb2.ValueType()
    chosen_value_type.CopyFrom(header.sample_type[index])
    del kept_header.sample_type[:]
    kept_header.sample_type.append(chosen_value_type)
    kept_header.default_sample_type = 0
    kept_header.duration_nanos = duration_nanos
    kept_header.time_nanos = time_nanos
    return answer, kept_header, _narrowed(columns, index, keep)


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
