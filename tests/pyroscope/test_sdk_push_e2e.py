"""End to end: a real program instrumented with the real ``pyroscope-io`` SDK pushes to the
replay server, which records it; HttpSource reads the CPU profile back and the native top table
finds the program's hot function, with the service's git ref in the Build ID."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.profiles.top import top_table
from profile_insights.agent.pyroscope.http_source import HttpSource
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.pyroscope.replay_server import ReplayServer
from profile_insights.agent.pyroscope.settings import ConnectionSettings
from profile_insights.agent.pyroscope.timeparse import to_millis

from ..conftest import require

CPU_TYPE = "process_cpu:cpu:nanoseconds:cpu:nanoseconds"

PROGRAM = textwrap.dedent(
    """
    import sys
    import time

    import pyroscope


    def burn_cpu_in_hot_loop(n):
        total = 0
        for i in range(n):
            total += (i * i) % 7
        return total


    def idle_a_little():
        time.sleep(0.001)


    pyroscope.configure(
        application_name="e2e-push-app",
        server_address=sys.argv[1],
        tags={
            "service_repository": "https://github.com/acme/e2e-push-app",
            "service_git_ref": "abc1234",
        },
        upload_interval=1,
    )
    deadline = time.time() + float(sys.argv[2])
    while time.time() < deadline:
        burn_cpu_in_hot_loop(20000)
        idle_a_little()
    pyroscope.shutdown()
    """
)


@pytest.mark.slow
@pytest.mark.integration
def test_sdk_push_is_recorded_and_read_back_with_the_hot_function(tmp_path: Path) -> None:
    try:
        import pyroscope  # noqa: F401
    except ImportError:
        require(False, "pyroscope-io is not installed (dev extra)")
    script = tmp_path / "app.py"
    script.write_text(PROGRAM)
    recording = tmp_path / "pushed"
    with ReplayServer(recording) as server:
        result = subprocess.run(
            [sys.executable, str(script), server.url, "4"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert server.hits["/push.v1.PusherService/Push"] >= 1
        source = HttpSource(ConnectionSettings(url=server.url))
        now = source.now()
        start, end = now - timedelta(hours=1), now + timedelta(minutes=1)
        selector = '{service_name="e2e-push-app"}'
        series = source.series(selector, [], start, end)
        merged = source.merge_profile(selector, CPU_TYPE, start, end)
        # Without the allow-utf8-labelnames capability the dotted SDK labels are filtered out.
        plain = httpx.post(
            f"{server.url}/querier.v1.QuerierService/Series",
            json={"matchers": [selector], "start": to_millis(start), "end": to_millis(end)},
        ).json()

    labels = {key: value for s in series for key, value in s.labels.items()}
    assert labels["__profile_type__"] == CPU_TYPE
    assert labels["service_git_ref"] == "abc1234"
    # The SDK's dotted labels come back because we send the allow-utf8-labelnames capability.
    assert "otel.scope.name" in labels
    plain_names = {pair["name"] for item in plain["labelsSet"] for pair in item["labels"]}
    assert "service_name" in plain_names and "otel.scope.name" not in plain_names
    assert not merged.empty

    profile = decode_profile(merged.data, name="pushed")
    table = top_table(profile, sample_index="cpu")
    top_functions = [row.function for row in table.rows[:3]]
    assert any("burn_cpu_in_hot_loop" in name for name in top_functions), top_functions
    assert table.build_id is not None and '"git_ref":"abc1234"' in table.build_id

    # The recording on disk replays the same answer with no server.
    document = json.loads((recording / "recording.json").read_text())
    assert document["series"][0]["labels"]["service_name"] == "e2e-push-app"
    replayed = RecordedSource(recording, live_clock=True).merge_profile(
        selector, CPU_TYPE, start, end
    )
    assert replayed.data == merged.data
    # A pushed-to recording is "recorded" at its last push, so now-1h replays the push.
    offline = RecordedSource(recording)
    assert offline.now() >= now - timedelta(minutes=1)
    last_hour = offline.merge_profile(
        selector, CPU_TYPE, offline.now() - timedelta(hours=1), offline.now()
    )
    assert list(decode_profile(last_hour.data, name="offline").sample) == list(profile.sample)
