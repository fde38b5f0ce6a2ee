"""The recording format: a directory with ``recording.json`` and the pprof files it names.

A recording replays what a Pyroscope server answered (or what an application pushed) with no
network. ``recording.json`` is versioned (docs/recordings.md): a reader accepts every version up
to :data:`RECORDING_VERSION` and refuses newer ones with a clear message; fields added later
that older readers may safely ignore do not bump the version. Writes go through
:class:`RecordingStore`, which serializes writers (threads, and processes with
:mod:`recording_lock`) and replaces ``recording.json`` atomically, so a reader never sees half a
file. Secrets never enter a recording: it holds labels, times and profiles only.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from profile_insights.agent.errors import RecordingError, shown
from profile_insights.agent.profiles.combine import encode_pprof
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.pyroscope.recording_lock import sole_writer
from profile_insights.agent.pyroscope.source import ProfileType

RECORDING_FORMAT = "profile-insights-recording"
RECORDING_VERSION = 1
RECORDING_FILE = "recording.json"
PROFILES_DIR = "profiles"


class RecordedProfile(BaseModel):
    """One stored profile of a series: its type, file (relative to the recording) and range."""

    model_config = ConfigDict(extra="ignore")

    profile_type: str = Field(description="Pyroscope profile type ID, five colon-separated parts.")
    file: str = Field(description="Path of the pprof file, relative to the recording directory.")
    start: datetime
    end: datetime
    sample_type: str | None = Field(
        default=None,
        description="Which sample type of a multi-type pprof file this entry stands for; "
        "defaults to the profile type's second part.",
    )

    @field_validator("profile_type")
    @classmethod
    def _check_profile_type(cls, value: str) -> str:
        ProfileType.parse(value)
        return value

    @field_validator("start", "end")
    @classmethod
    def _check_aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("times need a timezone, e.g. 2026-11-25T11:05:00Z")
        return value.astimezone(UTC)

    @property
    def selected_sample_type(self) -> str:
        """Return the sample type to keep from the file."""
        return self.sample_type or ProfileType.parse(self.profile_type).sample_type


class RecordedSeries(BaseModel):
    """A series: its labels (``service_name`` required) and the profiles recorded for it."""

    model_config = ConfigDict(extra="ignore")

    labels: dict[str, str]
    profiles: list[RecordedProfile] = Field(default_factory=list)

    @field_validator("labels")
    @classmethod
    def _check_labels(cls, value: dict[str, str]) -> dict[str, str]:
        if not value.get("service_name"):
            raise ValueError("every series needs a service_name label")
        return value


class Recording(BaseModel):
    """The content of ``recording.json``."""

    model_config = ConfigDict(extra="ignore")

    format: Literal["profile-insights-recording"] = "profile-insights-recording"
    version: int = RECORDING_VERSION
    recorded_at: datetime
    series: list[RecordedSeries] = Field(default_factory=list)

    @field_validator("recorded_at")
    @classmethod
    def _check_aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("recorded_at needs a timezone, e.g. 2026-11-25T12:00:00Z")
        return value.astimezone(UTC)


def load_recording(directory: Path) -> Recording:
    """Read and validate ``DIR/recording.json``, checking that every named file is inside DIR.

    Raises:
        RecordingError: when the file is missing or malformed, the format is unknown, the
            version is newer than this reader, or a profile path escapes the directory.
    """
    path = Path(directory) / RECORDING_FILE
    try:
        present = path.is_file()
    except (OSError, ValueError) as error:
        raise RecordingError(
            f"no recording can be at {shown(directory)}: {_reason(error)}",
            "Give the path of a recording directory (profile-insights recording add or record "
            "creates one).",
        ) from None
    if not present:
        raise RecordingError(f"no recording at {shown(directory)}: {RECORDING_FILE} is missing")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        reason = "nested too deeply" if isinstance(error, RecursionError) else _reason(error)
        raise RecordingError(f"{shown(path)} is not valid JSON: {shown(reason)}") from None
    if not isinstance(raw, dict) or raw.get("format") != RECORDING_FORMAT:
        found = raw.get("format") if isinstance(raw, dict) else type(raw).__name__
        raise RecordingError(
            f"{shown(path)} is not a profile-insights recording (format: {shown(repr(found))})",
            f'A recording.json starts with {{"format": "{RECORDING_FORMAT}", "version": 1, ...}}.',
        )
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise RecordingError(
            f"{shown(path)} has no valid version number (found {shown(repr(version))})"
        )
    if version > RECORDING_VERSION:
        raise RecordingError(
            f"{shown(path)} is recording format version {shown(version, 40)}; this "
            "profile-insights reads "
            f"versions up to {RECORDING_VERSION}",
            "Upgrade profile-insights to read this recording.",
        )
    try:
        recording = Recording.model_validate(raw)
    except ValidationError as error:
        raise RecordingError(f"{shown(path)} is malformed: {_first_problem(error)}") from None
    for series in recording.series:
        for profile in series.profiles:
            profile_path(Path(directory), profile.file)
    return recording


def profile_path(directory: Path, relative: str) -> Path:
    """Return the absolute path of a recording's profile file, refusing paths outside it.

    Raises:
        RecordingError: when the path is absolute, escapes the directory or does not exist.
    """
    where = f"the recording at {shown(directory)}"
    try:
        root = Path(directory).resolve()
        candidate = Path(relative)
        resolved = (root / candidate).resolve()
        outside = candidate.is_absolute() or not resolved.is_relative_to(root)
        exists = not outside and resolved.exists()
        regular = exists and resolved.is_file()
    except (OSError, ValueError) as error:
        raise RecordingError(
            f"{where} names a profile file that cannot exist ({_reason(error)}): {shown(relative)}",
            "Fix that entry's file in recording.json, or add the profile again with "
            "profile-insights recording add.",
        ) from None
    if outside:
        raise RecordingError(
            f"{where} names a profile file outside its directory: {shown(relative)}",
            "Profile paths in recording.json must be relative and stay inside the recording.",
        )
    if not exists:
        raise RecordingError(f"{where} names a missing file: {shown(relative)}")
    if not regular:
        raise RecordingError(
            f"{where} names something that is not a regular file: {shown(relative)}",
            "Replace it with the pprof file, or remove its entry from recording.json.",
        )
    return resolved


class RecordingStore:
    """Creates and extends a recording directory; safe from several threads and processes."""

    _locks: dict[Path, threading.Lock] = {}
    _locks_guard = threading.Lock()

    def __init__(self, directory: Path) -> None:
        """Remember the directory (it is created on the first write)."""
        self.directory = Path(directory)
        try:
            key = self.directory.resolve()
        except (OSError, ValueError):  # a path no file system holds: refused on first use
            key = self.directory.absolute()
        with self._locks_guard:
            self._lock = self._locks.setdefault(key, threading.Lock())

    def exists(self) -> bool:
        """Return whether the directory already holds a ``recording.json``.

        Raises:
            RecordingError: the path cannot exist on this machine (too long, a NUL byte).
        """
        try:
            return (self.directory / RECORDING_FILE).is_file()
        except (OSError, ValueError) as error:
            raise RecordingError(
                f"no recording can be at {shown(self.directory)}: {_reason(error)}",
                "Choose a shorter path for the recording directory.",
            ) from None

    def load(self) -> Recording:
        """Return the validated recording (see :func:`load_recording`)."""
        return load_recording(self.directory)

    def add_profile(
        self,
        labels: Mapping[str, str],
        profile_type: str,
        data: bytes,
        start: datetime,
        end: datetime,
        sample_type: str | None = None,
        recorded_at: datetime | None = None,
    ) -> RecordedProfile:
        """Store a pprof file and list it under the series with exactly these labels.

        Args:
            labels: series labels; ``service_name`` is required. Labels starting with ``__``
                are Pyroscope-internal and derived from the profile type, so they are dropped.
            profile_type: the profile type ID the file stands for.
            data: pprof bytes, gzip'd or raw (stored gzip'd).
            start: start of the time the profile covers.
            end: end of that time.
            sample_type: the sample type to use from a multi-type file, if not field 2 of the ID.
            recorded_at: ``recorded_at`` of a new recording (default: the live clock).

        Raises:
            RecordingError: when the labels or profile type are not acceptable.
            ProfileFormatError: when ``data`` is not a pprof profile.
        """
        entries = self.add_profiles(
            labels, [(profile_type, sample_type)], data, start, end, recorded_at
        )
        return entries[0]

    def add_profiles(
        self,
        labels: Mapping[str, str],
        types: Sequence[tuple[str, str | None]],
        data: bytes,
        start: datetime,
        end: datetime,
        recorded_at: datetime | None = None,
        advance_recorded_at: bool = False,
    ) -> list[RecordedProfile]:
        """Store one pprof file listed once per ``(profile type, sample type)`` pair.

        A multi-type file (Go heap: four sample types) is stored once and named by several
        entries, each picking its sample type. See :meth:`add_profile` for the other arguments;
        ``advance_recorded_at`` moves ``recorded_at`` forward to ``recorded_at`` (or now) when
        it is later, as a recording that keeps receiving pushes is "recorded" at the last one.

        Raises:
            RecordingError: when the labels or a profile type are not acceptable, or the
                directory cannot be written.
            ProfileFormatError: when ``data`` is not a pprof profile.
        """
        kept = {k: v for k, v in labels.items() if not k.startswith("__")}
        if not kept.get("service_name"):
            raise RecordingError(
                "a recorded series needs a service_name label",
                "Pass --label service_name=NAME.",
            )
        if not types:
            raise RecordingError("no profile type given for the profile to record")
        for profile_type, _ in types:
            try:
                ProfileType.parse(profile_type)
            except ValueError as error:
                raise RecordingError(
                    str(error), "Use an ID such as process_cpu:cpu:nanoseconds:cpu:nanoseconds."
                ) from None
        profile = decode_profile(data, name="profile to record")
        self.exists()  # a path that cannot exist is named as such, before anything is created
        with self._lock, sole_writer(self.directory):
            if self.exists():
                recording = self.load()
            else:
                recording = Recording(recorded_at=recorded_at or datetime.now(UTC))
            if advance_recorded_at:
                latest = recorded_at or datetime.now(UTC)
                recording.recorded_at = max(recording.recorded_at, latest)
            try:
                self.directory.joinpath(PROFILES_DIR).mkdir(parents=True, exist_ok=True)
                relative = self._new_file_name(kept["service_name"], types[0][0])
                _write_atomically(self.directory / relative, encode_pprof(profile, compress=True))
                entries = [
                    RecordedProfile(
                        profile_type=profile_type,
                        file=relative,
                        start=start,
                        end=end,
                        sample_type=sample_type,
                    )
                    for profile_type, sample_type in types
                ]
                series = next((s for s in recording.series if s.labels == kept), None)
                if series is None:
                    series = RecordedSeries(labels=dict(sorted(kept.items())))
                    recording.series.append(series)
                series.profiles.extend(entries)
                self.save(recording)
            except OSError as error:
                raise _unwritable(self.directory, error) from error
        return entries

    def save(self, recording: Recording) -> None:
        """Write ``recording.json`` atomically (temporary file, then rename).

        Raises:
            RecordingError: when the directory cannot be written.
        """
        text = json.dumps(recording.model_dump(mode="json"), indent=2) + "\n"
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            _write_atomically(self.directory / RECORDING_FILE, text.encode("utf-8"))
        except OSError as error:
            raise _unwritable(self.directory, error) from error

    def _new_file_name(self, service_name: str, profile_type: str) -> str:
        stem = f"{_slug(service_name)}-{_slug(ProfileType.parse(profile_type).name)}"
        index = 1
        while (self.directory / PROFILES_DIR / f"{stem}-{index}.pb.gz").exists():
            index += 1
        return f"{PROFILES_DIR}/{stem}-{index}.pb.gz"


def _unwritable(directory: Path, error: OSError) -> RecordingError:
    """Return the error for a read-only place, a full disk or a parent that is a file."""
    return RecordingError(
        f"cannot write the recording at {directory}: {error.strerror or error}",
        "Choose a directory you can write to.",
    )


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("._") or "profile"


def _first_problem(error: ValidationError) -> str:
    problem = error.errors()[0]
    where = ".".join(str(part) for part in problem["loc"])
    text = f"{where}: {problem['msg']}" if where else str(problem["msg"])
    return shown(text, 300)


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower() if error.errno else error.strerror
    if isinstance(error, ValueError) and "null" in str(error):
        return "it holds a NUL byte"
    return str(error)
