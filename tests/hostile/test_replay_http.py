"""``profile-insights serve`` fed malformed HTTP: every request answered, the server unharmed.

One ``serve`` process (as a user starts it) on a copy of the bundled recording takes every case
over raw sockets: malformed framing (Content-Length, chunk sizes), bodies too large before or
after gzip, garbage in every codec, hostile queries and pushes. Each case states the status and
the words of the answer; after each, the server must still answer ``/ready``, and its stderr
must never show a traceback. The gzip bomb must not grow the server's memory.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile import files
from tests.hostile.cases_replay import (
    CASES,
    JSON_HEADERS,
    PROTO_HEADERS,
    PUSH,
    QUERIER,
    HttpCase,
    post,
    raw_post,
)
from tests.hostile.conftest import Sandbox, make_sandbox
from tests.hostile.figures import record_case

pytestmark = [pytest.mark.integration]

CLI = Path(sys.executable).parent / "profile-insights"


@dataclass
class Served:
    """The running server: its process, address and what it wrote on stderr."""

    process: subprocess.Popen[bytes]
    port: int
    stderr: Path

    def rss_peak_kb(self) -> int:
        """Return the server's peak resident memory so far (VmHWM)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        raise AssertionError("no VmHWM")


def exchange(port: int, data: bytes, *, timeout: float = 20.0) -> tuple[int, str]:
    """Send raw bytes and return the answer's status and body text (the server closes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        try:
            connection.sendall(data)
        except OSError:
            pass  # the server may answer (and close) before reading everything
        received = b""
        while True:
            try:
                chunk = connection.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    match = re.match(rb"HTTP/1\.[01] (\d{3})", head)
    assert match, f"no HTTP answer at all: {received[:200]!r}"
    return int(match.group(1)), body.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Start ``profile-insights serve`` on a copy of the bundled recording."""
    box = make_sandbox(tmp_path_factory.mktemp("serve"))
    recording = box.work / "rec"
    shutil.copytree(files.DEMO_RECORDING, recording)
    stderr = box.root / "serve.stderr"
    with stderr.open("wb") as errors:
        process = subprocess.Popen(
            [str(CLI), "serve", "--recording", str(recording), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=errors,
            env=box.env(),
            cwd=box.work,
        )
    assert process.stdout is not None
    first = process.stdout.readline().decode()
    match = re.search(r"http://127\.0\.0\.1:(\d+)", first)
    assert match, first
    yield Served(process, int(match.group(1)), stderr)
    process.terminate()
    process.wait(timeout=20)
    assert "Traceback" not in stderr.read_text(errors="replace")
    assert not list(box.root.rglob("pwned*"))


def _ready(port: int) -> None:
    status, body = exchange(port, b"GET /ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert (status, body) == (200, "ready\n")


def test_case_names_are_unique() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_a_malformed_request_is_answered_and_the_server_keeps_serving(
    case: HttpCase, served: Served, sandbox: Sandbox
) -> None:
    record_case("replay http")
    status, body = exchange(served.port, case.request())
    assert status in case.statuses, (status, body[:300])
    assert re.search(case.says, body, re.DOTALL), body[:300]
    assert "Traceback" not in body
    _ready(served.port)


def test_a_gzip_bomb_body_is_refused_quickly_without_growing_the_server(served: Served) -> None:
    bomb = files.gzip_bomb(256 << 20)  # 256 MiB of zeros in about 250 KB
    assert len(bomb) < 300_000
    before = served.rss_peak_kb()
    started = time.monotonic()
    status, body = exchange(
        served.port, post(PUSH, PROTO_HEADERS + "Content-Encoding: gzip\r\n", bomb)
    )
    elapsed = time.monotonic() - started
    assert status == 413 and "after gzip" in body
    grown_mib = (served.rss_peak_kb() - before) / 1024
    # The body is measured before anything is kept: the peak grows by a step, not the cap.
    assert grown_mib < 16, f"the server grew by {grown_mib:.0f} MiB"
    assert elapsed < 10
    _ready(served.port)


def test_a_streamed_body_over_64_mib_is_refused_as_it_arrives(served: Served) -> None:
    chunk = b"x" * (1 << 20)
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(70)) + b"0\r\n\r\n"
    request = raw_post(PUSH, PROTO_HEADERS, b"Transfer-Encoding: chunked\r\n\r\n" + body)
    status, answer = exchange(served.port, request)
    assert status == 413 and "request body over" in answer
    _ready(served.port)


def test_fifty_clients_sending_garbage_at_once_are_all_answered(served: Served) -> None:
    garbage = [case.request() for case in CASES[:10]]

    def one(index: int) -> int:
        return exchange(served.port, garbage[index % len(garbage)])[0]

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(one, range(50)))
    # Every one answered, none with a server error (one of the ten is a large but valid GET).
    assert len(statuses) == 50 and all(status < 500 for status in statuses), statuses
    _ready(served.port)


def test_a_body_that_stops_arriving_is_answered_408(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from profile_insights.agent.pyroscope import request_body
    from profile_insights.agent.pyroscope.replay_server import ReplayServer

    monkeypatch.setattr(request_body, "BODY_SECONDS", 0.5)
    shutil.copytree(files.DEMO_RECORDING, tmp_path / "rec")
    with ReplayServer(tmp_path / "rec") as server:
        started = time.monotonic()
        status, body = exchange(
            server.port,
            raw_post(f"{QUERIER}/Series", JSON_HEADERS, b"Content-Length: 100\r\n\r\n{"),
        )
        elapsed = time.monotonic() - started
        assert (status, "deadline_exceeded" in body) == (408, True)
        assert elapsed < 5
        _ready(server.port)
