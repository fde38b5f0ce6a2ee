"""One writer at a time per recording, across processes: a lock file beside ``recording.json``.

A write reads ``recording.json``, adds to it and replaces it. Threads of one process take turns
on :class:`~profile_insights.agent.pyroscope.recording.RecordingStore`'s lock; processes (a
script running ``recording add`` in parallel, ``serve`` taking pushes beside it) would each
replace the others' additions, and could pick one file name: 8 concurrent ``recording add``
kept 4 profiles. An advisory ``flock`` serializes them; the kernel drops the lock of a process
that is killed, so a crashed writer never blocks the next.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from profile_insights.agent.errors import RecordingError, shown

LOCK_FILE = ".recording.lock"


@contextmanager
def sole_writer(directory: Path) -> Iterator[None]:
    """Hold the recording at ``directory`` until the block ends (waiting for other writers).

    Raises:
        RecordingError: the directory or its lock file cannot be created.
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle = os.open(directory / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise RecordingError(
            f"cannot write the recording at {shown(directory)}: {error.strerror or error}",
            "Choose a directory you can write to.",
        ) from error
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing it releases the lock
