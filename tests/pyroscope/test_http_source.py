"""HttpSource against the replay server over real loopback HTTP (no mocks on the wire)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from profile_insights.agent.errors import (
    AuthenticationError,
    ConfigurationError,
    ConnectionFailedError,
    InvalidQueryError,
    QueryRangeError,
    QueryTimeoutError,
)
from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.pyroscope.http_source import HttpSource
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.pyroscope.replay_server import Faults, ReplayServer
from profile_insights.agent.pyroscope.retry import RetryPolicy
from profile_insights.agent.pyroscope.settings import ConnectionSettings
from profile_insights.agent.pyroscope.source import ProfileSource

from .conftest import CPU_TYPE, INUSE_TYPE

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
SIX_HOURS = (NOW - timedelta(hours=6), NOW)
CHECKOUT = '{service_name="checkout"}'
FAST_RETRY = RetryPolicy(attempts=3, initial_wait=0.01, max_wait=0.02, jitter=0.01)
TOKEN = "glsa_TestToken_DoNotLeak_123"


def _source(url: str, **settings: object) -> HttpSource:
    return HttpSource(ConnectionSettings(url=url, **settings), retry=FAST_RETRY, timeout=10)


@pytest.fixture
def server(recording_dir: Path) -> Iterator[ReplayServer]:
    with ReplayServer(recording_dir) as running:
        yield running


def test_http_source_answers_like_the_recording(server: ReplayServer, recording_dir: Path) -> None:
    source = _source(server.url)
    recorded = RecordedSource(recording_dir)
    assert isinstance(source, ProfileSource)
    assert source.profile_types(*SIX_HOURS) == recorded.profile_types(*SIX_HOURS)
    assert source.series("{}", ["service_name", "__profile_type__"], *SIX_HOURS) == (
        recorded.series("{}", ["service_name", "__profile_type__"], *SIX_HOURS)
    )
    for profile_type in (CPU_TYPE, INUSE_TYPE):
        over_http = source.merge_profile(CHECKOUT, profile_type, *SIX_HOURS)
        from_disk = recorded.merge_profile(CHECKOUT, profile_type, *SIX_HOURS)
        assert not over_http.empty
        assert over_http.data == from_disk.data
    assert source.label_names(CHECKOUT, *SIX_HOURS) == sorted(
        recorded.series(CHECKOUT, [], *SIX_HOURS)[0].labels
    )
    assert server.hits["/querier.v1.QuerierService/SelectMergeStacktraces"] == 2
    assert server.hits["/querier.v1.QuerierService/SelectMergeProfile"] == 0


def test_empty_range_is_an_empty_profile_not_an_error(server: ReplayServer) -> None:
    merged = _source(server.url).merge_profile(CHECKOUT, CPU_TYPE, NOW - timedelta(hours=1), NOW)
    assert merged.empty and merged.data == b""
    # An empty pprof answer is still a pprof answer: no fallback to the old RPC.
    assert server.hits["/querier.v1.QuerierService/SelectMergeProfile"] == 0


def test_falls_back_to_select_merge_profile_on_older_servers(recording_dir: Path) -> None:
    with ReplayServer(recording_dir, pprof_format=False) as server:
        source = _source(server.url)
        first = source.merge_profile(CHECKOUT, CPU_TYPE, *SIX_HOURS)
        second = source.merge_profile(CHECKOUT, CPU_TYPE, *SIX_HOURS)
    expected = RecordedSource(recording_dir).merge_profile(CHECKOUT, CPU_TYPE, *SIX_HOURS)
    assert first.data == second.data == expected.data
    # Like profilecli, ask for PPROF once; after the fallback go straight to the old RPC.
    assert server.hits["/querier.v1.QuerierService/SelectMergeStacktraces"] == 1
    assert server.hits["/querier.v1.QuerierService/SelectMergeProfile"] == 2


def test_grafana_proxy_path_prefix_is_kept(recording_dir: Path) -> None:
    prefix = "/api/datasources/proxy/uid/pyro1"
    with ReplayServer(recording_dir, path_prefix=prefix) as server:
        assert server.url.endswith(prefix)
        assert _source(server.url).series(CHECKOUT, ["service_name"], *SIX_HOURS)
        root = server.url.removesuffix(prefix)
        with pytest.raises(ConnectionFailedError) as caught:
            _source(root).series(CHECKOUT, [], *SIX_HOURS)
    assert "404" in caught.value.message
    assert "/api/datasources/proxy/uid/" in caught.value.hint


def test_missing_token_is_401_and_wrong_token_403(recording_dir: Path) -> None:
    with ReplayServer(recording_dir, token=TOKEN) as server:
        with pytest.raises(AuthenticationError) as missing:
            _source(server.url).series("{}", [], *SIX_HOURS)
        with pytest.raises(AuthenticationError) as wrong:
            _source(server.url, token=SecretStr("glsa_wrong")).series("{}", [], *SIX_HOURS)
        good = _source(server.url, token=SecretStr(TOKEN)).series(
            "{}", ["service_name"], *SIX_HOURS
        )
        # The SDKs' Basic auth carries the token as the password.
        basic = _source(server.url, username="12345", password=SecretStr(TOKEN))
        assert basic.profile_types(*SIX_HOURS)
    assert "unauthenticated" in missing.value.message
    assert "permission_denied" in wrong.value.message
    for error in (missing.value, wrong.value):
        assert "PROFILECLI_TOKEN" in str(error) and "PROFILECLI_TENANT_ID" in str(error)
        assert TOKEN not in str(error)
    assert {s.labels["service_name"] for s in good} == {"checkout", "payments"}
    # 4xx are never retried.
    assert server.hits["/querier.v1.QuerierService/Series"] == 3


def test_multi_tenant_server_needs_the_tenant_header(recording_dir: Path) -> None:
    with ReplayServer(recording_dir, require_tenant=True) as server:
        with pytest.raises(AuthenticationError, match="no org id"):
            _source(server.url).profile_types(*SIX_HOURS)
        assert _source(server.url, tenant_id="acme").profile_types(*SIX_HOURS)


def test_bad_queries_are_invalid_query_errors_with_the_server_reason(server: ReplayServer) -> None:
    source = _source(server.url)
    with pytest.raises(InvalidQueryError) as bad_selector:
        source.merge_profile("{service_name=", CPU_TYPE, *SIX_HOURS)
    assert "parse error" in bad_selector.value.message
    assert "invalid_argument" in bad_selector.value.message
    with pytest.raises(InvalidQueryError, match="profile-type selection"):
        source.merge_profile(CHECKOUT, "cpu", *SIX_HOURS)
    with pytest.raises(InvalidQueryError):
        source.series('{service_name="x"}; rm -rf /', [], *SIX_HOURS)
    with pytest.raises(QueryRangeError, match="max_query_length") as too_long:
        source.merge_profile(CHECKOUT, CPU_TYPE, NOW - timedelta(days=7), NOW)
    assert "24 hours" in too_long.value.hint
    assert server.hits["/querier.v1.QuerierService/SelectMergeStacktraces"] == 3


def test_503_is_retried_until_it_succeeds(
    recording_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="profile_insights")
    with ReplayServer(recording_dir, faults=Faults(fail_first=2, status=503)) as server:
        source = _source(server.url, token=SecretStr(TOKEN))
        types = source.profile_types(*SIX_HOURS)
    assert len(types) == 4
    assert server.hits["/querier.v1.QuerierService/ProfileTypes"] == 3
    retries = [r for r in caplog.records if "retrying" in r.getMessage()]
    assert len(retries) == 2 and all(r.levelno == logging.DEBUG for r in retries)
    assert TOKEN not in caplog.text


@pytest.mark.parametrize("status", [503, 502, 504])
def test_persistent_gateway_errors_end_in_connection_failed(
    recording_dir: Path, status: int
) -> None:
    with ReplayServer(recording_dir, faults=Faults(fail_rate=1.0, status=status)) as server:
        started = time.monotonic()
        with pytest.raises(ConnectionFailedError) as caught:
            _source(server.url).merge_profile(CHECKOUT, CPU_TYPE, *SIX_HOURS)
        elapsed = time.monotonic() - started
    assert str(status) in caught.value.message or "unavailable" in caught.value.message
    assert server.hits["/querier.v1.QuerierService/SelectMergeStacktraces"] == FAST_RETRY.attempts
    assert elapsed < 5


def test_unreachable_server_is_connection_failed(tmp_path: Path) -> None:
    with ReplayServer(tmp_path / "empty") as server:
        url = server.url  # the port is free again once the server stops
    with pytest.raises(ConnectionFailedError) as caught:
        _source(url).profile_types(*SIX_HOURS)
    assert "PROFILECLI_URL" in caught.value.hint


def test_slow_server_is_a_query_timeout(recording_dir: Path) -> None:
    with ReplayServer(recording_dir, faults=Faults(latency=1.0)) as server:
        source = HttpSource(
            ConnectionSettings(url=server.url),
            timeout=0.2,
            retry=RetryPolicy(attempts=1, initial_wait=0),
        )
        with pytest.raises(QueryTimeoutError):
            source.profile_types(*SIX_HOURS)


def test_requests_carry_profilecli_headers_and_codecs() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"labelsSet": [{"labels": [{"name": "a", "value": "b"}]}]})

    settings = ConnectionSettings(
        url="https://grafana.example.net/api/datasources/proxy/uid/abc/",
        token=SecretStr(TOKEN),
        tenant_id="acme",
    )
    source = HttpSource(settings, transport=httpx.MockTransport(answer))
    assert source.series(CHECKOUT, ["a"], *SIX_HOURS)[0].labels == {"a": "b"}
    request = seen[0]
    assert str(request.url) == (
        "https://grafana.example.net/api/datasources/proxy/uid/abc/querier.v1.QuerierService/Series"
    )
    assert request.headers["Accept"] == "*/*;allow-utf8-labelnames=true"
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["X-Scope-OrgID"] == "acme"
    assert request.headers["Content-Type"] == "application/json"
    body = json.loads(request.content)
    assert body["matchers"] == [CHECKOUT] and body["labelNames"] == ["a"]
    assert int(body["start"]) == int(SIX_HOURS[0].timestamp() * 1000)
    assert TOKEN not in repr(source) and TOKEN not in source.describe()
    assert TOKEN not in repr(settings) and TOKEN not in str(settings.model_dump())


def test_basic_auth_wins_over_a_token_and_url_credentials_are_hidden() -> None:
    settings = ConnectionSettings.from_env(
        environ={
            "PROFILECLI_URL": "http://alice:s3cret@pyro.example:4040",
            "PROFILECLI_TOKEN": TOKEN,
        }
    )
    assert settings.url == "http://pyro.example:4040"
    assert settings.auth_headers()["Authorization"].startswith("Basic ")
    assert "s3cret" not in repr(settings) and "s3cret" not in settings.describe()


def test_replay_server_speaks_the_json_codec_for_profiles(server: ReplayServer) -> None:
    start, end = (int(t.timestamp() * 1000) for t in SIX_HOURS)
    response = httpx.post(
        f"{server.url}/querier.v1.QuerierService/SelectMergeProfile",
        json={"profileTypeID": CPU_TYPE, "labelSelector": CHECKOUT, "start": start, "end": end},
        headers={"Connect-Protocol-Version": "1"},
    )
    assert response.status_code == 200
    document = response.json()
    assert document["sampleType"] and isinstance(document["sample"][0]["value"][0], str)
    proto = httpx.post(
        f"{server.url}/querier.v1.QuerierService/SelectMergeProfile",
        content=_merge_request(start, end),
        headers={"Content-Type": "application/proto"},
    )
    assert len(decode_profile(proto.content, name="profile").sample) == len(document["sample"])
    error = httpx.post(
        f"{server.url}/querier.v1.QuerierService/Series",
        json={"matchers": ["{bad"]},
    )
    assert error.status_code == 400
    assert error.json()["code"] == "invalid_argument"


def _merge_request(start: int, end: int) -> bytes:
    from profile_insights.agent.pyroscope import pyroscope_api_pb2 as api

    request = api.SelectMergeProfileRequest(
        profile_typeID=CPU_TYPE, label_selector=CHECKOUT, start=start, end=end
    )
    return request.SerializeToString()


def test_json_profile_round_trips_into_pprof(server: ReplayServer) -> None:
    from google.protobuf import json_format

    start, end = (int(t.timestamp() * 1000) for t in SIX_HOURS)
    response = httpx.post(
        f"{server.url}/querier.v1.QuerierService/SelectMergeProfile",
        json={"profileTypeID": CPU_TYPE, "labelSelector": CHECKOUT, "start": start, "end": end},
    )
    profile = json_format.Parse(response.text, profile_pb2.Profile())
    assert profile.string_table[profile.sample_type[0].type] == "cpu"


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        (httpx.Response(302, headers={"location": "/login"}), "redirected to /login"),
        (httpx.Response(200, html="<html>Grafana</html>"), "web page"),
        (httpx.Response(200, text="not json"), "not Connect JSON"),
    ],
)
def test_grafana_root_or_login_page_is_explained(response: httpx.Response, expected: str) -> None:
    source = HttpSource(
        ConnectionSettings(url="https://grafana.example.net"),
        transport=httpx.MockTransport(lambda request: response),
        retry=FAST_RETRY,
    )
    with pytest.raises(ConnectionFailedError) as caught:
        source.series("{}", [], *SIX_HOURS)
    assert expected in caught.value.message
    assert "/api/datasources/proxy/uid/" in caught.value.hint


def test_a_token_read_from_a_crlf_file_still_authenticates(recording_dir: Path) -> None:
    # `export PROFILECLI_TOKEN=$(cat token.txt)` keeps the \r of a file saved on Windows.
    with ReplayServer(recording_dir, token=TOKEN) as server:
        source = _source(server.url, token=SecretStr(f" {TOKEN}\r\n"))
        assert source.series("{}", ["service_name"], *SIX_HOURS)


@pytest.mark.parametrize("token", ["glsa_Hidden\nPart_42", "glsa_Hidden_tök_42"])
def test_a_token_no_header_can_carry_is_refused_without_showing_it(
    recording_dir: Path, token: str
) -> None:
    with ReplayServer(recording_dir, token=TOKEN) as server:
        with pytest.raises(ConfigurationError) as caught:
            _source(server.url, token=SecretStr(token)).series("{}", [], *SIX_HOURS)
        assert not server.hits  # refused before anything was sent

    # httpx's own error quoted the whole header value, token included (as bytes repr).
    assert "PROFILECLI_TOKEN" in str(caught.value)
    assert "Hidden" not in str(caught.value) and "_42" not in str(caught.value)
