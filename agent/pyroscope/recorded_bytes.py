"""A recording's answer from one stored profile's bytes, without the protobuf round trip.

A merge that matches one stored profile (the usual answer of a recording) keeps that file's
sample type and stamps the query range into it byte by byte
(:mod:`~profile_insights.agent.profiles.sample_type_bytes`), and keeps the decoded columns for
the graph, so a 1M-sample profile is decoded once, not three times.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from profile_insights.agent.errors import ProfileFormatError, RecordingError, shown
from profile_insights.agent.profiles.decode import read_bytes
from profile_insights.agent.profiles.decoded import (
    DecodedProfile,
    decoded_profile,
    digest_of,
    keep,
)
from profile_insights.agent.profiles.sample_type_bytes import keep_sample_type
from profile_insights.agent.pyroscope.recording import RecordedProfile, profile_path
from profile_insights.agent.pyroscope.timeparse import to_millis


def stored_answer(
    data: bytes, profile: RecordedProfile, start: datetime, end: datetime
) -> bytes | None:
    """Return the answer's bytes (empty when no sample has the type), or None to merge instead.

    Raises:
        ProfileFormatError: the stored bytes are not a profile pprof would read.
    """
    decoded = decoded_profile(data, name=profile.file, keep_it=False)
    names = decoded.sample_type_names
    if profile.sample_type is None and len(names) == 1:
        # A single-type file stands for the entry's type even when the SDK named the sample
        # type differently (old SDKs: "samples" for process_cpu).
        index = 0
    elif profile.selected_sample_type in names:
        index = names.index(profile.selected_sample_type)
    else:
        return None  # the protobuf path words the refusal
    if not decoded.columns.values[:, index].any():
        return b""  # no sample of this type: the answer to an empty window
    if decoded.source is None:  # pragma: no cover - decoded from bytes, always kept
        return None
    answer = keep_sample_type(
        decoded.source,
        decoded.header,
        decoded.columns,
        index,
        time_nanos=to_millis(end) * 1_000_000,
        duration_nanos=(to_millis(end) - to_millis(start)) * 1_000_000,
    )
    if answer is None:
        return None
    stamped, header, columns = answer
    keep(DecodedProfile(digest_of(stamped), header, columns, source=stamped))
    return stamped


def read_stored(directory: Path, profile: RecordedProfile) -> bytes:
    """Return a stored profile's bytes (read with the decoder's cap; empty files refused)."""
    data = read_bytes(profile_path(directory, profile.file))
    if not data:
        raise ProfileFormatError(f"{shown(profile.file)}: empty input file")
    return data


@contextmanager
def damaged(directory: Path, profile: RecordedProfile) -> Iterator[None]:
    """Name the recording's file and the fix when one of its profiles is refused."""
    try:
        yield
    except ProfileFormatError as error:
        # The generic hint ("is it a pprof file?") does not say which file broke.
        raise RecordingError(
            f"the recording at {shown(directory)} has a damaged profile: {error.message}",
            f"Replace {shown(profile.file)} (profile-insights recording add) or remove its "
            "entry from recording.json.",
        ) from error
