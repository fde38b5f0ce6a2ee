"""A server that echoes every request header back: no credential ever comes back to the user.

For every way of authenticating (a bearer token, Basic from PROFILECLI_USERNAME/PASSWORD, Basic
from credentials in PROFILECLI_URL, a token with a tenant), the echo server quotes the request's
headers in its 401 and 500 bodies, and, in its 200 answers, in label values and function names.
``ask`` must then show none of the credentials, in any form (the token, the password, the Basic
header's base64 value), on stdout, stderr, in the log, the thread store, the cache or the report.
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from profile_insights.agent.cli.app import main
from profile_insights.agent.pyroscope import pyroscope_api_pb2 as api
from tests.hostile import files
from tests.hostile.conftest import Sandbox
from tests.hostile.fault_server import FaultServer, Reply, Seen
from tests.hostile.figures import record_case, record_fault

TOKEN = "glsa_EchoedBackToken_5f1c7f0e"
USER = "tenant-831"
PASSWORD = "pw_EchoedBack_Secret_42"
BASIC = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()


@dataclass(frozen=True)
class AuthMode:
    """How the user authenticates, and every form in which the secret could leak."""

    name: str
    env: Callable[[str], dict[str, str]]
    secrets: tuple[str, ...]


MODES = [
    AuthMode(
        "bearer-token",
        lambda url: {"PROFILECLI_URL": url, "PROFILECLI_TOKEN": TOKEN},
        (TOKEN,),
    ),
    AuthMode(
        "basic-from-username-and-password",
        lambda url: {
            "PROFILECLI_URL": url,
            "PROFILECLI_USERNAME": USER,
            "PROFILECLI_PASSWORD": PASSWORD,
        },
        (PASSWORD, BASIC, BASIC.rstrip("=")),
    ),
    AuthMode(
        "basic-from-the-url",
        lambda url: {"PROFILECLI_URL": url.replace("http://", f"http://{USER}:{PASSWORD}@")},
        (PASSWORD, BASIC, BASIC.rstrip("=")),
    ),
    AuthMode(
        "token-with-a-tenant",
        lambda url: {
            "PROFILECLI_URL": url,
            "PROFILECLI_TOKEN": TOKEN,
            "PROFILECLI_TENANT_ID": USER,
        },
        (TOKEN,),
    ),
]


def _headers_of(request: Seen) -> str:
    return "; ".join(f"{name}: {value}" for name, value in request.headers.items())


def echo_401(request: Seen) -> Reply:
    message = f"invalid credentials in request: {_headers_of(request)}"
    body = json.dumps({"code": "unauthenticated", "message": message}).encode()
    return Reply(401, body, {"Content-Type": "application/json"})


def echo_500(request: Seen) -> Reply:
    message = f"panic serving request with headers {_headers_of(request)}"
    body = json.dumps({"code": "internal", "message": message}).encode()
    return Reply(500, body, {"Content-Type": "application/json"})


def echo_500_text(request: Seen) -> Reply:
    return Reply(500, f"proxy error, request was {_headers_of(request)}".encode())


def echo_in_data(request: Seen) -> Reply:
    echoed = request.headers.get("authorization", "")
    if request.path.endswith("/Series"):
        labels = [
            {"name": "service_name", "value": "checkout"},
            {"name": "__profile_type__", "value": files.CPU},
            {"name": "service_repository", "value": f"https://x/{echoed}"},
        ]
        body = json.dumps({"labelsSet": [{"labels": labels}]}).encode()
        return Reply(200, body, {"Content-Type": "application/json"})
    profile = files.demo_profile()
    for function in profile.function:
        name = profile.string_table[function.name]
        if "validCoupon" in name:
            profile.string_table.append(f"{name}.leak[{echoed}|{_decoded(echoed)}]")
            function.name = len(profile.string_table) - 1
    answer = api.SelectMergeStacktracesResponse(
        pprof=api.PprofProfile(profile=files.encoded(profile))
    )
    return Reply(200, answer.SerializeToString(), {"Content-Type": "application/proto"})


def _decoded(authorization: str) -> str:
    scheme, _, value = authorization.partition(" ")
    if scheme != "Basic":
        return value
    return base64.b64decode(value).decode()


ECHOES = {
    "echo-401": echo_401,
    "echo-500": echo_500,
    "echo-500-text": echo_500_text,
    "echo-in-data": echo_in_data,
}
EXIT = {"echo-401": 10, "echo-500": 10, "echo-500-text": 10, "echo-in-data": 0}


@pytest.fixture(scope="module")
def echo_server() -> Iterator[FaultServer]:
    """Start the echo server for the module."""
    with FaultServer() as server:
        yield server


def _everything_written(sandbox: Sandbox) -> Iterator[tuple[Path, bytes]]:
    for path in sandbox.root.rglob("*"):
        if path.is_file():
            yield path, path.read_bytes()


@pytest.mark.parametrize("echo", sorted(ECHOES))
@pytest.mark.parametrize("mode", MODES, ids=lambda mode: mode.name)
def test_no_credential_comes_back_from_a_server_that_echoes_them(
    mode: AuthMode,
    echo: str,
    echo_server: FaultServer,
    sandbox: Sandbox,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record_case("cli ask")
    caplog.set_level(logging.DEBUG, logger="profile_insights")
    fault = f"{echo}-{mode.name}"
    echo_server.behave(fault, ECHOES[echo])
    for name, value in mode.env(echo_server.url).items():
        monkeypatch.setenv(name, value)
    before = echo_server.seen[fault]
    code = main(
        [
            "ask",
            files.QUESTION,
            "--repo",
            str(files.DEMO_SERVICE),
            "--no-input",
            "--timeout",
            "5",
        ]
    )
    out, err = capfd.readouterr()
    record_fault(fault, echo_server.seen[fault] - before)
    assert echo_server.seen[fault] > before  # the server was asked (and echoed)
    assert code == EXIT[echo], err[-800:]
    assert "Traceback" not in err
    if echo in ("echo-401", "echo-500"):
        question = json.loads(out.strip().splitlines()[-1])["question"]["message"]
        assert "**********" in question  # the echo is shown, its credential replaced
    elif echo == "echo-in-data":
        assert "validCoupon.leak[" in out  # the echoed function name reached the report
    shown = {"stdout": out, "stderr": err, "log": caplog.text}
    written = dict(_everything_written(sandbox))
    assert any(path.name == "threads.sqlite" for path in written)
    for secret in mode.secrets:
        for where, text in shown.items():
            assert secret not in text, f"{secret!r} leaked on {where}"
        for path, data in written.items():
            assert secret.encode() not in data, f"{secret!r} leaked into {path}"
