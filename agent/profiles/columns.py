"""A profile's samples, locations and functions as flat numpy arrays.

A 200,000-sample profile holds millions of location IDs; reading them one by one through the
protobuf objects costs seconds. Instead the upb backend splits the profile into its top-level
fields under a private message layout in which samples, locations and functions stay opaque
byte strings, and :mod:`wire` decodes all of them at once with numpy. Bytes that this reader
cannot take apart (group wire types) are re-read from a canonical re-serialisation of the
decoded profile, so the result is always the one protobuf would give.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.wire import (
    PADDING,
    Fields,
    IntArray,
    Transform,
    UIntArray,
    WireError,
    last_varint,
    packed_varints,
    parse_fields,
)


@dataclass(frozen=True)
class SampleColumns:
    """Samples, locations and functions of a profile as arrays."""

    stack_locations: IntArray
    """All samples' ``location_id`` lists (leaf first, concatenated in sample order) as
    positions in the location list (int32); -1 for an unknown location ID."""
    offsets: IntArray
    """``location_ids[offsets[i]:offsets[i + 1]]`` is sample ``i``'s stack (length S + 1)."""
    value_counts: IntArray
    """Number of values each sample carries (pprof requires one per sample type)."""
    values: IntArray
    """Sample values, shape (S, T); only meaningful when every count equals T."""
    label_keys: IntArray
    """String indices used by labels (keys, and str/num_unit when non-zero)."""
    label_hash: UIntArray
    """Order-independent hash of each sample's labels (0 without labels)."""
    location_id: UIntArray
    location_mapping: UIntArray
    location_address: UIntArray
    location_folded: UIntArray
    line_location: IntArray
    """For every Line entry: index of its location; entries are in (location, wire) order."""
    line_function: UIntArray
    line_number: IntArray
    function_id: UIntArray
    function_name: IntArray
    function_system_name: IntArray
    function_filename: IntArray
    function_start_line: IntArray


def _raw_class() -> Any:
    """Return profile.proto's Profile with samples, locations and functions left as bytes."""
    proto = descriptor_pb2.FileDescriptorProto()
    profile_pb2.DESCRIPTOR.CopyToProto(proto)
    proto.name = "profile_insights_raw_profile.proto"
    proto.package = "profile_insights.raw"
    for message in proto.message_type:
        for field in message.field:
            if field.type_name:
                field.type_name = field.type_name.replace(
                    ".perftools.profiles.", ".profile_insights.raw."
                )
        if message.name != "Profile":
            continue
        for field in message.field:
            # string_table as bytes: pprof accepts strings that are not UTF-8, upb does not.
            if field.name in ("sample", "location", "function", "string_table"):
                field.type = descriptor_pb2.FieldDescriptorProto.TYPE_BYTES
                field.ClearField("type_name")
            elif field.name == "time_nanos":
                # Repeated so that a second time_nanos (concatenated profiles) stays visible.
                field.label = descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    return message_factory.GetMessageClass(
        pool.FindMessageTypeByName("profile_insights.raw.Profile")
    )


_RAW_PROFILE = _raw_class()


def parse_raw(data: bytes) -> Any:
    """Parse profile bytes, keeping samples, locations and functions opaque (errors raise)."""
    raw = _RAW_PROFILE()
    raw.ParseFromString(data)
    return raw


def header_profile(raw: Any, *, bulk: bool = False) -> profile_pb2.Profile:
    """Return a Profile from a raw parse: every field but samples, locations and functions.

    With ``bulk`` those are included too (a full Profile). Strings that are not valid UTF-8
    (which pprof accepts and protobuf's ``string`` type does not) get U+FFFD replacements.
    """
    header = _RAW_PROFILE()
    header.CopyFrom(raw)
    dropped = ["string_table", "time_nanos"]
    if not bulk:
        dropped += ["sample", "location", "function"]
    for name in dropped:
        header.ClearField(name)
    profile = profile_pb2.Profile()
    profile.ParseFromString(header.SerializeToString())
    profile.string_table.extend(text.decode("utf-8", "replace") for text in raw.string_table)
    if raw.time_nanos:
        profile.time_nanos = raw.time_nanos[-1]
    return profile


def time_nanos_occurrences(raw: Any) -> list[int]:
    """Return every ``time_nanos`` value in wire order (pprof refuses a second non-zero one)."""
    return list(raw.time_nanos)


def _batch(messages: Any) -> tuple[npt.NDArray[np.uint8], IntArray, IntArray]:
    lengths = np.fromiter(map(len, messages), dtype=np.int64, count=len(messages))
    ends = np.cumsum(lengths)
    # Zero padding lets varint reads run past a message end without bounds checks.
    return np.frombuffer(b"".join([*messages, PADDING]), dtype=np.uint8), ends - lengths, ends


def _mix(*parts: UIntArray) -> UIntArray:
    with np.errstate(over="ignore"):
        acc = np.zeros(parts[0].size, dtype=np.uint64)
        for index, part in enumerate(parts):
            acc = (acc ^ part) * np.uint64(0x9E3779B97F4A7C15 + 2 * index)
            acc ^= acc >> np.uint64(29)
        return acc


def columns_from_raw(raw: Any, sample_type_count: int) -> SampleColumns:
    """Return the arrays of a profile split by :func:`parse_raw`.

    Raises:
        WireError: a sample, location or function is not plain protobuf.
    """
    buffer, starts, ends = _batch(raw.location)
    location_fields = parse_fields(buffer, starts, ends)
    location_count = starts.size
    line_fields_index = location_fields.select(4, 2)
    # Order the Line entries by (location, wire position): buffer order.
    line_fields_index = line_fields_index[np.argsort(location_fields.start[line_fields_index])]
    line_fields = parse_fields(
        buffer, location_fields.start[line_fields_index], location_fields.end[line_fields_index]
    )
    line_count = line_fields_index.size
    location_id = last_varint(location_fields, 1, location_count)
    location_mapping = last_varint(location_fields, 2, location_count)
    location_address = last_varint(location_fields, 3, location_count)
    location_folded = last_varint(location_fields, 5, location_count)
    line_location = location_fields.message[line_fields_index].astype(np.int64)
    line_function = last_varint(line_fields, 1, line_count)
    line_number = last_varint(line_fields, 2, line_count).view(np.int64)
    del location_fields, line_fields, buffer

    buffer, starts, ends = _batch(raw.function)
    function_fields = parse_fields(buffer, starts, ends)
    function_count = starts.size
    function_id = last_varint(function_fields, 1, function_count)
    function_name = last_varint(function_fields, 2, function_count).view(np.int64)
    function_system_name = last_varint(function_fields, 3, function_count).view(np.int64)
    function_filename = last_varint(function_fields, 4, function_count).view(np.int64)
    function_start_line = last_varint(function_fields, 5, function_count).view(np.int64)
    del function_fields, buffer

    buffer, starts, ends = _batch(raw.sample)
    sample_count = starts.size
    fields = parse_fields(buffer, starts, ends)
    # Location IDs become positions in the location list chunk by chunk (int32 if possible).
    stack_locations, location_counts = _repeated_varints(
        buffer, fields, 1, sample_count, lambda ids: dense_index(location_id, ids, reuse=True)
    )
    values, value_counts = _repeated_varints(buffer, fields, 2, sample_count)
    offsets = np.zeros(sample_count + 1, dtype=np.int64)
    np.cumsum(location_counts, out=offsets[1:])
    if sample_count and bool((value_counts == sample_type_count).all()):
        matrix = values.view(np.int64).reshape(sample_count, sample_type_count)
    else:
        matrix = np.zeros((sample_count, sample_type_count), dtype=np.int64)
    label_keys, label_hash = _labels(buffer, fields, sample_count)
    del buffer, fields

    return SampleColumns(
        stack_locations=stack_locations,
        offsets=offsets,
        value_counts=value_counts,
        values=np.ascontiguousarray(matrix),
        label_keys=label_keys,
        label_hash=label_hash,
        location_id=location_id,
        location_mapping=location_mapping,
        location_address=location_address,
        location_folded=location_folded,
        line_location=line_location,
        line_function=line_function,
        line_number=line_number,
        function_id=function_id,
        function_name=function_name,
        function_system_name=function_system_name,
        function_filename=function_filename,
        function_start_line=function_start_line,
    )


def dense_index(ids: UIntArray, wanted: UIntArray, *, reuse: bool = False) -> IntArray:
    """Return the position of each wanted ID in ``ids`` (the last one if repeated), or -1.

    Positions are int32 when they fit, to halve the memory of large stacks. With ``reuse``
    the ``wanted`` array is overwritten to save a copy.
    """
    kind: type[np.signedinteger[Any]] = np.int32 if ids.size < 2**31 - 1 else np.int64
    if wanted.size == 0:
        return np.zeros(0, dtype=kind)
    largest = int(ids.max()) if ids.size else 0
    if largest <= 4 * ids.size + 1_000_000:
        # IDs are usually dense (1..N): a lookup table is a plain gather.
        table = np.full(largest + 2, -1, dtype=kind)
        table[ids.astype(np.int64)] = np.arange(ids.size, dtype=kind)
        lookup = wanted.view(np.int64) if reuse else wanted.astype(np.int64)
        # IDs past the largest (or past 2**63, negative here) look up the spare -1 at the end.
        lookup[(lookup < 0) | (lookup > largest)] = largest + 1
        return table[lookup]
    order = np.argsort(ids, kind="stable")
    positions = np.minimum(np.searchsorted(ids, wanted, sorter=order), ids.size - 1)
    found = order[positions]
    return np.where(ids[found] == wanted, found, -1).astype(kind)


def _repeated_varints(
    buffer: npt.NDArray[np.uint8],
    fields: Fields,
    number: int,
    count: int,
    transform: Transform | None = None,
) -> tuple[npt.NDArray[Any], IntArray]:
    """Decode a repeated varint field written packed, unpacked or mixed."""
    kinds = fields.wire_type
    chosen = np.flatnonzero((fields.number == number) & ((kinds == 0) | (kinds == 2)))
    return packed_varints(buffer, fields, chosen, count, transform)


def _labels(
    buffer: npt.NDArray[np.uint8], fields: Fields, sample_count: int
) -> tuple[IntArray, UIntArray]:
    chosen = fields.select(3, 2)
    label_hash = np.zeros(sample_count, dtype=np.uint64)
    if chosen.size == 0:
        return np.zeros(0, dtype=np.int64), label_hash
    labels = parse_fields(buffer, fields.start[chosen], fields.end[chosen])
    count = chosen.size
    key = last_varint(labels, 1, count)
    text = last_varint(labels, 2, count)
    number = last_varint(labels, 3, count)
    unit = last_varint(labels, 4, count)
    used = np.concatenate((key, text[text != 0], unit[unit != 0])).view(np.int64)
    # pprof keeps string labels (str set) and numeric ones (num or unit set) as per-key lists
    # in wire order and ignores the rest; its merge compares those lists, so a label's
    # identity includes its kind and its rank among same-key labels of its sample.
    kind = np.where(text != 0, 1, np.where((number != 0) | (unit != 0), 2, 0))
    owner = fields.message[chosen]
    order = np.lexsort((fields.round[chosen], key, kind, owner))
    group_start = np.ones(count, dtype=np.bool_)
    group_start[1:] = (
        (owner[order][1:] != owner[order][:-1])
        | (kind[order][1:] != kind[order][:-1])
        | (key[order][1:] != key[order][:-1])
    )
    position = np.arange(count)
    rank = np.empty(count, dtype=np.uint64)
    rank[order] = position - np.maximum.accumulate(np.where(group_start, position, 0))
    as_string = kind == 1
    label_id = _mix(
        key,
        kind.astype(np.uint64),
        np.where(as_string, text, number),
        np.where(as_string, 0, unit).astype(np.uint64),
        rank,
    )
    label_id[kind == 0] = 0
    with np.errstate(over="ignore"):
        np.add.at(label_hash, owner, label_id)
    return used, label_hash


def sample_columns(profile: profile_pb2.Profile, data: bytes | None = None) -> SampleColumns:
    """Return the arrays of a decoded profile (``data``: its bytes, if at hand)."""
    if data is not None:
        try:
            return columns_from_raw(parse_raw(data), len(profile.sample_type))
        except WireError:
            pass
    canonical = profile_pb2.Profile()
    canonical.CopyFrom(profile)
    canonical.DiscardUnknownFields()
    return columns_from_raw(parse_raw(canonical.SerializeToString()), len(profile.sample_type))
