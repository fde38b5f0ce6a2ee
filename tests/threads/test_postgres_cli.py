"""Threads in Postgres through the CLI, as two machines sharing one database would use it.

Each "machine" is a process with its own home, state directory and profile cache; only the
Postgres URL is shared. Every test gets an empty database, so the first command also sets up
the checkpointer's tables.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.threads.conftest import Machine, run_cli

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_a_question_asked_on_one_machine_is_answered_from_postgres_on_another(
    database: str, machines: list[Machine], two_services: Path, demo_checkout: Path
) -> None:
    first, second = machines
    asked = run_cli(
        "ask",
        "Why is checkout slow?",
        "--repo",
        str(demo_checkout),
        "--recording",
        str(two_services),
        "--format",
        "json",
        "--no-input",
        "--state",
        database,
        machine=first,
    )
    assert asked.returncode == 10, asked.stderr
    pending = json.loads(asked.stdout)
    assert pending["question"]["kind"] == "choose_service"
    assert "--state or PROFILE_INSIGHTS_DATABASE_URL" in asked.stderr
    assert str(urlsplit(database).password) not in asked.stderr + asked.stdout

    # Another machine: its own state directory and an empty cache, the URL from the environment,
    # and no options at all: the checkout, recording and format come with the thread.
    answered = run_cli(
        "resume",
        pending["thread_id"],
        "--answer",
        "checkout-worker",
        machine=second,
        PROFILE_INSIGHTS_DATABASE_URL=database,
    )
    assert answered.returncode == 0, answered.stderr
    assert "Traceback" not in answered.stderr
    report = json.loads(answered.stdout)
    assert report["question"] == "Why is checkout slow?"
    assert report["services"] == ["checkout-worker"]
    assert report["hot_functions"][0]["function"].endswith("pricing.validCoupon")
    assert report["hot_functions"][0]["in_repo"] is True  # the first machine's checkout
    # The profile was fetched on the second machine, into its own cache.
    assert second.cached_profiles() and not first.cached_profiles()
    assert not (first.home / "state" / "profile-insights" / "threads.sqlite").exists()
    assert not (second.home / "state" / "profile-insights" / "threads.sqlite").exists()

    again = run_cli(
        "resume",
        pending["thread_id"],
        "--answer",
        "checkout-api",
        "--state",
        database,
        machine=first,
    )
    assert again.returncode == 1
    assert "already answered" in again.stderr and "Traceback" not in again.stderr


def _wrong_password(url: str) -> str:
    parts = urlsplit(url)
    return url.replace(f":{parts.password}@", ":not-the-password@")


def _unreachable(url: str) -> str:
    parts = urlsplit(url)
    return url.replace(f"@{parts.hostname}:{parts.port}", f"@{parts.hostname}:1")


def _no_such_database(url: str) -> str:
    return url.rsplit("/", 1)[0] + "/no_such_database"


@pytest.mark.parametrize(
    ("command", "spoil", "reason"),
    [
        ("ask", _wrong_password, "password authentication failed"),
        ("ask", _unreachable, "Connection refused"),
        ("ask", _no_such_database, 'database "no_such_database" does not exist'),
        ("resume", _wrong_password, "password authentication failed"),
        ("mcp", _unreachable, "Connection refused"),
    ],
    ids=["ask-wrong-password", "ask-unreachable", "ask-no-database", "resume", "mcp"],
)
def test_a_bad_database_url_ends_in_one_paragraph_naming_it_without_the_password(
    command: str, spoil, reason: str, database: str, machines: list[Machine], two_services: Path
) -> None:
    url = spoil(database)
    arguments = {
        "ask": ["ask", "Why is checkout slow?", "--recording", str(two_services), "--no-input"],
        "resume": ["resume", "some-thread", "--answer", "checkout-worker"],
        "mcp": ["mcp", "--recording", str(two_services)],
    }[command]
    done = run_cli(*arguments, "--state", url, machine=machines[0])

    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    for secret in {urlsplit(url).password, urlsplit(database).password}:
        assert secret not in done.stderr + done.stdout
    # The first progress line ("… start ask: loading the graph") comes before anything runs.
    lines = [line for line in done.stderr.splitlines() if line.strip() and line[0] != "…"]
    assert len(lines) <= 2, done.stderr  # the message, then what to do
    message = " ".join("\n".join(lines).split())
    shown = url.replace(f":{urlsplit(url).password}@", ":***@")
    assert f"cannot open the thread store {shown}: " in message
    assert reason in message
    assert "Check the URL's host, port, user, password and database name" in message


def test_a_database_url_in_the_environment_that_is_not_postgres_is_refused(
    machines: list[Machine], two_services: Path
) -> None:
    done = run_cli(
        "ask",
        "Why is checkout slow?",
        "--recording",
        str(two_services),
        machine=machines[0],
        PROFILE_INSIGHTS_DATABASE_URL="mysql://root:hunter2@db/threads",
    )
    assert done.returncode == 1
    assert "hunter2" not in done.stderr
    assert "PROFILE_INSIGHTS_DATABASE_URL is not a postgresql:// URL" in " ".join(
        done.stderr.split()
    )


def test_resume_names_the_store_without_its_password_when_the_thread_is_not_there(
    database: str, machines: list[Machine]
) -> None:
    done = run_cli("resume", "nothing-here", "--state", database, machine=machines[0])
    assert done.returncode == 1
    message = " ".join(done.stderr.split())
    assert re.search(
        r"no thread nothing-here in postgresql://postgres:\*\*\*@127\.0\.0\.1:\d+/", message
    )
    assert "the same --state or PROFILE_INSIGHTS_DATABASE_URL" in message
    assert str(urlsplit(database).password) not in done.stderr
