"""A bare JSON-lines client for ``profile-insights mcp``: it can send what no SDK client sends.

The official client validates what it sends; a hostile or broken client does not. This one
writes raw lines to the server's stdin and reads its answers, matched by ``id``.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

CLI = Path(sys.executable).parent / "profile-insights"


class RawMcpClient:
    """A server process and the answers it wrote, read by a thread."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path) -> None:
        """Start ``profile-insights mcp ARGS`` and complete the MCP handshake."""
        self.process = subprocess.Popen(
            [str(CLI), "mcp", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=cwd,
        )
        self._answers: queue.Queue[dict[str, Any]] = queue.Queue()
        self._errors: list[bytes] = []
        self._next_id = 100
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        hello = self.request(
            "initialize",
            {
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": {"name": "hostile-corpus", "version": "1"},
            },
        )
        assert "result" in hello, hello
        self.send_line(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}))

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            try:
                self._answers.put(json.loads(line))
            except ValueError:
                self._answers.put({"unreadable": line.decode(errors="replace")})

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._errors.append(line)

    @property
    def stderr(self) -> str:
        """Return what the server wrote on stderr so far."""
        return b"".join(self._errors).decode(errors="replace")

    def send_line(self, line: str) -> None:
        """Write one line (anything) to the server."""
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode("utf-8", "surrogatepass") + b"\n")
        self.process.stdin.flush()

    def next_id(self) -> int:
        """Return a request ID not used before."""
        self._next_id += 1
        return self._next_id

    def answer(self, request_id: int | None, timeout: float = 60) -> dict[str, Any]:
        """Return the next answer with ``request_id`` (None: an answer to an unreadable line)."""
        while True:
            message = self._answers.get(timeout=timeout)
            if message.get("id") == request_id or "unreadable" in message:
                return message

    def request(self, method: str, params: Any) -> dict[str, Any]:
        """Send a well-formed request and return its answer."""
        request_id = self.next_id()
        self.send_line(
            json.dumps({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        )
        return self.answer(request_id)

    def close(self) -> int:
        """Close stdin and return the server's exit code."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            return self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()


def text_of(answer: dict[str, Any]) -> tuple[bool, str]:
    """Return (is it an error, the text a user reads) of a tools/call or JSON-RPC answer."""
    if "error" in answer:
        error = answer["error"]
        return True, f"{error.get('code')} {error.get('message', '')}"
    result = answer.get("result") or {}
    text = "".join(part.get("text", "") for part in result.get("content", []))
    return bool(result.get("isError")), text
