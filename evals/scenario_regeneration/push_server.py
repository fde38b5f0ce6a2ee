"""``profile-insights serve`` as the server an SDK pushes to, and ``record`` of what it got.

The server runs as its own process (started with the command the caller names, so another
build of profile-insights can record), on a free loopback port with an empty recording
directory, and is stopped by its PID. Once the pushes have stopped, ``profile-insights
record`` asks it over HTTP for the merged profile of every profile type in the run's range.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path


def rfc3339(moment: datetime) -> str:
    """Return the moment as RFC 3339 in UTC."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class PushServer:
    """``profile-insights serve`` on a free loopback port, stopped by its PID."""

    def __init__(self, command: list[str], recording: Path):
        """Start the server on a free loopback port, recording into ``recording``.

        Raises:
            RuntimeError: when the server exits, reports no address or never becomes ready.
        """
        self.process = subprocess.Popen(
            [*command, "serve", "--recording", str(recording), "--host", "127.0.0.1"]
            + ["--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.url = self._reported_url()
        for _ in range(100):
            try:
                with urllib.request.urlopen(self.url + "/ready", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("profile-insights serve is not ready")

    def _reported_url(self) -> str:
        """Return the address the server prints once it listens."""
        assert self.process.stdout is not None  # started with stdout=PIPE
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                if self.process.poll() is not None:
                    raise RuntimeError("profile-insights serve exited before it was ready")
                continue
            found = re.search(r"(http://127\.0\.0\.1:\d+)", line)
            if found:
                return found.group(1)
        self.stop()
        raise RuntimeError("profile-insights serve did not report its address")

    def stop(self) -> None:
        """Stop the server by its PID and wait for it."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()


def wait_for_pushes(recording: Path, quiet: float = 2.0, limit: float = 30.0) -> None:
    """Return once recording.json has not changed for ``quiet`` seconds (``limit`` at most)."""
    path = recording / "recording.json"
    deadline = time.time() + limit
    last = None
    stable_since = time.time()
    while time.time() < deadline:
        stamp = path.stat().st_mtime_ns if path.exists() else None
        if stamp != last:
            last, stable_since = stamp, time.time()
        elif stamp is not None and time.time() - stable_since >= quiet:
            return
        time.sleep(0.2)


def record_range(
    command: list[str], url: str, service: str, out: Path, start: datetime, end: datetime
) -> None:
    """Record the service's merged profiles of every type between start and end into ``out``.

    Raises:
        subprocess.CalledProcessError: when ``profile-insights record`` fails.
    """
    subprocess.run(
        [*command, "record", "--out", str(out), "--url", url, "--via", "http"]
        + ["--query", f'{{service_name="{service}"}}', "--from", rfc3339(start)]
        + ["--to", rfc3339(end)],
        check=True,
        capture_output=True,
        text=True,
    )
