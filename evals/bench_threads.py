"""Benchmark: asking until the question and answering it, with threads in Postgres vs SQLite.

Run as ``python -m profile_insights.evals.bench_threads`` (``make bench`` gives it a Postgres
server of its own with ``.ci/with-postgres``, durable settings). Two measures, both alternating
between the stores so that load from other work on the machine hits both alike:

* **cli**: what a user waits for, the installed console script in a fresh process:
  ``profile-insights ask ... --no-input`` (stops at the service question, exit 10), then
  ``profile-insights resume THREAD --answer SERVICE`` (to the report);
* **api**: the same two calls in one process (``api.ask`` and ``api.resume`` on an open
  store), which leaves out Python's start-up and imports and shows what the store costs.

The question runs on the bundled two-service recording and the demo checkout. Medians are
printed, and Postgres/SQLite ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

CONSOLE_SCRIPT = Path(sys.executable).parent / "profile-insights"
RECORDING = Path(__file__).resolve().parent / "cases" / "traj-two-services" / "recording"
QUESTION = "Why is checkout slow?"
ANSWER = "checkout-worker"
URL_ENVS = ("PROFILE_INSIGHTS_TEST_DATABASE_URL", "PROFILE_INSIGHTS_DATABASE_URL")


def _fresh_database(server: str) -> str:
    """Create an empty database on ``server`` and return its URL."""
    import psycopg

    name = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return server.rsplit("/", 1)[0] + "/" + name


def _drop_database(server: str, url: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        name = url.rsplit("/", 1)[1]
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _cli_round(
    store: list[str], repo: Path, recording: Path, env: dict[str, str]
) -> tuple[float, float]:
    """Ask in one process and answer in another; return both wall times."""
    started = time.perf_counter()
    asked = subprocess.run(
        [str(CONSOLE_SCRIPT), "ask", QUESTION, "--repo", str(repo), "--recording", str(recording)]
        + ["--no-input", *store],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    ask_seconds = time.perf_counter() - started
    if asked.returncode != 10:
        raise SystemExit(f"ask did not stop at the question: {asked.stderr}")
    thread = json.loads(asked.stdout)["thread_id"]
    started = time.perf_counter()
    answered = subprocess.run(
        [str(CONSOLE_SCRIPT), "resume", thread, "--answer", ANSWER, *store],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    resume_seconds = time.perf_counter() - started
    if answered.returncode != 0:
        raise SystemExit(f"resume failed: {answered.stderr}")
    return ask_seconds, resume_seconds


def _api_round(location: str, repo: Path, recording: Path, cache: Path) -> tuple[float, float]:
    """Ask and answer through the Python API on an open store; return both times."""
    from profile_insights.agent.api import NeedsInput, ask, make_context, resume, thread_store

    with thread_store(location) as store:
        context = make_context(repo=repo, recording=recording, cache_dir=cache)
        started = time.perf_counter()
        asked = ask(QUESTION, context=context, checkpointer=store)
        ask_seconds = time.perf_counter() - started
        assert isinstance(asked, NeedsInput)
        started = time.perf_counter()
        resume(asked.thread_id, ANSWER, checkpointer=store, cache_dir=cache)
        return ask_seconds, time.perf_counter() - started


def _medians(rounds: list[tuple[float, float]]) -> tuple[float, float]:
    return (
        statistics.median(r[0] for r in rounds),
        statistics.median(r[1] for r in rounds),
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured rounds per store")
    parser.add_argument("--database", help="Postgres server URL (default: from the env)")
    args = parser.parse_args(argv)
    server = args.database or next((os.environ[n] for n in URL_ENVS if os.environ.get(n)), None)
    if not server:
        print("bench_threads: no Postgres server (make bench starts one); skipped")
        return 0
    from profile_insights.agent.demo import create_demo_repo

    with tempfile.TemporaryDirectory(prefix="profile-insights-bench-") as temporary:
        root = Path(temporary)
        repo = root / "checkout"
        create_demo_repo(repo)
        recording = root / "recording"
        shutil.copytree(RECORDING, recording)  # real files (an editable install has symlinks)
        stores = {"sqlite": str(root / "state"), "postgres": _fresh_database(server)}
        env = {**os.environ, "XDG_CACHE_HOME": str(root / "cache"), "NO_COLOR": "1"}
        for name in ("PROFILE_INSIGHTS_DATABASE_URL", "PROFILE_INSIGHTS_STATE_DIR"):
            env.pop(name, None)
        measures: dict[str, Callable[[str], tuple[float, float]]] = {
            "cli": lambda where: _cli_round(["--state", where], repo, recording, env),
            "api": lambda where: _api_round(where, repo, recording, root / "api-cache"),
        }
        results: dict[tuple[str, str], list[tuple[float, float]]] = {}
        try:
            for measure, run in measures.items():
                for kind in stores:  # one warm-up each: the first sets up the tables
                    run(stores[kind])
                for _ in range(args.runs):
                    for kind, where in stores.items():
                        results.setdefault((measure, kind), []).append(run(where))
        finally:
            _drop_database(server, stores["postgres"])
    print(f"threads: ask until the question, then answer it ({args.runs} runs, medians)")
    print(f"{'entry':<5} {'store':<9} {'ask-and-pause':>14} {'resume':>9}")
    for (measure, kind), rounds in results.items():
        ask_median, resume_median = _medians(rounds)
        print(f"{measure:<5} {kind:<9} {ask_median:>12.3f} s {resume_median:>7.3f} s")
    for measure in measures:
        pg = _medians(results[(measure, "postgres")])
        lite = _medians(results[(measure, "sqlite")])
        print(
            f"{measure}: postgres/sqlite ask-and-pause {pg[0] / lite[0]:.2f}x, "
            f"resume {pg[1] / lite[1]:.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
