"""Fixtures for the thread-store tests: a real Postgres database per test, CLI processes.

The Postgres server is started by ``.ci/with-postgres`` (``make test``, ``.ci/run``), which
exports its URL as ``PROFILE_INSIGHTS_TEST_DATABASE_URL``; without it the Postgres tests skip
locally and fail in CI (``require``). Each test gets a database of its own, created empty (so
the checkpointer's setup runs in it) and dropped afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, require
from tests.graph import conftest as graph_fixtures
from tests.graph.conftest import CPU, Entry, write_recording

# The graph tests' session fixtures: the demo service's checkout and its real CPU profile.
demo_checkout = graph_fixtures.demo_checkout
demo_cpu = graph_fixtures.demo_cpu

SERVER_URL_ENV = "PROFILE_INSIGHTS_TEST_DATABASE_URL"
CLI = str(Path(sys.executable).parent / "profile-insights")


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """Return the URL of the test Postgres server (its ``postgres`` database)."""
    url = os.environ.get(SERVER_URL_ENV)
    require(
        bool(url),
        f"no Postgres server for the tests ({SERVER_URL_ENV} unset): `make test` starts one "
        "with .ci/with-postgres (Debian postgresql)",
    )
    assert url is not None
    return url


def database_url(server: str, name: str) -> str:
    """Return ``server``'s URL pointed at the database ``name``."""
    return server.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def database(postgres_server: str) -> Iterator[str]:
    """Return the URL of a fresh, empty database (dropped after the test)."""
    import psycopg

    name = f"threads_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield database_url(postgres_server, name)
    with psycopg.connect(postgres_server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def two_services(tmp_path: Path, demo_cpu: bytes) -> Path:
    """Return a recording with two services of one repository: asking needs an answer."""
    return write_recording(
        tmp_path / "recording",
        [
            Entry("checkout-api", CPU, demo_cpu, ago=timedelta(minutes=5)),
            Entry("checkout-worker", CPU, demo_cpu, ago=timedelta(minutes=5), repository=None),
        ],
    )


@pytest.fixture
def live_recording(tmp_path: Path, demo_cpu: bytes) -> Path:
    """Return a recording of one service whose profile ends five minutes ago (for serve)."""
    return write_recording(
        tmp_path / "live",
        [Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))],
        now=datetime.now(UTC),
    )


@dataclass(frozen=True)
class Machine:
    """What a process sees as its own: a working directory, a state directory, a cache."""

    home: Path

    def env(self, **extra: str) -> dict[str, str]:
        """Return the environment of a process on this machine."""
        env = {
            **os.environ,
            "HOME": str(self.home),
            "XDG_STATE_HOME": str(self.home / "state"),
            "XDG_CACHE_HOME": str(self.home / "cache"),
            "NO_COLOR": "1",
            "LANGGRAPH_STRICT_MSGPACK": "true",
        }
        for name in (
            "PROFILE_INSIGHTS_STATE_DIR",
            "PROFILE_INSIGHTS_DATABASE_URL",
            "PROFILECLI_URL",
            "PROFILECLI_TOKEN",
        ):
            env.pop(name, None)
        return env | extra

    def cached_profiles(self) -> list[Path]:
        """Return the profiles in this machine's cache."""
        return sorted((self.home / "cache").rglob("*.pb.gz"))


@pytest.fixture
def machines(tmp_path: Path) -> list[Machine]:
    """Return two machines: separate homes, state directories and profile caches."""
    found = []
    for name in ("first", "second"):
        home = tmp_path / f"machine-{name}"
        home.mkdir()
        found.append(Machine(home))
    return found


def run_cli(
    *args: str, machine: Machine, timeout: float = 120, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run the installed console script as a user would, on ``machine``."""
    return subprocess.run(
        [CLI, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=machine.env(**env),
        cwd=machine.home,
        stdin=subprocess.DEVNULL,
        check=False,
    )


DEMO_REPO = REPO_ROOT / "agent/demo/service"
