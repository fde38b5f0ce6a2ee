"""Merge several pprof profiles into one, and keep one sample type: the byte side of a query.

A recording (or the replay server) answers a merge query the way Pyroscope does: every stored
profile of the matching series that overlaps the range is merged into one ``google.v1.Profile``
that carries only the requested sample type. The rules follow google/pprof ``profile/merge.go``
(pprof-semantics.md §1 step 3): profiles must have the same sample types and period type; samples
whose values are all zero are dropped; samples with the same (remapped) stack and the same labels
are summed; identical functions, locations and mappings are deduplicated and renumbered from 1;
the first profile's first mapping stays first; ``time_nanos`` is the earliest non-zero value,
``duration_nanos`` the sum, ``period`` the largest; comments are deduplicated in order.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence

from profile_insights.agent.errors import ProfileFormatError
from profile_insights.agent.profiles import profile_pb2

_GZIP_MAGIC = b"\x1f\x8b"

Profile = profile_pb2.Profile


def encode_pprof(profile: profile_pb2.Profile, compress: bool = False) -> bytes:
    """Return the serialized profile, gzip'd when ``compress`` (as profilecli writes files)."""
    raw = profile.SerializeToString(deterministic=True)
    # mtime=0 keeps the gzip output a pure function of the profile.
    return gzip.compress(raw, mtime=0) if compress else raw


def has_samples(profile: profile_pb2.Profile) -> bool:
    """Return whether any sample has a non-zero value (what "not empty" means to a query)."""
    return any(any(sample.value) for sample in profile.sample)


def sample_types(profile: profile_pb2.Profile) -> list[tuple[str, str]]:
    """Return the ``(type, unit)`` pairs of the profile's sample types, in order."""
    strings = profile.string_table
    return [(_string(strings, vt.type), _string(strings, vt.unit)) for vt in profile.sample_type]


def select_sample_type(
    profile: profile_pb2.Profile, sample_type: str, sample_unit: str | None = None
) -> profile_pb2.Profile:
    """Return a copy that keeps only the values of one sample type, like a Pyroscope answer.

    Samples whose selected value is zero are dropped (pprof's merge drops all-zero samples).

    Raises:
        ProfileFormatError: when the profile has no such sample type.
    """
    types = sample_types(profile)
    matches = [
        index
        for index, (type_, unit) in enumerate(types)
        if type_ == sample_type and (sample_unit is None or unit == sample_unit)
    ]
    if not matches:
        listed = ", ".join(f"{t}/{u}" for t, u in types) or "none"
        wanted = sample_type if sample_unit is None else f"{sample_type}/{sample_unit}"
        raise ProfileFormatError(
            f"the profile has no sample type {wanted} (it has: {listed})",
            "Pick one of the listed sample types (profile type ID field 2).",
        )
    index = matches[0]
    result = profile_pb2.Profile()
    result.CopyFrom(profile)
    del result.sample_type[:]
    result.sample_type.add().CopyFrom(profile.sample_type[index])
    del result.sample[:]
    for sample in profile.sample:
        value = sample.value[index] if index < len(sample.value) else 0
        if value == 0:
            continue
        kept = result.sample.add()
        kept.location_id.extend(sample.location_id)
        kept.value.append(value)
        kept.label.extend(sample.label)
    # Only one sample type is left, so a default naming another one would mislead pprof.
    result.default_sample_type = 0
    return result


def merge_profiles(profiles: Sequence[profile_pb2.Profile]) -> profile_pb2.Profile:
    """Return one profile holding every sample of ``profiles`` (pprof ``Merge`` semantics).

    Profiles with no sample types (an empty answer) are skipped; no input gives an empty profile.

    Raises:
        ProfileFormatError: when the profiles have different sample types or period types.
    """
    sources = [profile for profile in profiles if len(profile.sample_type) > 0]
    if not sources:
        return profile_pb2.Profile()
    merger = _Merger()
    merger.header(sources)
    for profile in sources:
        merger.add(profile)
    return merger.out


class _Merger:
    """Interns strings, mappings, functions and locations into one output profile."""

    def __init__(self) -> None:
        self.out = profile_pb2.Profile()
        self.strings: dict[str, int] = {}
        self.mappings: dict[tuple[object, ...], int] = {}
        self.functions: dict[tuple[object, ...], int] = {}
        self.locations: dict[tuple[object, ...], int] = {}
        self.samples: dict[tuple[object, ...], profile_pb2.Sample] = {}
        self.intern("")

    def intern(self, text: str) -> int:
        index = self.strings.get(text)
        if index is None:
            index = len(self.out.string_table)
            self.strings[text] = index
            self.out.string_table.append(text)
        return index

    def header(self, sources: Sequence[profile_pb2.Profile]) -> None:
        first = sources[0]
        reference_types = sample_types(first)
        reference_period = _period_type(first)
        for other in sources[1:]:
            if sample_types(other) != reference_types:
                raise ProfileFormatError(
                    "cannot merge profiles with different sample types: "
                    f"{_describe_types(reference_types)} and "
                    f"{_describe_types(sample_types(other))}",
                    "Merge only profiles of the same profile type.",
                )
            other_period = _period_type(other)
            if reference_period != ("", "") and other_period not in (("", ""), reference_period):
                raise ProfileFormatError(
                    "cannot merge profiles with different period types: "
                    f"{'/'.join(reference_period)} and {'/'.join(other_period)}",
                    "Merge only profiles of the same profile type.",
                )
        for type_, unit in reference_types:
            self.out.sample_type.add(type=self.intern(type_), unit=self.intern(unit))
        period_type = next((p for p in map(_period_type, sources) if p != ("", "")), None)
        if period_type is not None:
            self.out.period_type.type = self.intern(period_type[0])
            self.out.period_type.unit = self.intern(period_type[1])
        seen_comments: set[str] = set()
        for profile in sources:
            strings = profile.string_table
            if profile.time_nanos and (
                not self.out.time_nanos or profile.time_nanos < self.out.time_nanos
            ):
                self.out.time_nanos = profile.time_nanos
            self.out.duration_nanos += profile.duration_nanos
            self.out.period = max(self.out.period, profile.period)
            for comment in profile.comment:
                text = _string(strings, comment)
                if text not in seen_comments:
                    seen_comments.add(text)
                    self.out.comment.append(self.intern(text))
            for field in ("default_sample_type", "drop_frames", "keep_frames"):
                if not getattr(self.out, field) and getattr(profile, field):
                    setattr(self.out, field, self.intern(_string(strings, getattr(profile, field))))

    def add(self, profile: profile_pb2.Profile) -> None:
        strings = profile.string_table
        mapping_ids = {m.id: self._mapping(m, strings) for m in profile.mapping}
        function_ids = {f.id: self._function(f, strings) for f in profile.function}
        location_ids = {
            loc.id: self._location(loc, mapping_ids, function_ids) for loc in profile.location
        }
        width = len(profile.sample_type)
        for sample in profile.sample:
            if not any(sample.value):
                continue
            if len(sample.value) != width:
                raise ProfileFormatError(
                    f"malformed profile: a sample has {len(sample.value)} values "
                    f"for {width} sample types"
                )
            stack = tuple(_lookup(location_ids, lid, "location") for lid in sample.location_id)
            labels = tuple(
                sorted(
                    (
                        _string(strings, label.key),
                        _string(strings, label.str),
                        label.num,
                        _string(strings, label.num_unit),
                    )
                    for label in sample.label
                )
            )
            key = (stack, labels)
            merged = self.samples.get(key)
            if merged is None:
                merged = self.out.sample.add()
                merged.location_id.extend(stack)
                merged.value.extend([0] * width)
                for label in sample.label:
                    merged.label.add(
                        key=self.intern(_string(strings, label.key)),
                        str=self.intern(_string(strings, label.str)) if label.str else 0,
                        num=label.num,
                        num_unit=self.intern(_string(strings, label.num_unit))
                        if label.num_unit
                        else 0,
                    )
                self.samples[key] = merged
            for index, value in enumerate(sample.value):
                merged.value[index] += value

    def _mapping(self, mapping: profile_pb2.Mapping, strings: Sequence[str]) -> int:
        filename = _string(strings, mapping.filename)
        build_id = _string(strings, mapping.build_id)
        key = (
            mapping.memory_start,
            mapping.memory_limit,
            mapping.file_offset,
            filename,
            build_id,
            mapping.has_functions,
            mapping.has_filenames,
            mapping.has_line_numbers,
            mapping.has_inline_frames,
        )
        found = self.mappings.get(key)
        if found is not None:
            return found
        new_id = len(self.out.mapping) + 1
        self.out.mapping.add(
            id=new_id,
            memory_start=mapping.memory_start,
            memory_limit=mapping.memory_limit,
            file_offset=mapping.file_offset,
            filename=self.intern(filename),
            build_id=self.intern(build_id),
            has_functions=mapping.has_functions,
            has_filenames=mapping.has_filenames,
            has_line_numbers=mapping.has_line_numbers,
            has_inline_frames=mapping.has_inline_frames,
        )
        self.mappings[key] = new_id
        return new_id

    def _function(self, function: profile_pb2.Function, strings: Sequence[str]) -> int:
        key = (
            _string(strings, function.name),
            _string(strings, function.system_name),
            _string(strings, function.filename),
            function.start_line,
        )
        found = self.functions.get(key)
        if found is not None:
            return found
        new_id = len(self.out.function) + 1
        self.out.function.add(
            id=new_id,
            name=self.intern(key[0]),
            system_name=self.intern(key[1]),
            filename=self.intern(key[2]),
            start_line=function.start_line,
        )
        self.functions[key] = new_id
        return new_id

    def _location(
        self,
        location: profile_pb2.Location,
        mapping_ids: dict[int, int],
        function_ids: dict[int, int],
    ) -> int:
        mapping_id = (
            _lookup(mapping_ids, location.mapping_id, "mapping") if location.mapping_id else 0
        )
        lines = tuple(
            (
                _lookup(function_ids, line.function_id, "function") if line.function_id else 0,
                line.line,
                line.column,
            )
            for line in location.line
        )
        key = (mapping_id, location.address, lines, location.is_folded)
        found = self.locations.get(key)
        if found is not None:
            return found
        new_id = len(self.out.location) + 1
        merged = self.out.location.add(
            id=new_id, mapping_id=mapping_id, address=location.address, is_folded=location.is_folded
        )
        for function_id, line_number, column in lines:
            merged.line.add(function_id=function_id, line=line_number, column=column)
        self.locations[key] = new_id
        return new_id


def _period_type(profile: profile_pb2.Profile) -> tuple[str, str]:
    if not profile.HasField("period_type"):
        return ("", "")
    strings = profile.string_table
    return (_string(strings, profile.period_type.type), _string(strings, profile.period_type.unit))


def _describe_types(types: Sequence[tuple[str, str]]) -> str:
    return "[" + ", ".join(f"{t}/{u}" for t, u in types) + "]"


def _string(strings: Sequence[str], index: int) -> str:
    if 0 <= index < len(strings):
        return strings[index]
    raise ProfileFormatError(
        f"malformed profile: string index {index} outside the table of {len(strings)} strings"
    )


def _lookup(ids: dict[int, int], old: int, kind: str) -> int:
    try:
        return ids[old]
    except KeyError:
        raise ProfileFormatError(f"malformed profile: unknown {kind} id {old}") from None
