"""A broken Pyroscope (the fault server) behind ``HttpSource``: typed errors within the budget.

Every fault answers over a real socket on 127.0.0.1. Each case states the error the user reads
(its type, the problem, the next step), how many requests the server may see (retries only
for what is worth retrying) and how long the query may take (the budget, never more).
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from profile_insights.agent.cli.app import main
from profile_insights.agent.errors import ProfileInsightsError, QueryTimeoutError
from profile_insights.agent.pyroscope.http_source import HttpSource
from profile_insights.agent.pyroscope.replay_server import Faults, ReplayServer
from profile_insights.agent.pyroscope.retry import RetryPolicy
from profile_insights.agent.pyroscope.settings import ConnectionSettings
from tests.hostile import files
from tests.hostile.cases_faults import (
    CASES,
    JSON,
    QUICK,
    SERIES_OK,
    TOKEN,
    FaultCase,
    once_then,
    pprof_answer,
    series,
)
from tests.hostile.conftest import Sandbox
from tests.hostile.fault_server import Behaviour, FaultServer, Reply, Seen
from tests.hostile.figures import record_case, record_fault
from tests.hostile.harness import Expect, check, user_message
from tests.hostile.harness import Seen as Shown


@pytest.fixture(scope="module")
def fault_server() -> Iterator[FaultServer]:
    """Start the fault server for the module's cases."""
    with FaultServer() as server:
        yield server


def test_case_names_are_unique() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_a_server_fault_ends_in_a_typed_error_within_the_budget(
    case: FaultCase, fault_server: FaultServer, sandbox: Sandbox
) -> None:
    record_case("http source")
    fault_server.behave(case.name, case.behaviour)
    before = fault_server.seen[case.name]
    waits: list[str] = []
    source = HttpSource(
        ConnectionSettings(url=fault_server.url, token=SecretStr(TOKEN)),
        timeout=case.timeout,
        retry=QUICK,
        on_wait=waits.append,
    )
    started = time.monotonic()
    try:
        case.query(source)
        outcome: ProfileInsightsError | None = None
    except ProfileInsightsError as error:
        outcome = error
    finally:
        source.close()
    elapsed = time.monotonic() - started
    seen = fault_server.seen[case.name] - before
    record_fault(case.name, seen)
    low, high = case.requests
    assert low <= seen <= high, f"the server saw {seen} requests"
    assert elapsed <= case.seconds, f"the query took {elapsed:.1f}s"
    assert len(waits) == max(seen - 1, 0), waits  # every wait was shown
    if case.error is None:
        assert outcome is None, outcome
        return
    assert isinstance(outcome, case.error), outcome
    text = str(outcome)
    check(Shown(None, "", "", text), case.expect, case=case.name)
    assert TOKEN not in text


def test_a_retry_after_wait_is_honoured_and_shown(fault_server: FaultServer) -> None:
    fault_server.behave("429-then-ok", once_then(Reply(429, b"", {"Retry-After": "1"}), SERIES_OK))
    waits: list[str] = []
    with HttpSource(ConnectionSettings(url=fault_server.url), retry=QUICK) as source:
        source.on_wait = waits.append
        started = time.monotonic()
        series(source)
        elapsed = time.monotonic() - started
    assert elapsed >= 1.0
    (line,) = waits
    assert "waiting 1.0s (the server's Retry-After) before try 2 of 3" in line


def test_the_budget_bounds_a_query_whose_every_try_hangs(fault_server: FaultServer) -> None:
    fault_server.behave("hang-budget", lambda r: Reply(200, b"{}", JSON, wait=30))
    budget = RetryPolicy(attempts=10, initial_wait=0.0, jitter=0.0, budget=2.0)
    with HttpSource(ConnectionSettings(url=fault_server.url), timeout=1.5, retry=budget) as source:
        started = time.monotonic()
        with pytest.raises(QueryTimeoutError):
            series(source)
        elapsed = time.monotonic() - started
    # Two tries at most fit in the 2 s budget (the second one shortened to what is left).
    assert 1.5 <= elapsed < 3.0
    assert fault_server.seen["hang-budget"] <= 2


def _flaky_pyroscope(first: Reply) -> Behaviour:
    """Answer ``first`` once, then like a Pyroscope holding the demo service's profile."""
    count = [0]
    series_answer = json.dumps(
        {
            "labelsSet": [
                {
                    "labels": [
                        {"name": "service_name", "value": "checkout"},
                        {"name": "__profile_type__", "value": files.CPU},
                    ]
                }
            ]
        }
    ).encode()

    def behave(request: Seen) -> Reply:
        count[0] += 1
        if count[0] == 1:
            return first
        if request.path.endswith("/Series"):
            return Reply(200, series_answer, JSON)
        return pprof_answer(files.DEMO_PROFILE.read_bytes())

    return behave


def test_ask_shows_every_wait_on_the_progress_line(
    fault_server: FaultServer,
    sandbox: Sandbox,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record_case("cli ask")
    fault_server.behave(
        "cli-429-then-answers", _flaky_pyroscope(Reply(429, b"", {"Retry-After": "1"}))
    )
    monkeypatch.setenv("PROFILECLI_URL", fault_server.url)
    code = main(["ask", files.QUESTION, "--repo", str(files.DEMO_SERVICE), "--no-input"])
    out, err = capfd.readouterr()
    record_fault("cli-429-then-answers", fault_server.seen["cli-429-then-answers"])
    assert code == 0, err[-600:]
    waiting = [line for line in err.splitlines() if line.startswith("… waiting")]
    assert len(waiting) == 1 and "1.0s (the server's Retry-After) before try 2" in waiting[0]
    assert "# Profile insights" in out


def test_ask_with_a_short_timeout_gives_up_on_a_hung_server_in_time(
    fault_server: FaultServer,
    sandbox: Sandbox,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record_case("cli ask")
    fault_server.behave("cli-hangs", lambda r: Reply(200, b"{}", JSON, wait=60))
    monkeypatch.setenv("PROFILECLI_URL", fault_server.url)
    started = time.monotonic()
    code = main(
        ["ask", files.QUESTION, "--repo", str(files.DEMO_SERVICE), "--no-input", "--timeout", "1"]
    )
    elapsed = time.monotonic() - started
    out, err = capfd.readouterr()
    record_fault("cli-hangs", fault_server.seen["cli-hangs"])
    assert code == 1
    message = user_message(err)
    check(
        Shown(code, out, err, message),
        Expect(problem=r"timed out after 1s per request", next_step=r"--timeout"),
        case="cli-hangs",
    )
    # One query: at most two tries of 1 s in its 2 s budget (plus the graph's own work).
    assert elapsed < 8, elapsed
    assert fault_server.seen["cli-hangs"] <= 2


def test_the_replay_servers_429_fault_with_retry_after_is_waited_out(tmp_path: Path) -> None:
    shutil.copytree(files.DEMO_RECORDING, tmp_path / "rec")
    faults = Faults(fail_first=1, status=429, retry_after=1)
    with ReplayServer(tmp_path / "rec", faults=faults) as server:
        waits: list[str] = []
        with HttpSource(
            ConnectionSettings(url=server.url), retry=QUICK, on_wait=waits.append
        ) as src:
            started = time.monotonic()
            found = series(src)
            elapsed = time.monotonic() - started
        record_fault("replay-429-retry-after-1", sum(server.hits.values()))
        assert found and elapsed >= 1.0
        assert server.hits["/querier.v1.QuerierService/Series"] == 2
        assert len(waits) == 1 and "Retry-After" in waits[0]
