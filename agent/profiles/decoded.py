"""Each fetched profile decoded once: decoded profiles kept by the digest of their bytes.

A merged profile is decoded when its source checks that it has samples, and again would be by
the table, the source mapping and the HTML flame graph. They all ask here instead: the bytes'
SHA-256 names the decoded profile, a few of which are kept in memory (a resumed thread in a new
process decodes its cached file once). Decoding goes through
:func:`decode.decode_profile_with_columns`, the one reader ``top`` uses too, which validates like
pprof (reserved ids, concatenated profiles, indices out of range) and caps the decompressed size:
every profile the graph analyses passes the same checks, wherever it came from.

Like ``top``, a decoded profile keeps its samples, locations and functions as numpy columns and
its other fields as a small protobuf header; the whole protobuf message (ten times the memory
for a large profile) is built only when asked for (the HTML flame graph).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from profile_insights.agent.errors import NoProfileDataError, ProfileFormatError, shown
from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.columns import SampleColumns, sample_columns
from profile_insights.agent.profiles.decode import (
    decode_profile_with_columns,
    decompressed,
    read_bytes,
)
from profile_insights.agent.profiles.frames import PreparedProfile, prepare

#: Decoded profiles kept in memory (a question uses one or two: a window and its baseline).
KEEP = 4


def digest_of(data: bytes) -> str:
    """Return the SHA-256 of a profile's bytes, as the state and the file cache name it."""
    return hashlib.sha256(data).hexdigest()


@dataclass(eq=False)
class DecodedProfile:
    """A validated profile: its header and sample columns, its stacks prepared on first use."""

    digest: str
    header: profile_pb2.Profile
    """Every field but samples, locations and functions (those are in ``columns``)."""
    columns: SampleColumns
    source: bytes | None = field(default=None, repr=False)
    """The (decompressed) bytes it was decoded from, for :attr:`profile`."""
    whole: profile_pb2.Profile | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @cached_property
    def prepared(self) -> PreparedProfile:
        """Return the profile after pprof's name rewriting and pruning."""
        with self._lock:
            return prepare(self.header, self.columns)

    @property
    def profile(self) -> profile_pb2.Profile:
        """Return the whole protobuf message (decoded again from the bytes on first use)."""
        with self._lock:
            if self.whole is None:
                if self.source is None:  # pragma: no cover - built in memory with ``whole``
                    raise ProfileFormatError("the decoded profile kept no bytes to read it from")
                self.whole, _ = decode_profile_with_columns(
                    self.source, name=self.digest[:12], gunzipped=True
                )
            return self.whole

    @cached_property
    def sample_type_names(self) -> list[str]:
        """Return the names of the profile's sample types, in order."""
        strings = self.header.string_table
        return [strings[value_type.type] for value_type in self.header.sample_type]

    def sample_index(self, sample_type: str) -> str | None:
        """Return ``sample_type`` when the profile has it, else None (pprof's default then)."""
        return sample_type if sample_type in self.sample_type_names else None

    @cached_property
    def has_samples(self) -> bool:
        """Return whether any sample has a non-zero value (what "not empty" means to a query)."""
        return bool(self.columns.values.size and self.columns.values.any())


_kept: OrderedDict[str, DecodedProfile] = OrderedDict()
_kept_lock = threading.Lock()


def keep(decoded: DecodedProfile) -> DecodedProfile:
    """Keep a decoded profile under its digest (the oldest beyond :data:`KEEP` are dropped)."""
    with _kept_lock:
        _kept[decoded.digest] = decoded
        _kept.move_to_end(decoded.digest)
        while len(_kept) > KEEP:
            _kept.popitem(last=False)
    return decoded


def _found(digest: str) -> DecodedProfile | None:
    with _kept_lock:
        found = _kept.get(digest)
        if found is not None:
            _kept.move_to_end(digest)
        return found


def kept(digest: str) -> DecodedProfile | None:
    """Return the decoded profile of ``digest`` if this process has it, without reading a file."""
    return _found(digest)


def decoded_profile(
    data: bytes, *, name: str, digest: str | None = None, keep_it: bool = True
) -> DecodedProfile:
    """Return the decoded profile of ``data``, decoding it only the first time.

    With ``keep_it=False`` the result is not kept for later callers (a stored profile read only
    to derive the answer that is kept: keeping both would hold a large profile twice).

    Raises:
        ProfileFormatError: pprof would refuse the data (the message gives pprof's reason).
    """
    digest = digest or digest_of(data)
    found = _found(digest)
    if found is not None:
        return found
    raw = decompressed(data, name=name)
    header, columns = decode_profile_with_columns(raw, name=name, full=False, gunzipped=True)
    decoded = DecodedProfile(digest=digest, header=header, columns=columns, source=raw)
    return keep(decoded) if keep_it else decoded


def decoded_file(path: Path, *, digest: str | None = None) -> DecodedProfile:
    """Return the decoded profile cached in ``path`` (read only when not already decoded).

    Raises:
        ProfileFormatError: the file cannot be read, is not the profile ``digest`` names, or
            pprof would refuse it.
    """
    if digest is not None:
        found = _found(digest)
        if found is not None:
            return found
    data = read_bytes(path)
    actual = digest_of(data)
    if digest is not None and actual != digest:
        raise ProfileFormatError(
            f"{shown(path)}: the cached profile is not the one this thread fetched "
            "(digest mismatch)",
            hint="Delete the file and ask again: the profile is fetched anew.",
        )
    return decoded_profile(data, name=path.name, digest=actual)


def answer_is_empty(data: bytes, *, name: str) -> bool:
    """Return whether a merge answer holds no samples (decoding it once for what comes next).

    Servers answer a window without data with no bytes, a profile without sample types, or a
    profile whose samples are all zero; anything else pprof would refuse is an error.

    Raises:
        ProfileFormatError: the bytes are not a profile pprof would accept.
    """
    if not data:
        return True
    try:
        return not decoded_profile(data, name=name).has_samples
    except NoProfileDataError:
        return True


def remember(data: bytes, profile: profile_pb2.Profile) -> DecodedProfile:
    """Keep a profile built in memory (a merge) under the digest of its encoded ``data``."""
    columns = sample_columns(profile)
    return keep(DecodedProfile(digest_of(data), profile, columns, source=data, whole=profile))
