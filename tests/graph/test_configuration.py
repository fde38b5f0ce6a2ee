"""The configuration question: unset URL and refused credentials, against a real HTTP server.

The server is the project's replay server (a Pyroscope-compatible Connect API over a
recording) on loopback; the graph reaches it through ``HttpSource`` as it would a real one.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from langgraph.checkpoint.sqlite import SqliteSaver

from profile_insights.agent import api
from profile_insights.agent.errors import UserInputError
from profile_insights.agent.pyroscope.replay_server import ReplayServer
from profile_insights.agent.report.models import Report
from tests.graph.conftest import CPU, Entry, write_recording

TOKEN = "glsa_test_token_do_not_store_0123456789"


@pytest.fixture
def live_recording(tmp_path: Path, demo_cpu: bytes) -> Path:
    # HttpSource's "now" is the live clock, so the profile is placed just before it.
    return write_recording(
        tmp_path / "served",
        [Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))],
        now=datetime.now(UTC),
    )


@pytest.fixture(autouse=True)
def _no_profilecli_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "PROFILECLI_URL",
        "PROFILECLI_TOKEN",
        "PROFILECLI_TENANT_ID",
        "PROFILECLI_USERNAME",
        "PROFILECLI_PASSWORD",
    ):
        monkeypatch.delenv(name, raising=False)
    # profilecli is not installed here; make sure a developer's PATH cannot pick it.
    monkeypatch.setenv("PATH", "/usr/bin:/bin")


def test_unset_url_asks_how_to_connect_then_reports_after_the_answer(
    tmp_path: Path, live_recording: Path, demo_checkout: Path
) -> None:
    saver = SqliteSaver(sqlite3.connect(str(tmp_path / "threads.sqlite"), check_same_thread=False))
    context = api.make_context(repo=demo_checkout, cache_dir=tmp_path / "cache")
    asked = api.ask("Why is checkout slow?", context=context, checkpointer=saver)

    assert isinstance(asked, api.NeedsInput)
    assert asked.question.kind == "configure_connection"
    assert "PROFILECLI_URL is not set" in asked.question.message
    assert "http://localhost:4040" in asked.question.message
    assert "Viewer role" in asked.question.message

    with ReplayServer(live_recording) as server:
        report = api.resume(asked.thread_id, server.url, context=context, checkpointer=saver)
    assert isinstance(report, Report)
    assert report.services == ["checkout"]
    assert "http://127.0.0.1" in report.data.source


def test_refused_credentials_ask_again_and_the_token_never_reaches_the_checkpoint(
    tmp_path: Path, live_recording: Path, demo_checkout: Path
) -> None:
    database = tmp_path / "threads.sqlite"
    saver = SqliteSaver(sqlite3.connect(str(database), check_same_thread=False))
    with ReplayServer(live_recording, token=TOKEN) as server:
        context = api.make_context(repo=demo_checkout, url=server.url, cache_dir=tmp_path / "cache")
        asked = api.ask("Why is checkout slow?", context=context, checkpointer=saver)
        assert isinstance(asked, api.NeedsInput)
        assert asked.question.kind == "configure_connection"
        assert "refused the credentials" in asked.question.message

        # The token is typed by the user: it goes to the context's secret store, the answer
        # itself is only "retry".
        report = api.resume(
            asked.thread_id, "retry", context=context, token=TOKEN, checkpointer=saver
        )
    assert isinstance(report, Report)
    assert report.hot_functions
    saver.conn.commit()
    assert TOKEN.encode() not in database.read_bytes()
    assert TOKEN not in repr(context)
    assert TOKEN not in str(saver.get_tuple({"configurable": {"thread_id": asked.thread_id}}))


def test_an_invalid_url_answer_is_refused_and_the_question_stays_pending(
    tmp_path: Path, demo_checkout: Path
) -> None:
    saver = SqliteSaver(sqlite3.connect(str(tmp_path / "threads.sqlite"), check_same_thread=False))
    context = api.make_context(repo=demo_checkout, cache_dir=tmp_path / "cache")
    asked = api.ask("Why is checkout slow?", context=context, checkpointer=saver)
    assert isinstance(asked, api.NeedsInput)

    with pytest.raises(UserInputError, match="http:// or https://"):
        api.resume(asked.thread_id, "ftp://example.com", context=context, checkpointer=saver)
    pending = api.pending_question(asked.thread_id, checkpointer=saver)
    assert pending is not None and pending.question.kind == "configure_connection"


@pytest.mark.slow
def test_an_unreachable_server_asks_how_to_connect_with_the_error_seen(
    tmp_path: Path, demo_checkout: Path
) -> None:
    context = api.make_context(
        repo=demo_checkout, url="http://127.0.0.1:9", cache_dir=tmp_path / "cache"
    )
    asked = api.ask("Why is checkout slow?", context=context)
    assert isinstance(asked, api.NeedsInput)
    assert asked.question.kind == "configure_connection"
    assert "cannot reach Pyroscope at http://127.0.0.1:9" in asked.question.message
