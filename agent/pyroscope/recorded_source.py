"""``RecordedSource``: answer queries from a recording on disk, as a Pyroscope server would.

No network at all. Relative times mean "relative to ``recorded_at``" (``live_clock=True`` uses the
real clock), so an agent asking for ``now-1h`` sees what the server showed at recording time. A
merge over ``[start, end]`` merges every profile of every matching series and type whose own
``[start, end]`` overlaps it, keeping only the requested sample type; no overlap gives the same
empty answer a live server gives, which is what lets the agent widen 1h -> 6h -> 24h.

``shift`` moves the whole recording in time: every recorded time (profiles, series points,
``recorded_at``) appears that much later. The replay server uses it so that a week-old
recording answers the clients' ``now-1h``, as if it had just been recorded.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.combine import (
    encode_pprof,
    has_samples,
    merge_profiles,
    sample_types,
    select_sample_type,
)
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.pyroscope.limits import (
    MAX_QUERY_LENGTH,
    check_profile_type_id,
    check_range,
)
from profile_insights.agent.pyroscope.recorded_bytes import damaged, read_stored, stored_answer
from profile_insights.agent.pyroscope.recording import (
    RECORDING_FILE,
    RecordedProfile,
    Recording,
    load_recording,
)
from profile_insights.agent.pyroscope.selector import parse_selector
from profile_insights.agent.pyroscope.source import (
    FlameGraphDiff,
    MergedProfile,
    ProfileQuery,
    ProfileType,
    Series,
    SeriesPoint,
    SeriesTotals,
    SourceKind,
    TimeRange,
)
from profile_insights.agent.pyroscope.timeparse import to_millis


def series_labels(labels: dict[str, str], profile_type: ProfileType) -> dict[str, str]:
    """Return the label set Pyroscope reports for a series of one profile type.

    The internal labels (``pkg/model/labels.go``) are derived from the profile type, as the
    server derives them at ingestion; recorded labels come after and never override them.
    """
    derived = {
        "__name__": profile_type.name,
        "__profile_type__": profile_type.id,
        "__type__": profile_type.sample_type,
        "__unit__": profile_type.sample_unit,
        "__period_type__": profile_type.period_type,
        "__period_unit__": profile_type.period_unit,
        "__service_name__": labels.get("service_name", ""),
    }
    return {**labels, **derived}


Clock = Literal["recorded", "now"]
"""How a replay serves time: as recorded, or shifted so that ``recorded_at`` is now."""


def clock_shift(recorded_at: datetime, clock: Clock, now: datetime) -> timedelta:
    """Return the shift that serves a recording made at ``recorded_at`` with ``clock``."""
    if clock == "recorded":
        return timedelta(0)
    return timedelta(seconds=round((now - recorded_at).total_seconds()))


def _step_shares(
    span: tuple[datetime, datetime], start: datetime, end: datetime, step: timedelta
) -> list[tuple[datetime, float]]:
    """Return (grid point, share of the profile's total) for each step ``(t - step, t]``.

    ``span`` is the time the profile covers, as the source shows it (shifted).
    """
    profile_start, profile_end = span
    last_point = start + step * ((end - start) // step)
    first, last = max(profile_start, start), min(profile_end, last_point)
    length = profile_end - profile_start
    if not length:
        bucket = start + step * -((start - profile_start) // step)  # first point at or after
        return [(bucket, 1.0)] if start <= profile_start and bucket <= last_point else []
    shares: list[tuple[datetime, float]] = []
    index = (first - start) // step + 1  # the first step ending after ``first``
    while start + step * (index - 1) < last:
        point = start + step * index
        overlap = min(last, point) - max(first, point - step)
        if overlap > timedelta(0):
            shares.append((point, overlap / length))
        index += 1
    return shares


class RecordedSource:
    """A :class:`ProfileSource` over a recording directory (re-read when it changes)."""

    kind: SourceKind = "recording"

    def __init__(
        self,
        directory: Path | str,
        *,
        live_clock: bool = False,
        max_query_length: timedelta | None = MAX_QUERY_LENGTH,
        shift: timedelta = timedelta(0),
    ) -> None:
        """Open and validate a recording.

        Args:
            directory: the recording directory (holding ``recording.json``).
            live_clock: make ``now()`` the real clock instead of ``recorded_at``.
            max_query_length: refuse longer ranges like a server (``None``: no limit).
            shift: how much later every recorded time appears (0: the recorded times).

        Raises:
            RecordingError: when the recording is missing or malformed.
        """
        self.directory = Path(directory)
        self.live_clock = live_clock
        self.max_query_length = max_query_length
        self.shift = shift
        self._lock = threading.Lock()
        self._stamp: tuple[int, int, int] | None = None
        self._recording: Recording | None = None
        self._profiles: dict[tuple[str, str], profile_pb2.Profile] = {}
        self.recording()

    def recording(self) -> Recording:
        """Return the recording, re-reading ``recording.json`` if it changed on disk."""
        with self._lock:
            stamp = self._file_stamp()
            if self._recording is None or stamp != self._stamp:
                self._recording = load_recording(self.directory)
                self._stamp = stamp
            return self._recording

    def now(self) -> datetime:
        """Return ``recorded_at``, shifted (or the live clock when asked for)."""
        return datetime.now(UTC) if self.live_clock else self.recording().recorded_at + self.shift

    def describe(self) -> str:
        """Return the recording path and when it was recorded."""
        recorded_at = self.recording().recorded_at.isoformat().replace("+00:00", "Z")
        return f"recording {self.directory} (recorded {recorded_at})"

    def span(self, profile: RecordedProfile) -> tuple[datetime, datetime]:
        """Return the time a recorded profile covers, as the source shows it (shifted)."""
        return profile.start + self.shift, profile.end + self.shift

    def _overlaps(self, profile: RecordedProfile, start: datetime, end: datetime) -> bool:
        first, last = self.span(profile)
        return first <= end and last >= start

    def profile_types(self, start: datetime, end: datetime) -> list[ProfileType]:
        """List the profile types with a profile overlapping the range."""
        found = {
            profile.profile_type
            for series in self.recording().series
            for profile in series.profiles
            if self._overlaps(profile, start, end)
        }
        return [ProfileType.parse(profile_type) for profile_type in sorted(found)]

    def series(
        self,
        selector: str,
        label_names: Sequence[str],
        start: datetime,
        end: datetime,
    ) -> list[Series]:
        """Return the distinct label sets (projected on ``label_names`` if given) that match.

        Raises:
            InvalidQueryError: when the selector cannot be parsed.
            QueryRangeError: when the range is longer than the server limit.
        """
        parsed = parse_selector(selector)
        check_range(start, end, self.max_query_length)
        seen: set[tuple[tuple[str, str], ...]] = set()
        answer: list[Series] = []
        for recorded in self.recording().series:
            types = sorted(
                {p.profile_type for p in recorded.profiles if self._overlaps(p, start, end)}
            )
            for profile_type in types:
                labels = series_labels(recorded.labels, ProfileType.parse(profile_type))
                if not parsed.matches(labels):
                    continue
                if label_names:
                    labels = {k: labels[k] for k in label_names if k in labels}
                key = tuple(sorted(labels.items()))
                if key not in seen:
                    seen.add(key)
                    answer.append(Series(labels=dict(key)))
        answer.sort(key=lambda series: sorted(series.labels.items()))
        return answer

    def merge_profile(
        self, selector: str, profile_type: str, start: datetime, end: datetime
    ) -> MergedProfile:
        """Merge every matching profile overlapping the range; empty when none does.

        Raises:
            InvalidQueryError: when the selector or the profile type ID is malformed.
            QueryRangeError: when the range is longer than the server limit.
            ProfileFormatError: when a recorded file is not a usable pprof profile.
        """
        profiles = self._matching(selector, profile_type, start, end)
        data = self._merged_bytes(profiles, start, end)
        spans = [self.span(profile) for profile in profiles]
        return MergedProfile(
            selector=selector,
            profile_type=profile_type,
            start=start,
            end=end,
            data=data,
            empty=not data,
            # Whole profiles are merged: their own span is the time the samples come from.
            covered=None
            if not data
            else TimeRange(start=min(a for a, _ in spans), end=max(b for _, b in spans)),
        )

    def merge_bytes(
        self, selector: str, profile_type: str, start: datetime, end: datetime
    ) -> bytes:
        """Return the merged profile's encoded bytes (no bytes when no sample matched).

        One stored profile (the usual answer of a recording) is answered from its bytes
        (:mod:`recorded_bytes`), so a 1M-sample profile is read once. Several are merged as
        Pyroscope merges them.
        """
        return self._merged_bytes(self._matching(selector, profile_type, start, end), start, end)

    def _merged_bytes(
        self, profiles: list[RecordedProfile], start: datetime, end: datetime
    ) -> bytes:
        if len(profiles) == 1:
            with damaged(self.directory, profiles[0]):
                answered = stored_answer(
                    read_stored(self.directory, profiles[0]), profiles[0], start, end
                )
            if answered is not None:
                return answered
        merged = self._merged(profiles, start, end)
        return encode_pprof(merged) if has_samples(merged) else b""

    def _matching(
        self, selector: str, profile_type: str, start: datetime, end: datetime
    ) -> list[RecordedProfile]:
        parsed = parse_selector(selector)
        wanted = check_profile_type_id(profile_type)
        check_range(start, end, self.max_query_length)
        return [
            profile
            for recorded in self.recording().series
            if parsed.matches(series_labels(recorded.labels, wanted))
            for profile in recorded.profiles
            if profile.profile_type == wanted.id and self._overlaps(profile, start, end)
        ]

    def merge_to_profile(
        self, selector: str, profile_type: str, start: datetime, end: datetime
    ) -> profile_pb2.Profile:
        """Return the merged profile itself (the replay server serializes it per codec)."""
        return self._merged(self._matching(selector, profile_type, start, end), start, end)

    def _merged(
        self, profiles: list[RecordedProfile], start: datetime, end: datetime
    ) -> profile_pb2.Profile:
        merged = merge_profiles([self._selected(profile) for profile in profiles])
        if merged.sample_type:
            # Pyroscope's querier stamps every merged answer with the query range
            # (DurationNanos = end - start, TimeNanos = end), whatever the stored profiles say.
            merged.duration_nanos = (to_millis(end) - to_millis(start)) * 1_000_000
            merged.time_nanos = to_millis(end) * 1_000_000
        return merged

    def label_names(self, selector: str, start: datetime, end: datetime) -> list[str]:
        """Return the sorted label names of the matching series (internal ones included).

        Raises:
            InvalidQueryError: when the selector cannot be parsed.
            QueryRangeError: when the range is longer than the server limit.
        """
        names = {name for series in self.series(selector, [], start, end) for name in series.labels}
        return sorted(names)

    def diff(self, left: ProfileQuery, right: ProfileQuery) -> FlameGraphDiff | None:
        """Return None: a recording has no server to diff with (compare the two merges)."""
        return None

    def select_series(
        self,
        selector: str,
        profile_type: str,
        start: datetime,
        end: datetime,
        *,
        group_by: Sequence[str],
        step: timedelta,
        limit: int | None = None,
        average: bool = False,
    ) -> list[SeriesTotals]:
        """Return the profile type's totals over time, one series per ``group_by`` label set.

        Points sit on the grid ``start + k * step`` up to ``end`` and, as in Pyroscope's
        ``RangeSeries``, each holds what was pushed in the step ending at it, ``(t - step, t]``
        (a step that does not divide the range loses its tail, as on a server). A recorded
        profile stands for pushes spread evenly over its own ``[start, end]``: its total is
        shared among the steps in proportion to their overlap with it, and only its part inside
        the range counts (a profile of no length counts whole at the first grid point at or
        after it). So a range answered in parts (a client splitting a range longer than the
        server allows, or profilecli's one ``query top`` per step) adds up to the same totals.
        With ``average`` a point is the mean of those shares. Any range length is answered; the
        replay server applies the server's limit itself.

        Raises:
            InvalidQueryError: when the selector or the profile type ID is malformed, or the
                range ends before it starts.
        """
        parsed = parse_selector(selector)
        wanted = check_profile_type_id(profile_type)
        check_range(start, end, None)
        step = max(step, timedelta(seconds=1))
        sums: dict[tuple[tuple[str, str], ...], dict[datetime, list[float]]] = {}
        for recorded in self.recording().series:
            labels = series_labels(recorded.labels, wanted)
            if not parsed.matches(labels):
                continue
            group = tuple((name, labels[name]) for name in group_by if name in labels)
            for profile in recorded.profiles:
                if profile.profile_type != wanted.id or not self._overlaps(profile, start, end):
                    continue
                total = float(sum(s.value[0] for s in self._selected(profile).sample))
                for bucket, share in _step_shares(self.span(profile), start, end, step):
                    sums.setdefault(group, {}).setdefault(bucket, []).append(total * share)
        result = [
            SeriesTotals(
                labels=dict(group),
                points=[
                    SeriesPoint(
                        timestamp=moment, value=sum(parts) / len(parts) if average else sum(parts)
                    )
                    for moment, parts in sorted(points.items())
                ],
            )
            for group, points in sorted(sums.items())
        ]
        if limit is not None and limit > 0:
            result = sorted(result, key=lambda series: -series.total)[:limit]
        return result

    def _selected(self, profile: RecordedProfile) -> profile_pb2.Profile:
        key = (profile.file, profile.selected_sample_type)
        cached = self._profiles.get(key)
        if cached is None:
            with damaged(self.directory, profile):
                decoded = decode_profile(read_stored(self.directory, profile), name=profile.file)
                if profile.sample_type is None and len(decoded.sample_type) == 1:
                    # A single-type file stands for the entry's type even when the SDK named
                    # the sample type differently (old SDKs: "samples" for process_cpu).
                    cached = select_sample_type(decoded, sample_types(decoded)[0][0])
                else:
                    cached = select_sample_type(decoded, profile.selected_sample_type)
            self._profiles[key] = cached
        return cached

    def _file_stamp(self) -> tuple[int, int, int] | None:
        # recording.json is replaced atomically on every write, so a new inode means new content.
        try:
            stat = (self.directory / RECORDING_FILE).stat()
        except OSError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)
