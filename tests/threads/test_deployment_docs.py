"""The Python block of docs/deployment.md runs as written, on a real Postgres."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

DOC = REPO_ROOT / "docs/deployment.md"
PLACEHOLDER = "postgresql://insights:PASSWORD@db.internal:5432/insights"


def test_the_thread_store_example_asks_in_one_store_session_and_answers_in_another(
    database: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (code,) = re.findall(r"^```python\n(.*?)^```", DOC.read_text(), re.M | re.S)
    assert PLACEHOLDER in code
    monkeypatch.chdir(REPO_ROOT)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code.replace(PLACEHOLDER, database), str(DOC), "exec"), {})
    assert "['checkout-worker']" in out.getvalue()
    assert "pricing.validCoupon" in out.getvalue()


def test_a_url_without_its_password_takes_it_from_pgpassword(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from urllib.parse import urlsplit

    from profile_insights.agent import thread_store

    password = str(urlsplit(database).password)
    bare = database.replace(f":{password}@", "@")
    monkeypatch.setenv("PGPASSWORD", password)
    with thread_store(bare) as store:
        assert list(store.list(None, limit=1)) == []


def test_thread_store_without_a_location_opens_the_database_of_the_environment(
    database: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    two_services: Path,
    demo_checkout: Path,
) -> None:
    import psycopg

    from profile_insights.agent import NeedsInput, ask, make_context, thread_store

    monkeypatch.setenv("PROFILE_INSIGHTS_DATABASE_URL", database)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("PROFILE_INSIGHTS_STATE_DIR", raising=False)
    context = make_context(repo=demo_checkout, recording=two_services, cache_dir=tmp_path / "c")
    with thread_store() as store:
        asked = ask("Why is checkout slow?", context=context, checkpointer=store)
    assert isinstance(asked, NeedsInput)
    with psycopg.connect(database) as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM checkpoints WHERE thread_id = %s", (asked.thread_id,)
        ).fetchone() or (0,)
    assert count > 0
    assert not list((tmp_path / "state").rglob("threads.sqlite"))  # not the SQLite default
