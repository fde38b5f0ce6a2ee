"""Many worker processes on one Postgres store: every thread ends with its own report.

32 questions are asked (each stops at the service question), then 8 worker processes, each
with an empty profile cache of its own, answer them at once, every worker taking threads of
several kinds. Each thread must end with the report of its own question, answer and format,
and none may be lost or answered twice.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from profile_insights.agent.api import NeedsInput, ask, make_context, thread_store
from profile_insights.agent.runs import compiled_graph, thread_config
from tests.conftest import REPO_ROOT

pytestmark = [pytest.mark.integration, pytest.mark.slow]

WORKERS = 8
THREADS = 32
SERVICES = ("checkout-api", "checkout-worker")


def _threads() -> list[dict[str, Any]]:
    return [
        {
            "id": f"scale-{index:02d}",
            "question": f"Why is checkout slow? (case {index})",
            "answer": SERVICES[index % 2],
            "format": ("markdown", "json")[(index // 2) % 2],
        }
        for index in range(THREADS)
    ]


def _run_workers(
    tmp_path: Path, phase: str, jobs: list[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Start one process per job at once, wait for all, return every thread's result."""
    processes = []
    for number, job in enumerate(jobs):
        home = tmp_path / f"{phase}-worker-{number}"
        home.mkdir()
        job_file = home / "job.json"
        job["out"] = str(home / "out.json")
        job_file.write_text(json.dumps(job))
        env = {
            **os.environ,
            "HOME": str(home),
            "XDG_CACHE_HOME": str(home / "cache"),  # every worker starts with an empty cache
            "XDG_STATE_HOME": str(home / "state"),
            "LANGGRAPH_STRICT_MSGPACK": "true",
        }
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "tests.threads.worker", str(job_file)],
                cwd=REPO_ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    results: dict[str, dict[str, Any]] = {}
    for process, job in zip(processes, jobs, strict=True):
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        results.update(json.loads(Path(job["out"]).read_text()))
    return results


def test_eight_workers_answering_32_threads_at_once_leave_every_thread_its_own_report(
    tmp_path: Path, database: str, two_services: Path, demo_checkout: Path
) -> None:
    threads = _threads()
    with thread_store(database) as store:
        for thread in threads:
            context = make_context(
                repo=demo_checkout,
                recording=two_services,
                output_format=thread["format"],
                cache_dir=tmp_path / "asking-cache",
            )
            asked = ask(
                thread["question"], context=context, checkpointer=store, thread_id=thread["id"]
            )
            assert isinstance(asked, NeedsInput) and asked.question.kind == "choose_service"

    # Worker w answers threads w, w+8, w+16, w+24: each asked by a different worker.
    answered = _run_workers(
        tmp_path,
        "answer",
        [{"store": database, "threads": threads[w::WORKERS]} for w in range(WORKERS)],
    )
    assert sorted(answered) == sorted(t["id"] for t in threads)
    for thread in threads:
        result = answered[thread["id"]]
        assert result["status"] == "report", (thread, result)
        assert result["question"] == thread["question"]
        assert result["services"] == [thread["answer"]]
        assert result["hot"].endswith("pricing.validCoupon")
        assert result["format"] == thread["format"]
        if thread["format"] == "json":
            assert json.loads(result["rendered"])["question"] == thread["question"]
        else:
            assert result["rendered"].startswith(f"# Profile insights: {thread['question']}")

    # And the store agrees: every thread finished once, with that report and nothing pending.
    with thread_store(database) as store:
        graph = compiled_graph(store)
        for thread in threads:
            snapshot = graph.get_state(thread_config(thread["id"]))
            assert snapshot.next == () and not snapshot.interrupts
            assert snapshot.values["report"]["question"] == thread["question"]
            assert snapshot.values["report"]["services"] == [thread["answer"]]
            # Answered once: no checkpoint has two children (a second answer would fork).
            history = list(graph.get_state_history(thread_config(thread["id"])))
            parents = [
                h.parent_config["configurable"]["checkpoint_id"] for h in history if h.parent_config
            ]
            assert len(parents) == len(set(parents)) == len(history) - 1
