"""Hostile inputs written into a case's sandbox: broken profiles, bombs, recordings, checkouts.

Everything starts from the project's own demo profile (``agent/demo/recording``) or a profile
of ../shared read in place; only mutated copies are written, and only under the sandbox.
"""

from __future__ import annotations

import gzip
import json
import shutil
import zlib
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from profile_insights.agent.profiles import profile_pb2
from tests.conftest import REPO_ROOT

DEMO_RECORDING = REPO_ROOT / "agent/demo/recording"
DEMO_PROFILE = DEMO_RECORDING / "profiles/checkout-cpu-0.pb.gz"
DEMO_SERVICE = REPO_ROOT / "agent/demo/service"
#: A recording of two services: ``ask`` without a service named stops at a question.
TWO_SERVICES = REPO_ROOT / "evals/cases/traj-two-services/recording"
CPU = "process_cpu:cpu:nanoseconds:cpu:nanoseconds"
QUESTION = "Why is checkout slow?"


@cache
def _demo_bytes() -> bytes:
    return gzip.decompress(DEMO_PROFILE.read_bytes())


def demo_profile() -> profile_pb2.Profile:
    """Return a fresh copy of the demo CPU profile (853 samples, Go)."""
    profile = profile_pb2.Profile()
    profile.ParseFromString(_demo_bytes())
    return profile


def encoded(profile: profile_pb2.Profile, *, gz: bool = True) -> bytes:
    """Return the profile's bytes, gzip'd by default."""
    raw = profile.SerializeToString()
    return gzip.compress(raw, mtime=0) if gz else raw


def mutated(change: Callable[[profile_pb2.Profile], None]) -> bytes:
    """Return the gzip'd demo profile after ``change`` was applied to it."""
    profile = demo_profile()
    change(profile)
    return encoded(profile)


def with_file_name(name: str) -> bytes:
    """Return the demo profile with every function's file name replaced by ``name``."""

    def change(profile: profile_pb2.Profile) -> None:
        profile.string_table.append(name)
        for function in profile.function:
            function.filename = len(profile.string_table) - 1

    return mutated(change)


#: A function name that is rich markup, an emoji code and a terminal escape at once.
MARKUP_NAME = "[/bold]evil[red]x:fire:\x1b[31m"
#: That name as it must print: as text (readable names may elide a bracket's content as [...]).
MARKUP_SHOWN = r"\[/bold\]evil\[(red|\.\.\.)\]x:fire:"


def with_function_name(name: str) -> bytes:
    """Return the demo profile with its hottest function (validCoupon) renamed ``name``."""

    def change(profile: profile_pb2.Profile) -> None:
        for function in profile.function:
            if "validCoupon" in profile.string_table[function.name]:
                profile.string_table.append(name)
                function.name = len(profile.string_table) - 1

    return mutated(change)


def _location_zero(profile: profile_pb2.Profile) -> None:
    old = profile.location[0].id
    profile.location[0].id = 0
    for sample in profile.sample:
        sample.location_id[:] = [0 if lid == old else lid for lid in sample.location_id]


def _function_zero(profile: profile_pb2.Profile) -> None:
    old = profile.function[0].id
    profile.function[0].id = 0
    for location in profile.location:
        for line in location.line:
            if line.function_id == old:
                line.function_id = 0


def _string_out_of_range(profile: profile_pb2.Profile) -> None:
    profile.function[0].name = len(profile.string_table) + 10


def _unknown_location(profile: profile_pb2.Profile) -> None:
    profile.sample[0].location_id[0] = 999_999


def _too_many_values(profile: profile_pb2.Profile) -> None:
    profile.sample[0].value.append(7)


def _no_sample_types(profile: profile_pb2.Profile) -> None:
    del profile.sample_type[:]
    del profile.sample[:]


def _duplicate_function(profile: profile_pb2.Profile) -> None:
    profile.function[1].id = profile.function[0].id


def _mapping_zero(profile: profile_pb2.Profile) -> None:
    profile.mapping[0].id = 0


def _all_zero(profile: profile_pb2.Profile) -> None:
    for sample in profile.sample:
        sample.value[:] = [0] * len(sample.value)


#: Profiles pprof refuses, by name: (bytes, the reason pprof gives).
MALFORMED: dict[str, tuple[Callable[[], bytes], str]] = {
    "location-id-0": (lambda: mutated(_location_zero), "reserved id=0"),
    "function-id-0": (lambda: mutated(_function_zero), "reserved ID=0"),
    "mapping-id-0": (lambda: mutated(_mapping_zero), "mapping with reserved ID=0"),
    "duplicate-function": (lambda: mutated(_duplicate_function), "multiple functions"),
    "concatenated": (
        lambda: gzip.compress(_demo_bytes() + _demo_bytes(), mtime=0),
        "concatenated profiles",
    ),
    "string-index-out-of-range": (
        lambda: mutated(_string_out_of_range),
        "unrecognized profile format",
    ),
    "unknown-location": (lambda: mutated(_unknown_location), "nil location"),
    "value-count-mismatch": (lambda: mutated(_too_many_values), "mismatch"),
    "truncated-gzip": (lambda: DEMO_PROFILE.read_bytes()[:2000], "unexpected EOF"),
    "not-a-profile": (lambda: b"hello, I am a text file\n" * 40, "unrecognized profile format"),
    "garbage-after-gzip": (
        lambda: DEMO_PROFILE.read_bytes() + b"trailing junk",
        "invalid header",
    ),
}


def all_zero_profile() -> bytes:
    """Return the demo profile with every value zero (a window without data)."""
    return mutated(_all_zero)


def no_sample_types_profile() -> bytes:
    """Return the demo profile stripped of its sample types and samples."""
    return mutated(_no_sample_types)


@cache
def gzip_bomb(decompressed: int, *, level: int = 9) -> bytes:
    """Return gzip'd zeros that decompress to ``decompressed`` bytes (about 1000:1)."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, 31)
    chunk = bytes(1 << 20)
    parts = [compressor.compress(chunk) for _ in range(decompressed >> 20)]
    parts.append(compressor.compress(bytes(decompressed & ((1 << 20) - 1))))
    parts.append(compressor.flush())
    return b"".join(parts)


def write(path: Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` (parents created) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


#: What a file outside the checkout and the recording holds: it must never be shown.
OUTSIDE_TEXT = "OUTSIDE-FILE-CONTENT"


def outside_file(root: Path) -> Path:
    """Write a source file outside every checkout and recording under ``root``, return it.

    Cases that name a file outside (``../..`` or an absolute path) name this one, never a
    system file: the promise is that it is neither read nor shown.
    """
    return write(root / "outside/pricing.go", f"// {OUTSIDE_TEXT}\n" * 80)


def climbing_to(path: Path) -> str:
    """Return a relative name that climbs (``../``) from any directory up to ``path``."""
    return "../" * 40 + str(path).lstrip("/")


def entry(file: str, *, profile_type: str = CPU, **extra: Any) -> dict[str, Any]:
    """Return one recording.json profile entry (11:05-11:55 of the recording's day)."""
    return {
        "profile_type": profile_type,
        "file": file,
        "start": "2026-11-25T11:05:00Z",
        "end": "2026-11-25T11:55:00Z",
        **extra,
    }


def recording(
    directory: Path,
    profiles: dict[str, bytes] | None = None,
    *,
    entries: Sequence[dict[str, Any]] | None = None,
    document: Any = None,
) -> Path:
    """Write a recording: profile files, and a recording.json listing them (or ``document``)."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, data in (profiles or {}).items():
        write(directory / name, data)
    if document is None:
        listed = entries if entries is not None else [entry(name) for name in profiles or {}]
        document = {
            "format": "profile-insights-recording",
            "version": 1,
            "recorded_at": "2026-11-25T12:00:00Z",
            "series": [
                {
                    "labels": {"service_name": "checkout"},
                    "profiles": list(listed),
                }
            ],
        }
    text = document if isinstance(document, str) else json.dumps(document)
    write(directory / "recording.json", text)
    return directory


def recording_of(directory: Path, data: bytes) -> Path:
    """Write a one-profile recording of ``data`` for the checkout service."""
    return recording(directory, {"profiles/checkout-cpu.pb.gz": data})


def checkout(directory: Path) -> Path:
    """Copy the demo service's checkout into ``directory`` and return it."""
    shutil.copytree(DEMO_SERVICE, directory)
    return directory
