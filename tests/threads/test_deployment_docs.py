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
