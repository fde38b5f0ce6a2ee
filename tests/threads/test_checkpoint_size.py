"""A 10 MB profile keeps every checkpoint of its thread under 16 KB, in Postgres and SQLite.

The profile is the demo service's real CPU profile padded to 10 MB: 80,000 extra functions
with long names, each in one sample of the smallest weight, and a 1 MB comment, so its top rows
and report stay those of the demo while the bytes grow 1,000-fold. What is measured is what the
checkpointer writes for each checkpoint: its row (checkpoint and metadata), the blobs it
introduces (Postgres keeps each channel version once), and the pending writes stored against it.
"""

from __future__ import annotations

import base64
import gzip
import random
import sqlite3
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from profile_insights.agent import api
from profile_insights.agent.api import thread_store
from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.report.models import Report
from profile_insights.agent.report.render import OutputFormat
from tests.graph.conftest import CPU, Entry, write_recording

pytestmark = [pytest.mark.integration, pytest.mark.slow]

LIMIT = 16 * 1024
PADDED_SIZE = 10 * 1024 * 1024


def padded_profile(demo_cpu: bytes, size: int = PADDED_SIZE) -> bytes:
    """Return the demo profile with low-weight padding until its gzip is at least ``size``."""
    profile = profile_pb2.Profile()
    profile.ParseFromString(gzip.decompress(demo_cpu))
    rnd = random.Random(13)
    strings = profile.string_table
    next_function = max(f.id for f in profile.function) + 1
    next_location = max(loc.id for loc in profile.location) + 1
    strings.append(base64.b64encode(rnd.randbytes(750_000)).decode())  # a 1 MB comment
    profile.comment.append(len(strings) - 1)
    values = [1] * len(profile.sample_type)
    while True:
        # 150-character names that hardly compress, as long mangled names in the wild do.
        names = base64.b64encode(rnd.randbytes(112 * 10_000)).decode()
        for start in range(0, len(names) - 149, 150):
            strings.append("padding/" + names[start : start + 150])
            function = profile.function.add(
                id=next_function, name=len(strings) - 1, filename=len(strings) - 1
            )
            location = profile.location.add(id=next_location)
            location.line.add(function_id=function.id, line=1)
            profile.sample.add(location_id=[location.id], value=values)
            next_function += 1
            next_location += 1
        data = gzip.compress(profile.SerializeToString(), 1)
        if len(data) >= size:
            return data


@dataclass(frozen=True)
class Written:
    """What the checkpointer wrote for one checkpoint, in bytes."""

    row: int
    blobs: int
    writes: int

    @property
    def total(self) -> int:
        return self.row + self.blobs + self.writes


def postgres_written(database: str, thread_id: str) -> list[Written]:
    """Return, checkpoint by checkpoint, the bytes Postgres stores for the thread."""
    import psycopg

    with psycopg.connect(database) as connection:
        rows = connection.execute(
            "SELECT checkpoint_id, octet_length(checkpoint::text) + octet_length(metadata::text),"
            " checkpoint -> 'channel_versions' FROM checkpoints WHERE thread_id = %s"
            " ORDER BY checkpoint_id",
            (thread_id,),
        ).fetchall()
        blobs = {
            (channel, version): size
            for channel, version, size in connection.execute(
                "SELECT channel, version, coalesce(octet_length(blob), 0) FROM checkpoint_blobs"
                " WHERE thread_id = %s",
                (thread_id,),
            )
        }
        writes: dict[str, int] = dict(
            connection.execute(
                "SELECT checkpoint_id, sum(octet_length(blob)) FROM checkpoint_writes"
                " WHERE thread_id = %s GROUP BY checkpoint_id",
                (thread_id,),
            ).fetchall()
        )
    seen: set[tuple[str, str]] = set()
    written = []
    for checkpoint_id, row, versions in rows:
        new = {(channel, str(version)) for channel, version in versions.items()} - seen
        seen |= new
        written.append(
            Written(
                row=row,
                blobs=sum(blobs.get(key, 0) for key in new),
                writes=int(writes.get(checkpoint_id) or 0),
            )
        )
    return written


def sqlite_written(path: Path, thread_id: str) -> list[Written]:
    """Return, checkpoint by checkpoint, the bytes SQLite stores for the thread."""
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT checkpoint_id, length(checkpoint) + length(metadata) FROM checkpoints"
            " WHERE thread_id = ? ORDER BY checkpoint_id",
            (thread_id,),
        ).fetchall()
        writes = dict(
            connection.execute(
                "SELECT checkpoint_id, sum(length(value)) FROM writes WHERE thread_id = ?"
                " GROUP BY checkpoint_id",
                (thread_id,),
            ).fetchall()
        )
    return [Written(row=row, blobs=0, writes=int(writes.get(cid) or 0)) for cid, row in rows]


@pytest.fixture(scope="module")
def padded_recording(tmp_path_factory: pytest.TempPathFactory, demo_cpu: bytes) -> Path:
    data = padded_profile(demo_cpu)
    assert len(data) >= PADDED_SIZE
    directory = tmp_path_factory.mktemp("padded") / "recording"
    return write_recording(directory, [Entry("checkout", CPU, data, ago=timedelta(minutes=5))])


def _ask_on(
    location: str | Path, recording: Path, repo: Path, cache: Path, fmt: OutputFormat
) -> Report:
    context = api.make_context(repo=repo, recording=recording, output_format=fmt, cache_dir=cache)
    with thread_store(location) as saver:
        report = api.ask(
            "Why is checkout slow?", context=context, checkpointer=saver, thread_id="padded"
        )
    assert isinstance(report, Report)
    assert report.hot_functions[0].function.endswith("pricing.validCoupon")
    return report


@pytest.mark.parametrize("output_format", ["json", "html"])
def test_a_10_mb_profile_keeps_every_postgres_checkpoint_with_its_blobs_under_16_kb(
    output_format: OutputFormat,
    database: str,
    tmp_path: Path,
    padded_recording: Path,
    demo_checkout: Path,
) -> None:
    report = _ask_on(database, padded_recording, demo_checkout, tmp_path / "cache", output_format)
    written = postgres_written(database, "padded")
    assert len(written) > 10
    largest = max(written, key=lambda w: w.total)
    assert largest.total < LIMIT, (largest, written)
    # The merged bytes are in the cache, once, named by their digest; not in the store.
    (cached,) = (tmp_path / "cache").glob("*.pb.gz")
    assert cached.stat().st_size >= PADDED_SIZE
    assert report.data.profile_path and cached.name == Path(report.data.profile_path).name


def test_sqlite_checkpoints_of_a_10_mb_profile_are_those_of_the_small_one(
    tmp_path: Path, padded_recording: Path, demo_checkout: Path, demo_cpu: bytes
) -> None:
    # A SQLite row is the whole state (compressed), so it grows with the report, not the
    # profile: the padded profile's rows are those of the 11 KB demo profile, under 16 KB.
    small = write_recording(
        tmp_path / "small", [Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))]
    )
    sizes = {}
    for name, recording in (("small", small), ("padded", padded_recording)):
        _ask_on(tmp_path / name, recording, demo_checkout, tmp_path / f"cache-{name}", "json")
        sizes[name] = sqlite_written(tmp_path / name / "threads.sqlite", "padded")
    for row in ("row", "writes"):
        padded = max(getattr(w, row) for w in sizes["padded"])
        assert padded < LIMIT, sizes["padded"]
        assert padded < max(getattr(w, row) for w in sizes["small"]) + 1024, sizes
