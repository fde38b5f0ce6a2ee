"""Read pprof profile bytes the way pprof does, refusing what pprof refuses.

pprof's ``profile.ParseData`` (``pprof-semantics.md`` sections 1 and 9) gunzips data that
starts with ``1f 8b``, decodes the protobuf, and checks the result with ``CheckValid``.
Every refusal here raises :class:`ProfileFormatError` with the file name and pprof's reason,
worded as ``go tool pprof`` prints it (``parsing profile: unrecognized profile format``,
``malformed profile: found function with reserved ID=0``, ...).

Decompression is streamed with a running cap: at most :data:`RATIO_FLOOR` plus
:data:`MAX_RATIO` bytes per compressed byte (real profiles inflate 2-6 times, a gzip bomb about
1000 times), and never more than 2 GiB, so a bomb ends in an error as soon as it passes what its
input could hold, with memory bounded by the input, instead of exhausting memory.
"""

from __future__ import annotations

import os
import stat
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from google.protobuf.message import DecodeError

from profile_insights.agent.errors import NoProfileDataError, ProfileFormatError, shown
from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.columns import (
    SampleColumns,
    columns_from_raw,
    header_profile,
    parse_raw,
    sample_columns,
    time_nanos_occurrences,
)
from profile_insights.agent.profiles.wire import WireError

#: Largest decompressed profile accepted (pprof has no limit; we refuse instead of swapping).
MAX_PROFILE_BYTES = 2 * 1024**3
#: Decompressed bytes allowed per compressed byte, on top of :data:`RATIO_FLOOR`.
MAX_RATIO = 50
#: Decompressed bytes always allowed, whatever the input's size.
RATIO_FLOOR = 32 * 1024 * 1024
_CHUNK = 4 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"


def gunzip_capped(data: bytes, *, name: str, max_bytes: int = MAX_PROFILE_BYTES) -> bytes:
    """Return the decompressed bytes of a (possibly multi-member) gzip stream, with a cap.

    The cap is the smaller of ``max_bytes`` and what the input may hold
    (:data:`RATIO_FLOOR` + :data:`MAX_RATIO` x its size); it is checked after every step of
    at most 4 MiB, so memory stays within the cap.

    Raises:
        ProfileFormatError: the stream is truncated or corrupt, or decompresses past the cap.
    """
    limit = min(max_bytes, RATIO_FLOOR + MAX_RATIO * len(data))
    out = bytearray()
    remaining = data
    while True:
        inflater = zlib.decompressobj(wbits=31)
        pending = remaining
        try:
            while True:
                out += inflater.decompress(pending, _CHUNK)
                if len(out) > limit:
                    raise _too_large(name, limit, len(data), max_bytes)
                pending = inflater.unconsumed_tail
                if inflater.eof or not pending:
                    break
            if not inflater.eof:
                # Flush what is buffered; a stream without its end is truncated.
                out += inflater.flush()
                if len(out) > limit:
                    raise _too_large(name, limit, len(data), max_bytes)
                if not inflater.eof:
                    raise ProfileFormatError(f"{name}: decompressing profile: unexpected EOF")
        except zlib.error as error:
            raise ProfileFormatError(f"{name}: decompressing profile: {error}") from error
        remaining = inflater.unused_data
        # Go's gzip reader reads concatenated members (multistream) until the input ends.
        if not remaining:
            break
        if not remaining.startswith(_GZIP_MAGIC):
            raise ProfileFormatError(f"{name}: decompressing profile: gzip: invalid header")
    # The bytearray itself (no copy): protobuf parses any buffer, and only reads it.
    return out  # type: ignore[return-value]


def decompressed(data: bytes, *, name: str, max_bytes: int = MAX_PROFILE_BYTES) -> bytes:
    """Return the profile bytes pprof parses: gunzipped when they start with gzip's magic.

    Raises:
        ProfileFormatError: the gzip stream is corrupt or decompresses past the cap.
    """
    return gunzip_capped(data, name=name, max_bytes=max_bytes) if data[:2] == _GZIP_MAGIC else data


def _too_large(name: str, limit: int, compressed: int, max_bytes: int) -> ProfileFormatError:
    if limit < max_bytes:
        return ProfileFormatError(
            f"{name}: decompressing profile: more than {limit} bytes from {compressed} "
            "compressed bytes, more than any profile holds (a gzip bomb?)",
            hint="Check where the file comes from; export the profile again from its source.",
        )
    return ProfileFormatError(
        f"{name}: decompressing profile: more than {max_bytes} bytes after decompression",
        hint="The file is too large to analyse here; export a shorter time range.",
    )


def decode_profile(
    data: bytes, *, name: str, max_bytes: int = MAX_PROFILE_BYTES
) -> profile_pb2.Profile:
    """Decode raw or gzip'd profile.proto bytes and validate them like pprof's CheckValid.

    Args:
        data: The file content.
        name: The file name, used in error messages as pprof does.
        max_bytes: Refuse profiles larger than this after decompression.

    Raises:
        ProfileFormatError: pprof would refuse the data; the message gives pprof's reason.
    """
    profile, _ = decode_profile_with_columns(data, name=name, max_bytes=max_bytes)
    return profile


def decode_profile_with_columns(
    data: bytes,
    *,
    name: str,
    max_bytes: int = MAX_PROFILE_BYTES,
    full: bool = True,
    gunzipped: bool = False,
) -> tuple[profile_pb2.Profile, SampleColumns]:
    """Decode and validate like :func:`decode_profile`; also return the sample columns.

    With ``full=False`` the returned Profile holds everything except its samples, locations
    and functions (which are only in the columns): enough for :func:`report.top_table` with
    ``prepared=frames.prepare(profile, columns)``, at a fraction of the memory. With
    ``gunzipped`` the data is what :func:`decompressed` returned (not gunzipped again).
    """
    if data[:2] == _GZIP_MAGIC and not gunzipped:
        data = gunzip_capped(data, name=name, max_bytes=max_bytes)
    elif len(data) > max_bytes:
        raise ProfileFormatError(f"{name}: profile is larger than {max_bytes} bytes")
    if not data:
        raise NoProfileDataError(f"{name}: parsing profile: empty input file")
    unrecognized = ProfileFormatError(f"{name}: parsing profile: unrecognized profile format")
    try:
        raw = parse_raw(data)
        profile = _full_profile(data, raw) if full else header_profile(raw)
    except (DecodeError, RuntimeError, ValueError) as error:
        # pprof tries its legacy text parsers after a protobuf failure, hence its wording.
        raise unrecognized from error
    del data  # the raw parse holds copies of everything still needed
    try:
        columns = columns_from_raw(raw, len(profile.sample_type))
    except WireError:
        # Samples, locations or functions this reader cannot take apart: read them through
        # protobuf (which refuses them if they are not protobuf at all).
        try:
            whole = profile if full else header_profile(raw, bulk=True)
        except (DecodeError, RuntimeError, ValueError) as error:
            raise unrecognized from error
        columns = sample_columns(whole)
    times = time_nanos_occurrences(raw)
    del raw
    if any(previous != 0 for previous in times[:-1]):
        raise ProfileFormatError(f"{name}: parsing profile: concatenated profiles detected")
    if not _strings_resolve(profile, columns):
        raise unrecognized
    problem = _check_valid(profile, columns)
    if problem:
        raise ProfileFormatError(f"{name}: malformed profile: {problem}")
    if len(profile.sample_type) == 0:
        # pprof's report stage refuses these (driver.sampleFormat).
        raise NoProfileDataError(
            f"{name}: profile has no samples",
            hint="The profile declares no sample types; export it again from the source.",
        )
    return profile, columns


def _full_profile(data: bytes, raw: Any) -> profile_pb2.Profile:
    """Return the whole protobuf Profile (raises DecodeError if it is not one)."""
    profile = profile_pb2.Profile()
    try:
        profile.ParseFromString(data)
    except DecodeError:
        # The raw parse succeeded; if only strings are at fault (not UTF-8), this succeeds.
        return header_profile(raw, bulk=True)
    return profile


def read_bytes(path: Path, *, max_bytes: int = MAX_PROFILE_BYTES) -> bytes:
    """Return a profile file's bytes (a regular file of at most ``max_bytes``).

    A FIFO or a device would block or never end: only regular files are read.

    Raises:
        ProfileFormatError: the file cannot be read, is not a regular file, or is too large.
    """
    where = shown(path)
    try:
        with open(path, "rb", opener=_nonblocking) as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise ProfileFormatError(
                    f"{where}: not a regular file (a directory, a pipe or a device)",
                    hint="Check the path: give the pprof file itself.",
                )
            if info.st_size > max_bytes:
                raise ProfileFormatError(
                    f"{where}: the file is {info.st_size} bytes, more than {max_bytes}",
                    hint="The file is too large to analyse here; export a shorter time range.",
                )
            return stream.read()
    except IsADirectoryError:
        raise ProfileFormatError(
            f"{where}: not a regular file (a directory)",
            hint="Check the path: give the pprof file itself.",
        ) from None
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise ProfileFormatError(
            f"{where}: cannot read the file: {shown(reason, 80)}",
            hint="Check the path and that the file is readable.",
        ) from None


def _nonblocking(path: str, flags: int) -> int:
    # O_NONBLOCK: opening a FIFO must not wait for a writer (regular files ignore the flag).
    return os.open(path, flags | os.O_NONBLOCK)


def read_profile_file(
    path: Path, *, max_bytes: int = MAX_PROFILE_BYTES
) -> tuple[bytes, profile_pb2.Profile]:
    """Read a profile file and return its bytes and the decoded, validated profile.

    Raises:
        ProfileFormatError: the file cannot be read or pprof would refuse it.
    """
    data = read_bytes(path)
    return data, decode_profile(data, name=str(path), max_bytes=max_bytes)


def _strings_resolve(profile: profile_pb2.Profile, columns: SampleColumns) -> bool:
    """Return whether every string index pprof resolves is inside the string table."""
    table = profile.string_table
    size = len(table)
    if size == 0 or table[0] != "":
        # pprof requires string_table[0] == "" and always resolves period type and drop_frames.
        return False
    indices: list[int] = [
        profile.drop_frames,
        profile.keep_frames,
        profile.default_sample_type,
        profile.period_type.type,
        profile.period_type.unit,
    ]
    indices.extend(profile.comment)
    for value_type in profile.sample_type:
        indices.extend((value_type.type, value_type.unit))
    for mapping in profile.mapping:
        indices.extend((mapping.filename, mapping.build_id))
    if any(index < 0 or index >= size for index in indices):
        return False
    arrays = (
        columns.function_name,
        columns.function_system_name,
        columns.function_filename,
        columns.label_keys,
    )
    return not any(a.size and bool(((a < 0) | (a >= size)).any()) for a in arrays)


def _first_bad_id(ids: npt.NDArray[np.uint64]) -> tuple[int, bool]:
    """Return the position of the first zero or repeated ID (-1 if none) and whether it is 0."""
    if ids.size == 0:
        return -1, False
    zero = np.flatnonzero(ids == 0)
    order = np.argsort(ids, kind="stable")
    ordered = ids[order]
    repeats = order[1:][ordered[1:] == ordered[:-1]]
    first_zero = int(zero[0]) if zero.size else -1
    first_repeat = int(repeats.min()) if repeats.size else -1
    if first_zero >= 0 and (first_repeat < 0 or first_zero <= first_repeat):
        return first_zero, True
    return first_repeat, False


def _check_valid(profile: profile_pb2.Profile, columns: SampleColumns) -> str:
    """Return pprof's CheckValid complaint about the profile, or "" when it is valid."""
    width = len(profile.sample_type)
    samples = columns.value_counts.size
    if width == 0 and samples:
        return "missing sample type information"
    mismatched = np.flatnonzero(columns.value_counts != width)
    missing = np.flatnonzero(columns.stack_locations < 0)
    first_missing = (
        int(np.searchsorted(columns.offsets, missing[0], side="right")) - 1 if missing.size else -1
    )
    if mismatched.size and (first_missing < 0 or mismatched[0] <= first_missing):
        count = int(columns.value_counts[mismatched[0]])
        return f"mismatch: sample has {count} values vs. {width} types"
    if first_missing >= 0:
        return "sample has nil location"
    seen: set[int] = set()
    for mapping in profile.mapping:
        if mapping.id == 0:
            return "found mapping with reserved ID=0"
        if mapping.id in seen:
            return f"multiple mappings with same id: {mapping.id}"
        seen.add(mapping.id)
    bad, is_zero = _first_bad_id(columns.function_id)
    if bad >= 0:
        if is_zero:
            return "found function with reserved ID=0"
        return f"multiple functions with same id: {int(columns.function_id[bad])}"
    bad_location, is_zero = _first_bad_id(columns.location_id)
    known = np.isin(columns.line_function, columns.function_id) & (columns.line_function != 0)
    nil_lines = np.flatnonzero(~known)
    nil_location = int(columns.line_location[nil_lines].min()) if nil_lines.size else -1
    if bad_location >= 0 and (nil_location < 0 or bad_location <= nil_location):
        if is_zero:
            return "found location with reserved id=0"
        return f"multiple locations with same id: {int(columns.location_id[bad_location])}"
    if nil_location >= 0:
        location_id = int(columns.location_id[nil_location])
        return f"location id: {location_id} has a line with nil function"
    return ""
