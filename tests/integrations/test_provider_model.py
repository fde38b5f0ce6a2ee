"""``--model provider:model`` through the real LangChain provider stack, with no network.

What this proves: ``--model openai:gpt-test`` goes through ``init_chat_model`` and
langchain-openai's ``ChatOpenAI`` (the ``llm`` extra) to an OpenAI-compatible server named by
``OPENAI_BASE_URL``; the one analysis call carries the system prompt's reply shape and the
demo's hot row; the JSON reply becomes a model finding citing that row; the report's token
counts are the server's ``usage``; the API key reaches the server but never the output. A
model that answers prose instead of JSON still gives exit 0 with the deterministic report and
a note. The server is a ``ThreadingHTTPServer`` on 127.0.0.1 that answers
``POST /v1/chat/completions`` the way the OpenAI API does and records every request.
"""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from profile_insights.agent.cli.app import main
from profile_insights.agent.demo import create_demo_repo, demo_recording_dir
from tests.conftest import REPO_ROOT, require
from tests.fake_models import COUPON, COUPON_RANK

QUESTION = "Why is checkout slow?"
API_KEY = "sk-dummy-provider-test-7f3a9c"
USAGE = {"prompt_tokens": 2345, "completion_tokens": 456, "total_tokens": 2801}
HOT_PLACE = "internal/pricing/pricing.go:61"
ANALYSIS: dict[str, Any] = {
    "summary": "Checkout spends its CPU compiling the coupon regexp on every call.",
    "findings": [
        {
            "title": "validCoupon compiles the coupon regexp on every call",
            "kind": "cpu_hotspot",
            "why": "regexp.MustCompile(couponPattern) runs once per coupon check.",
            "fix": "Compile the pattern once in a package-level var.",
            "rows": [COUPON_RANK],
            "refs": [HOT_PLACE],
        }
    ],
}


@dataclass
class FakeOpenAI:
    """An OpenAI-compatible chat completions endpoint: one scripted reply, every request kept."""

    base_url: str
    reply: str = json.dumps(ANALYSIS)
    requests: list[dict[str, Any]] = field(default_factory=list)


def _handler(server: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            headers = {name.lower(): value for name, value in self.headers.items()}
            server.requests.append({"path": self.path, "headers": headers, "body": body})
            if self.path != "/v1/chat/completions":
                self.send_error(404)
                return
            payload = json.dumps(
                {
                    "id": f"chatcmpl-test-{len(server.requests)}",
                    "object": "chat.completion",
                    "created": 1_764_000_000,
                    "model": body.get("model", "gpt-test"),
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": server.reply},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": USAGE,
                }
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def fake_openai(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAI]:
    try:
        import langchain_openai  # noqa: F401
        from langchain.chat_models import init_chat_model  # noqa: F401
    except ImportError:
        require(False, "langchain and langchain-openai are not installed (llm/dev extra)")
    fake = FakeOpenAI(base_url="")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.base_url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    for name in (
        "OPENAI_API_BASE",
        "OPENAI_ORGANIZATION",
        "OPENAI_PROJECT",
        "LANGSMITH_TRACING",
        "LANGCHAIN_TRACING_V2",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)
    try:
        yield fake
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PROFILE_INSIGHTS_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_COLOR", "1")
    for name in ("PROFILECLI_URL", "PROFILECLI_TOKEN", "PROFILECLI_TENANT_ID"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.fixture
def demo(isolated: Path) -> tuple[Path, Path]:
    """Return the demo checkout and a copy of its recording, both under the test's tmp dir."""
    require(shutil.which("git") is not None, "git is not installed")
    repo = isolated / "checkout"
    create_demo_repo(repo)
    recording = isolated / "recording"
    shutil.copytree(demo_recording_dir(), recording)
    return repo, recording


def _ask(
    demo: tuple[Path, Path], capsys: pytest.CaptureFixture[str], *model: str
) -> tuple[int, dict[str, Any], str]:
    repo, recording = demo
    argv = ["ask", QUESTION, "--repo", str(repo), "--recording", str(recording)]
    code = main([*argv, *model, "--format", "json", "--no-input"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, json.loads(out), out + err


def _message_text(message: dict[str, Any]) -> str:
    content = message["content"]
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content)


def test_an_openai_model_name_runs_the_analysis_through_an_openai_compatible_server(
    fake_openai: FakeOpenAI,
    demo: tuple[Path, Path],
    isolated: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, report, output = _ask(demo, capsys, "--model", "openai:gpt-test")

    assert code == 0, output
    assert report["status"] == "report"
    assert report["llm"]["calls"] == 1 and report["llm"]["model"] == "gpt-test"
    assert report["llm"]["input_tokens"] == USAGE["prompt_tokens"]
    assert report["llm"]["output_tokens"] == USAGE["completion_tokens"]
    assert report["summary"] == ANALYSIS["summary"]
    [finding] = [f for f in report["findings"] if f["source"] == "model"]
    assert finding["title"] == ANALYSIS["findings"][0]["title"]
    assert finding["code_refs"] == [HOT_PLACE]
    [evidence] = finding["evidence"]
    assert (evidence["function"], evidence["file"], evidence["line"]) == (
        COUPON,
        "internal/pricing/pricing.go",
        61,
    )

    [request] = fake_openai.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["body"]["model"] == "gpt-test"
    assert request["headers"]["authorization"] == f"Bearer {API_KEY}"
    system, human = request["body"]["messages"]
    assert system["role"] == "system" and human["role"] == "user"
    assert '{"summary":"2-3 sentences","findings":[{"title":""' in _message_text(system)
    rows = _message_text(human).splitlines()
    hot = [r for r in rows if r.startswith(f"{COUPON_RANK} ") and r.endswith(HOT_PLACE)]
    assert hot and "pricing.validCoupon" in hot[0], rows

    # The key went to the server, and nowhere else: not the report, the log or the state dir.
    assert API_KEY not in output
    for path in (isolated / "state").rglob("*"):
        if path.is_file():
            assert API_KEY.encode() not in path.read_bytes(), path


def test_a_provider_model_that_answers_prose_leaves_the_deterministic_report_and_a_note(
    fake_openai: FakeOpenAI, demo: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, without_model, _ = _ask(demo, capsys)
    assert code == 0 and without_model["llm"]["calls"] == 0
    fake_openai.reply = "Checkout is slow because validCoupon compiles a regexp on every call."

    code, report, output = _ask(demo, capsys, "--model", "openai:gpt-test")

    assert code == 0, output
    assert len(fake_openai.requests) == 1
    assert report["llm"]["calls"] == 1
    # The unparsable answer was still paid for.
    assert report["llm"]["input_tokens"] == USAGE["prompt_tokens"]
    assert report["findings"] == without_model["findings"]
    assert all(f["source"] != "model" for f in report["findings"])
    assert report["summary"] == without_model["summary"]
    assert any("did not answer with the requested JSON" in note for note in report["notes"])
    assert API_KEY not in output


@pytest.mark.eval
def test_eval_with_an_openai_model_name_counts_the_servers_tokens(
    fake_openai: FakeOpenAI, isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = isolated / "evals.json"
    code = main(
        [
            "eval",
            "--cases",
            str(REPO_ROOT / "evals" / "cases"),
            "--case",
            "go-cpu-search",
            "--model",
            "openai:gpt-test",
            "--json",
            str(out),
        ]
    )
    output = "".join(capsys.readouterr())
    document = json.loads(out.read_text())
    [case] = document["cases"]
    assert code == 0, output
    assert document["model"] == "openai:gpt-test"
    # The scripted reply is about the demo, not this case: it must not cost a score.
    assert case["passed"], case["scores"]
    assert case["model_calls"] == len(fake_openai.requests) == 1
    assert (case["input_tokens"], case["output_tokens"]) == (
        USAGE["prompt_tokens"],
        USAGE["completion_tokens"],
    )
    assert API_KEY not in output + out.read_text()
