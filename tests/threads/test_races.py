"""Races on one thread store: setting it up, and answering one thread from several processes.

Processes are released at the same moment by a start file (each polls for it), so that they
really contend: with LangGraph's own ``PostgresSaver.setup()``, 8 processes setting up a fresh
database at once failed on a duplicate migration row in 5 of 6 tries here; two resumes of one
thread were both accepted and printed two different reports.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from profile_insights.agent import api
from profile_insights.agent.api import NeedsInput, thread_store
from profile_insights.agent.errors import ThreadConflictError
from profile_insights.agent.report.models import Report
from profile_insights.agent.runs import compiled_graph, thread_config
from tests.conftest import REPO_ROOT
from tests.threads.conftest import CLI, Machine

pytestmark = [pytest.mark.integration, pytest.mark.slow]

# Waits for the start file, then runs the rest of argv (the contender).
RELEASE = (
    "import os, sys, time\n"
    "start = sys.argv[1]\n"
    "while not os.path.exists(start):\n"
    "    time.sleep(0.001)\n"
    "os.execv(sys.argv[2], sys.argv[2:])\n"
)


def _released_together(
    commands: list[list[str]], tmp_path: Path, machine: Machine
) -> list[subprocess.CompletedProcess[str]]:
    """Start the commands, let them all go at one moment, return how each ended."""
    start = tmp_path / f"start-{time.monotonic_ns()}"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", RELEASE, str(start), *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env=machine.env(),
            cwd=REPO_ROOT,
        )
        for command in commands
    ]
    time.sleep(1.0)  # all started and polling
    start.touch()
    done = []
    for process, command in zip(processes, commands, strict=True):
        out, err = process.communicate(timeout=180)
        done.append(subprocess.CompletedProcess(command, process.returncode, out, err))
    return done


SETUP = "from profile_insights.agent.threads.store import thread_store\nimport sys\n" + (
    "with thread_store(sys.argv[1]) as saver:\n    saver.list(None, limit=1)\n"
)


def test_eight_processes_setting_up_a_fresh_database_at_once_all_succeed(
    database: str, tmp_path: Path, machines: list[Machine]
) -> None:
    import psycopg

    commands = [[sys.executable, "-c", SETUP, database] for _ in range(8)]
    for done in _released_together(commands, tmp_path, machines[0]):
        assert done.returncode == 0, done.stderr
    with psycopg.connect(database) as connection:
        versions = [row[0] for row in connection.execute("SELECT v FROM checkpoint_migrations")]
    from langgraph.checkpoint.postgres import PostgresSaver

    assert sorted(versions) == list(range(len(PostgresSaver.MIGRATIONS)))


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Return a thread store location of each kind: a state directory, or a database."""
    if request.param == "sqlite":
        return str(tmp_path / "state")
    database: str = request.getfixturevalue("database")
    return database


def _ask(store: str, two_services: Path, repo: Path, cache: Path, thread_id: str) -> None:
    context = api.make_context(
        repo=repo, recording=two_services, output_format="json", cache_dir=cache
    )
    with thread_store(store) as saver:
        asked = api.ask(
            "Why is checkout slow?", context=context, checkpointer=saver, thread_id=thread_id
        )
    assert isinstance(asked, NeedsInput)


def test_three_processes_answering_one_thread_at_once_exactly_one_wins(
    store: str, tmp_path: Path, machines: list[Machine], two_services: Path, demo_checkout: Path
) -> None:
    _ask(store, two_services, demo_checkout, tmp_path / "cache", "contested")
    answers = ["checkout-api", "checkout-worker", "checkout-api"]
    commands = [[CLI, "resume", "contested", "--answer", a, "--state", store] for a in answers]
    results = _released_together(commands, tmp_path, machines[0])

    winners = [r for r in results if r.returncode == 0]
    losers = [r for r in results if r.returncode != 0]
    assert len(winners) == 1, [r.stderr for r in results]
    for loser in losers:
        assert loser.returncode == 1
        message = " ".join(loser.stderr.split())
        assert "thread contested" in message and "already" in message, loser.stderr
        assert "Traceback" not in loser.stderr and not loser.stdout
    printed = json.loads(winners[0].stdout)
    with thread_store(store) as saver:
        graph = compiled_graph(saver)
        final = graph.get_state(thread_config("contested"))
        history = list(graph.get_state_history(thread_config("contested")))
    # The thread holds the winner's report, and no second answer forked it.
    assert final.values["report"]["services"] == printed["services"]
    assert printed["services"][0] == answers[results.index(winners[0])]
    parents = [h.parent_config["configurable"]["checkpoint_id"] for h in history if h.parent_config]
    assert len(parents) == len(set(parents))


def test_a_thread_held_by_another_run_or_already_answered_is_refused_with_why(
    store: str, tmp_path: Path, two_services: Path, demo_checkout: Path
) -> None:
    _ask(store, two_services, demo_checkout, tmp_path / "cache", "held")
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with thread_store(store) as saver, saver.claim("held"):  # type: ignore[attr-defined]
            holding.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    assert holding.wait(30)
    try:
        with thread_store(store) as saver, pytest.raises(ThreadConflictError) as busy:
            api.resume("held", "checkout-api", checkpointer=saver)
        assert "is already being answered by another process" in busy.value.message
    finally:
        release.set()
        holder.join()

    with thread_store(store) as saver:
        report = api.resume("held", "checkout-worker", checkpointer=saver)
        assert isinstance(report, Report) and report.services == ["checkout-worker"]
        with pytest.raises(ThreadConflictError) as answered:
            api.resume("held", "checkout-api", checkpointer=saver)
    assert "thread held was already answered" in answered.value.message
    assert "Ask the question again" in answered.value.hint
