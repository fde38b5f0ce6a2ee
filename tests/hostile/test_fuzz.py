"""Fuzzed inputs: every mutation is read, or refused with a typed error, never a crash.

Three fuzzers, each seeded and reproducible (see :mod:`tests.hostile.fuzz`): pprof bytes
mutated from real profiles (read by the one reader both ways it reads, which must agree, then
tabled and nested as ``top`` and ``ask`` do), recording.json documents (opened and queried as
a recording), and Connect answers from the fault server (read by ``HttpSource``). A handful of
the mutated profiles that the reader accepts go through the whole graph, via ``ask``.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable
from datetime import timedelta

import pytest

from profile_insights.agent import api
from profile_insights.agent.errors import ProfileInsightsError
from profile_insights.agent.profiles.decode import decode_profile, decode_profile_with_columns
from profile_insights.agent.profiles.frames import prepare
from profile_insights.agent.profiles.nesting import row_nesting
from profile_insights.agent.profiles.top import top_table
from profile_insights.agent.pyroscope import pyroscope_api_pb2 as api_pb2
from profile_insights.agent.pyroscope.http_source import HttpSource
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.pyroscope.retry import RetryPolicy
from profile_insights.agent.pyroscope.settings import ConnectionSettings
from tests.hostile import files
from tests.hostile.conftest import Sandbox
from tests.hostile.fault_server import FaultServer, Reply, Seen
from tests.hostile.figures import FUZZED, record_fault
from tests.hostile.fuzz import (
    BUDGET,
    SEED,
    demo_recording_document,
    mutate_bytes,
    mutated_profile,
    mutated_recording,
    recording_dir,
    rng,
)

pytestmark = [pytest.mark.slow]

#: Failures shown in full (the rest are counted).
_SHOWN = 5


def _crashes(kind: str, count: int, one: Callable[[int], None]) -> list[str]:
    """Run ``one`` on every index; return how each crash (not a typed error) happened."""
    crashes: list[str] = []
    for index in range(count):
        try:
            one(index)
        except ProfileInsightsError:
            pass
        except Exception:  # noqa: BLE001 - what the fuzzer is looking for
            crashes.append(f"{kind} #{index} (HOSTILE_FUZZ_SEED={SEED}): {traceback.format_exc()}")
    FUZZED[kind] += count
    return crashes


def _verdict(read: Callable[[], object]) -> tuple[bool, str]:
    try:
        read()
    except ProfileInsightsError as error:
        return False, error.message
    return True, ""


def test_mutated_profiles_are_read_alike_both_ways_or_refused_with_a_reason() -> None:
    def one(index: int) -> None:
        what, data = mutated_profile(index)
        columns_ok, columns_why = _verdict(
            lambda: decode_profile_with_columns(data, name="fuzz", full=False)
        )
        whole_ok, whole_why = _verdict(lambda: decode_profile(data, name="fuzz"))
        # The table's reader (columns) and the whole-message reader validate alike.
        assert columns_ok == whole_ok, f"{what}: columns {columns_why!r}, whole {whole_why!r}"
        if not columns_ok:
            return
        header, columns = decode_profile_with_columns(data, name="fuzz", full=False)
        prepared = prepare(header, columns)
        for lines in (True, False):
            table = top_table(header, lines=lines, cum=True, prepared=prepared)
        row_nesting(prepared, table.rows[:20])

    crashes = _crashes("pprof", 2 * BUDGET, one)
    assert not crashes, f"{len(crashes)} crashes; first ones:\n" + "\n".join(crashes[:_SHOWN])


def test_accepted_mutations_of_the_demo_profile_go_through_ask(sandbox: Sandbox) -> None:
    accepted = 0
    index = 0
    crashes: list[str] = []
    while accepted < max(BUDGET // 100, 8) and index < 50 * BUDGET:
        what, data = mutated_profile(index, demo_only=True)
        index += 1
        if not _verdict(lambda: decode_profile(data, name="x"))[0]:  # noqa: B023 - called now
            continue
        accepted += 1
        recording = files.recording_of(sandbox.root / f"rec-{index}", data)
        try:
            api.ask(files.QUESTION, recording=recording, repo=files.DEMO_SERVICE)
        except ProfileInsightsError:
            pass
        except Exception:  # noqa: BLE001
            crashes.append(f"ask on pprof #{index - 1} ({what}): {traceback.format_exc()}")
    FUZZED["pprof via ask"] += accepted
    assert accepted >= 8
    assert not crashes, "\n".join(crashes[:_SHOWN])


def test_mutated_recordings_open_or_are_refused_with_a_reason(sandbox: Sandbox) -> None:
    base = demo_recording_document()

    def one(index: int) -> None:
        _, text = mutated_recording(index, base)
        directory = recording_dir(sandbox.root / f"rec-{index}", text)
        source = RecordedSource(directory)
        now = source.now()
        start = now - timedelta(hours=6)
        source.series("{}", [], start, now)
        for profile_type in source.profile_types(start, now):
            source.merge_profile('{service_name="checkout"}', profile_type.id, start, now)

    crashes = _crashes("recording.json", BUDGET // 2, one)
    assert not crashes, f"{len(crashes)} crashes; first ones:\n" + "\n".join(crashes[:_SHOWN])


def _valid_answers() -> dict[str, tuple[bytes, str]]:
    series = {
        "labelsSet": [
            {
                "labels": [
                    {"name": "service_name", "value": "checkout"},
                    {"name": "__profile_type__", "value": files.CPU},
                ]
            }
        ]
    }
    merged = api_pb2.SelectMergeStacktracesResponse(
        pprof=api_pb2.PprofProfile(profile=files.DEMO_PROFILE.read_bytes())
    )
    return {
        "Series": (json.dumps(series).encode(), "application/json"),
        "LabelNames": (json.dumps({"names": ["service_name"]}).encode(), "application/json"),
        "ProfileTypes": (
            json.dumps({"profileTypes": [{"ID": files.CPU}]}).encode(),
            "application/json",
        ),
        "SelectMergeStacktraces": (merged.SerializeToString(), "application/proto"),
        "SelectMergeProfile": (files.DEMO_PROFILE.read_bytes(), "application/proto"),
    }


def test_fuzzed_connect_answers_are_read_or_refused_with_a_reason() -> None:
    answers = _valid_answers()
    index = [0]

    def fuzzed(request: Seen) -> Reply:
        r = rng("connect", index[0])
        method = request.path.rsplit("/", 1)[-1]
        body, content_type = answers.get(method, (b"{}", "application/json"))
        if r.random() < 0.8:
            body = mutate_bytes(r, body)
        status = r.choice([200, 200, 200, 200, 400, 401, 404, 429, 500, 502, 503])
        headers = {"Content-Type": r.choice([content_type, content_type, "text/html", "x/y"])}
        if r.random() < 0.1:
            headers["Retry-After"] = r.choice(["0", "-5", "nan", "Wed, 21 Oct 2015 07:28:00 GMT"])
        if r.random() < 0.1:
            headers["Content-Encoding"] = r.choice(["gzip", "deflate"])
        return Reply(status, body, headers)

    quick = RetryPolicy(attempts=2, initial_wait=0, max_wait=0, jitter=0, budget=5)
    with FaultServer() as server:
        server.behave("fuzzed-connect-answers", fuzzed)
        source = HttpSource(ConnectionSettings(url=server.url), timeout=5, retry=quick)
        now = source.now()
        start = now - timedelta(hours=1)
        calls: list[Callable[[], object]] = [
            lambda: source.series("{}", ["service_name"], start, now),
            lambda: source.label_names("{}", start, now),
            lambda: source.profile_types(start, now),
            lambda: source.merge_profile('{service_name="checkout"}', files.CPU, start, now),
        ]

        def one(position: int) -> None:
            index[0] = position
            source._pprof_format_supported = None  # noqa: SLF001 - each answer stands alone
            calls[position % len(calls)]()

        crashes = _crashes("connect answers", BUDGET // 4, one)
        record_fault("fuzzed-connect-answers", server.seen["fuzzed-connect-answers"])
        source.close()
    assert not crashes, f"{len(crashes)} crashes; first ones:\n" + "\n".join(crashes[:_SHOWN])
