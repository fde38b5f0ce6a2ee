"""Sample data of a profile as flat numpy arrays, decoded without a Python loop per frame.

A 200,000-sample profile holds millions of location IDs; reading them one by one through the
protobuf objects costs about half a second. Instead the profile bytes are parsed a second time
(by the same upb backend) with a private message layout in which a sample's packed
``location_id`` and ``value`` fields are opaque byte strings; the varints in them are then
decoded with numpy. The layout declares every top-level field of ``profile.proto``, so a parse
that leaves unknown fields behind (unpacked repeated fields, which pprof's own encoder writes
for lists of one or two entries) is detected by re-measuring the message, and the caller then
reads the slower, always-correct protobuf objects instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

from profile_insights.agent.profiles import profile_pb2

IntArray = npt.NDArray[np.int64]
UIntArray = npt.NDArray[np.uint64]


@dataclass(frozen=True)
class SampleColumns:
    """Every sample's location IDs (leaf first, concatenated) and values, plus raw labels."""

    location_ids: UIntArray
    """All samples' ``location_id`` lists, concatenated in sample order."""
    offsets: IntArray
    """``location_ids[offsets[i]:offsets[i + 1]]`` is sample ``i``'s stack (length S + 1)."""
    value_counts: IntArray
    """Number of values each sample carries (pprof requires one per sample type)."""
    values: IntArray
    """Sample values, shape (S, T); only meaningful when every count equals T."""
    label_keys: IntArray
    """String indices used by labels (keys, and str/num_unit when non-zero)."""
    label_blobs: list[bytes]
    """Each sample's labels as bytes, to tell apart samples that pprof's merge keeps apart."""


def _raw_classes() -> tuple[Any, Any]:
    proto = descriptor_pb2.FileDescriptorProto(
        name="profile_insights_raw_profile.proto", package="profile_insights.raw", syntax="proto3"
    )
    label = descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL
    repeated = descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED
    as_bytes = descriptor_pb2.FieldDescriptorProto.TYPE_BYTES
    as_int64 = descriptor_pb2.FieldDescriptorProto.TYPE_INT64
    as_message = descriptor_pb2.FieldDescriptorProto.TYPE_MESSAGE

    sample = proto.message_type.add(name="RawSample")
    sample.field.add(name="location_id", number=1, label=label, type=as_bytes)
    sample.field.add(name="value", number=2, label=label, type=as_bytes)
    sample.field.add(name="label", number=3, label=repeated, type=as_bytes)

    profile = proto.message_type.add(name="RawProfile")
    layout: list[tuple[str, int, Any, Any]] = [
        ("sample_type", 1, repeated, as_bytes),
        ("sample", 2, repeated, as_message),
        ("mapping", 3, repeated, as_bytes),
        ("location", 4, repeated, as_bytes),
        ("function", 5, repeated, as_bytes),
        ("string_table", 6, repeated, as_bytes),
        ("drop_frames", 7, label, as_int64),
        ("keep_frames", 8, label, as_int64),
        # Repeated so that a second time_nanos (concatenated profiles) stays visible.
        ("time_nanos", 9, repeated, as_int64),
        ("duration_nanos", 10, label, as_int64),
        ("period_type", 11, label, as_bytes),
        ("period", 12, label, as_int64),
        ("comment", 13, repeated, as_int64),
        ("default_sample_type", 14, label, as_int64),
        ("doc_url", 15, label, as_int64),
    ]
    for name, number, cardinality, kind in layout:
        field = profile.field.add(name=name, number=number, label=cardinality, type=kind)
        if kind == as_message:
            field.type_name = ".profile_insights.raw.RawSample"
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    raw_profile = message_factory.GetMessageClass(
        pool.FindMessageTypeByName("profile_insights.raw.RawProfile")
    )
    raw_sample = message_factory.GetMessageClass(
        pool.FindMessageTypeByName("profile_insights.raw.RawSample")
    )
    return raw_profile, raw_sample


_RAW_PROFILE, _RAW_SAMPLE = _raw_classes()


def parse_raw(data: bytes) -> Any:
    """Parse profile bytes with the opaque-sample layout (raises protobuf's DecodeError)."""
    raw = _RAW_PROFILE()
    raw.ParseFromString(data)
    return raw


def time_nanos_occurrences(raw: Any) -> list[int]:
    """Return every ``time_nanos`` value in wire order (pprof refuses a second non-zero one)."""
    return list(raw.time_nanos)


def decode_varints(blob: bytes) -> tuple[UIntArray, npt.NDArray[np.bool_]] | None:
    """Decode a packed varint stream; return values and the end-of-varint mask, or None."""
    if not blob:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.bool_)
    raw = np.frombuffer(blob, dtype=np.uint8)
    is_end = raw < 0x80
    if not is_end[-1]:
        return None
    ends = np.flatnonzero(is_end)
    starts = np.empty_like(ends)
    starts[0] = 0
    starts[1:] = ends[:-1] + 1
    lengths = ends - starts + 1
    longest = int(lengths.max())
    if longest > 10:
        return None
    values = (raw[starts] & 0x7F).astype(np.uint64)
    # Most varints are short: add the k-th byte only for those at least k + 1 bytes long.
    members = np.arange(starts.size)
    for k in range(1, longest):
        members = members[lengths[members] > k]
        byte = raw[starts[members] + k] & 0x7F
        values[members] |= byte.astype(np.uint64) << np.uint64(7 * k)
    return values, is_end


def _counts_per_chunk(is_end: npt.NDArray[np.bool_], chunk_lengths: IntArray) -> IntArray | None:
    """Count varints per byte chunk; None when a varint crosses a chunk boundary."""
    boundaries = np.concatenate(([0], np.cumsum(chunk_lengths)))
    ends_before = np.concatenate(([0], np.cumsum(is_end, dtype=np.int64)))
    counts = ends_before[boundaries[1:]] - ends_before[boundaries[:-1]]
    nonempty = chunk_lengths > 0
    last_bytes = boundaries[1:][nonempty] - 1
    if last_bytes.size and not bool(is_end[last_bytes].all()):
        return None
    return counts.astype(np.int64)


def columns_from_raw(raw: Any, sample_type_count: int) -> SampleColumns | None:
    """Return the sample columns from a raw parse, or None when the fast layout does not fit."""
    # Unknown fields (e.g. an unpacked location_id list) change the size when discarded.
    size_with_unknown = raw.ByteSize()
    raw.DiscardUnknownFields()
    if raw.ByteSize() != size_with_unknown:
        return None
    samples = raw.sample
    loc_chunks = [s.location_id for s in samples]
    value_chunks = [s.value for s in samples]
    label_blobs = [b"".join(s.label) for s in samples]
    loc_decoded = decode_varints(b"".join(loc_chunks))
    value_decoded = decode_varints(b"".join(value_chunks))
    if loc_decoded is None or value_decoded is None:
        return None
    loc_lengths = np.fromiter((len(c) for c in loc_chunks), dtype=np.int64, count=len(loc_chunks))
    value_lengths = np.fromiter(
        (len(c) for c in value_chunks), dtype=np.int64, count=len(value_chunks)
    )
    loc_counts = _counts_per_chunk(loc_decoded[1], loc_lengths)
    value_counts = _counts_per_chunk(value_decoded[1], value_lengths)
    if loc_counts is None or value_counts is None:
        return None
    offsets = np.zeros(len(loc_chunks) + 1, dtype=np.int64)
    np.cumsum(loc_counts, out=offsets[1:])
    all_values = value_decoded[0].view(np.int64)
    values = _value_matrix(all_values, value_counts, sample_type_count)
    label_keys = _label_indices(b"".join(label_blobs))
    if label_keys is None:
        return None
    return SampleColumns(
        location_ids=loc_decoded[0],
        offsets=offsets,
        value_counts=value_counts,
        values=values,
        label_keys=label_keys,
        label_blobs=label_blobs,
    )


def _value_matrix(all_values: IntArray, counts: IntArray, width: int) -> IntArray:
    if counts.size and bool((counts == width).all()):
        return all_values.reshape(counts.size, width)
    return np.zeros((counts.size, width), dtype=np.int64)


def _label_indices(blob: bytes) -> IntArray | None:
    """Return the string indices a label stream uses; None if a label has non-varint fields."""
    decoded = decode_varints(blob)
    if decoded is None:
        return None
    stream = decoded[0]
    if stream.size % 2:
        return None
    tags = stream[0::2]
    values = stream[1::2].view(np.int64)
    if tags.size and bool(((tags & np.uint64(7)) != 0).any()):
        return None
    fields = tags >> np.uint64(3)
    string_fields = (fields == 1) | (((fields == 2) | (fields == 4)) & (values != 0))
    return np.asarray(values[string_fields], dtype=np.int64)


def columns_from_profile(profile: profile_pb2.Profile) -> SampleColumns:
    """Return the sample columns by reading the protobuf objects (any encoding, slower)."""
    samples = profile.sample
    offsets = np.zeros(len(samples) + 1, dtype=np.int64)
    lengths = np.fromiter((len(s.location_id) for s in samples), dtype=np.int64, count=len(samples))
    np.cumsum(lengths, out=offsets[1:])
    location_ids = np.fromiter(
        (loc for s in samples for loc in s.location_id), dtype=np.uint64, count=int(offsets[-1])
    )
    value_counts = np.fromiter((len(s.value) for s in samples), dtype=np.int64, count=len(samples))
    width = len(profile.sample_type)
    if value_counts.size and bool((value_counts == width).all()):
        values = np.array([list(s.value) for s in samples], dtype=np.int64).reshape(-1, width)
    else:
        values = np.zeros((len(samples), width), dtype=np.int64)
    keys: list[int] = []
    blobs: list[bytes] = []
    for sample in samples:
        parts: list[bytes] = []
        for label in sample.label:
            keys.append(label.key)
            if label.str:
                keys.append(label.str)
            if label.num_unit:
                keys.append(label.num_unit)
            parts.append(label.SerializeToString())
        blobs.append(b"".join(parts))
    return SampleColumns(
        location_ids=location_ids,
        offsets=offsets,
        value_counts=value_counts,
        values=values,
        label_keys=np.array(keys, dtype=np.int64),
        label_blobs=blobs,
    )


def sample_columns(profile: profile_pb2.Profile) -> SampleColumns:
    """Return the sample columns of a decoded profile, using the fast path when it applies."""
    data = profile.SerializeToString()
    raw = parse_raw(data)
    fast = columns_from_raw(raw, len(profile.sample_type))
    return fast if fast is not None else columns_from_profile(profile)
