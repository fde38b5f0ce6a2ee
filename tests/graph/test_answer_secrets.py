"""A refused answer never reaches the thread's saved state (LangGraph saves resume values)."""

from __future__ import annotations

from pathlib import Path

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from profile_insights.agent import api
from profile_insights.agent.errors import UserInputError

PASSWORD = "hunter2-do-not-store"


@pytest.fixture(autouse=True)
def _no_server_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "PROFILECLI_URL",
        "PROFILECLI_TOKEN",
        "PROFILECLI_TENANT_ID",
        "PROFILECLI_USERNAME",
        "PROFILECLI_PASSWORD",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")  # no profilecli: the HTTP source is chosen


def test_a_url_answer_carrying_a_password_is_refused_before_it_is_saved(
    tmp_path: Path, demo_checkout: Path
) -> None:
    saver = InMemorySaver()
    context = api.make_context(repo=demo_checkout, cache_dir=tmp_path)
    first = api.ask("Why is checkout slow?", context=context, checkpointer=saver)
    assert isinstance(first, api.NeedsInput)
    assert first.question.kind == "configure_connection"

    with pytest.raises(UserInputError, match="credentials") as raised:
        api.resume(
            first.thread_id,
            f"http://admin:{PASSWORD}@127.0.0.1:9",
            context=context,
            checkpointer=saver,
        )

    assert PASSWORD not in str(raised.value)
    # The saver keeps serialised bytes; their repr shows any ASCII text they hold.
    saved = repr((saver.storage, saver.writes, saver.blobs))
    assert PASSWORD not in saved and "admin:" not in saved
    # The question is still pending, so the user can answer again.
    assert api.pending_question(first.thread_id, checkpointer=saver) == first


@pytest.mark.parametrize(
    "url",
    [
        f"http://admin:{PASSWORD}@127.0.0.1:9",
        f"http://admin:{PASSWORD}@[::1",  # not even a URL: still never echoed
    ],
)
def test_a_password_in_profilecli_url_is_neither_shown_nor_saved(
    url: str, tmp_path: Path, demo_checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # profilecli accepts credentials in PROFILECLI_URL; they must become Basic auth, not text.
    monkeypatch.setenv("PROFILECLI_URL", url)
    saver = InMemorySaver()
    context = api.make_context(repo=demo_checkout, cache_dir=tmp_path)

    result = api.ask("Why is checkout slow?", context=context, checkpointer=saver)

    assert isinstance(result, api.NeedsInput)
    assert result.question.kind == "configure_connection"
    assert PASSWORD not in result.question.message
    saved = repr((saver.storage, saver.writes, saver.blobs))
    assert PASSWORD not in saved and "admin:" not in saved
