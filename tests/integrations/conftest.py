"""Fixtures shared by the integration tests: a LangGraph dev server serving langgraph.json."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO_ROOT, require

LANGGRAPH = Path(sys.executable).parent / "langgraph"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def langgraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require(LANGGRAPH.exists(), "langgraph-cli[inmem] is not installed (dev extra)")
    work = tmp_path_factory.mktemp("langgraph-dev")
    port = free_port()
    log = (work / "server.log").open("w")
    # Run from a scratch directory: the dev server keeps its data in ./.langgraph_api.
    process = subprocess.Popen(
        [
            str(LANGGRAPH),
            "dev",
            "--config",
            str(REPO_ROOT / "langgraph.json"),
            "--no-browser",
            "--no-reload",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=work,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={
            **os.environ,
            "LANGSMITH_TRACING": "false",
            "LANGCHAIN_TRACING_V2": "false",
            # A run without cache_dir uses the default cache: keep it in the scratch directory.
            "XDG_CACHE_HOME": str(work / "cache"),
        },
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"

    def log_tail() -> str:
        return (work / "server.log").read_text()[-3000:]

    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                pytest.fail(f"langgraph dev exited:\n{log_tail()}")
            try:
                if httpx.get(f"{url}/ok", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"langgraph dev not ready:\n{log_tail()}")
            time.sleep(0.5)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
