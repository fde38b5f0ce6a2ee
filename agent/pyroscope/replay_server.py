"""``ReplayServer``: serve a recording over the Pyroscope Connect API, and record pushes into it.

Point profilecli, our :class:`HttpSource` or Grafana's Pyroscope data source at it and it
answers ``ProfileTypes``, ``LabelNames``, ``LabelValues``, ``Series``, ``SelectMergeProfile``,
``SelectMergeStacktraces`` (PPROF or flame graph) and ``SelectSeries`` from the recording, in the
JSON or proto codec, with Connect error bodies and the matching HTTP status. It also accepts
``POST /push.v1.PusherService/Push`` as the ``pyroscope-io`` SDK sends it (gzip'd protobuf
``PushRequest``, pyroscope-api.md §5) and legacy ``POST /ingest`` with a raw pprof body, and
adds what is pushed to the recording (``recording.json`` replaced atomically), so that a real
instrumented program produces a real recording.

Optional, off by default: a required bearer token (401 without, 403 when wrong), a required
tenant header, injected latency and failures (``Faults``), emulation of a server older than
v2.2.0 (no PPROF from ``SelectMergeStacktraces``), and a path prefix (to stand for a Grafana
data-source proxy URL). Binds to loopback unless told otherwise. Built on the standard
library's ``ThreadingHTTPServer``; startable in-process on port 0::

    with ReplayServer(recording_dir) as server:
        source = HttpSource(ConnectionSettings(url=server.url))
"""

from __future__ import annotations

import base64
import gzip
import hmac
import json
import logging
import random
import re
import sys
import threading
import time
import zlib
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import TypeVar
from urllib.parse import parse_qs, urlsplit

from google.protobuf import json_format
from google.protobuf.message import DecodeError, Message
from pydantic import BaseModel, Field

from profile_insights.agent.errors import (
    InvalidQueryError,
    ProfileFormatError,
    ProfileInsightsError,
    QueryRangeError,
)
from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.combine import encode_pprof
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.pyroscope import pyroscope_api_pb2 as api
from profile_insights.agent.pyroscope.connect import (
    CODE_TO_HTTP,
    JSON,
    PROTO,
    PUSH_PATH,
    QUERIER_SERVICE,
    code_for_http_status,
    error_body,
)
from profile_insights.agent.pyroscope.flame_levels import flame_graph
from profile_insights.agent.pyroscope.ingest import (
    inject_service_version,
    legacy_ingest_labels,
    pushed_profile_types,
    pushed_time_range,
)
from profile_insights.agent.pyroscope.limits import MAX_QUERY_LENGTH
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.pyroscope.recording import Recording, RecordingStore
from profile_insights.agent.pyroscope.source import Series
from profile_insights.agent.pyroscope.timeparse import from_millis, parse_time, to_millis

logger = logging.getLogger("profile_insights.pyroscope.replay")

M = TypeVar("M", bound=Message)

_MAX_BODY = 64 * 1024 * 1024
_LEGACY_NAME = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_FAR_FUTURE = datetime(9999, 1, 1, tzinfo=UTC)


class Faults(BaseModel):
    """Failures to inject into query and push requests (all off by default)."""

    fail_rate: float = Field(default=0.0, ge=0.0, le=1.0, description="Share of requests failed.")
    fail_first: int = Field(default=0, ge=0, description="Fail this many requests first.")
    status: int = Field(default=503, ge=400, le=599, description="HTTP status of a failure.")
    latency: float = Field(default=0.0, ge=0.0, description="Seconds added to every request.")
    seed: int | None = Field(default=None, description="Seed for fail_rate's random choices.")


class _Reply(Exception):
    """Stop handling and answer with a Connect error."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class ReplayServer:
    """A Pyroscope-compatible HTTP server over a recording directory."""

    def __init__(
        self,
        recording_dir: Path | str,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        token: str | None = None,
        require_tenant: bool = False,
        faults: Faults | None = None,
        path_prefix: str = "",
        pprof_format: bool = True,
        max_query_length: timedelta | None = MAX_QUERY_LENGTH,
    ) -> None:
        """Prepare the server; a missing recording is created empty (to receive pushes).

        Args:
            recording_dir: the recording to serve and to add pushed profiles to.
            host: address to bind (loopback by default).
            port: TCP port (0 picks a free one; see :attr:`url` after :meth:`start`).
            token: when set, require ``Authorization: Bearer <token>``.
            require_tenant: when set, require ``X-Scope-OrgID`` like a multi-tenant server.
            faults: latency and failures to inject.
            path_prefix: serve under this path (e.g. ``/api/datasources/proxy/uid/x``).
            pprof_format: answer PPROF from ``SelectMergeStacktraces`` (v2.2.0+ servers);
                ``False`` emulates an older server so clients must fall back.
            max_query_length: refuse longer query ranges (the server default is 24h).

        Raises:
            RecordingError: when an existing recording is malformed.
        """
        self.directory = Path(recording_dir)
        self.store = RecordingStore(self.directory)
        if not self.store.exists():
            self.store.save(Recording(recorded_at=datetime.now(UTC)))
        self.source = RecordedSource(self.directory, max_query_length=max_query_length)
        self.host = host
        self.port = port
        self._token = token
        self.require_tenant = require_tenant
        self.faults = faults or Faults()
        self.path_prefix = "/" + path_prefix.strip("/") if path_prefix.strip("/") else ""
        self.pprof_format = pprof_format
        self.hits: Counter[str] = Counter()
        self._hits_lock = threading.Lock()
        self._random = random.Random(self.faults.seed)
        self._fault_lock = threading.Lock()
        self._faulted = 0
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        """Return the directory and address, never the token."""
        return f"ReplayServer({str(self.directory)!r}, {self.host!r}, {self.port})"

    @property
    def url(self) -> str:
        """Return the base URL clients should use (includes the path prefix)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{self.path_prefix}"

    def bind(self) -> str:
        """Open the listening socket (resolving port 0) and return the base URL."""
        if self._httpd is None:
            handler = type("_BoundHandler", (_Handler,), {"replay": self})
            self._httpd = _Server((self.host, self.port), handler)
            self._httpd.daemon_threads = True
            self.port = int(self._httpd.server_address[1])
            logger.info("replaying %s at %s", self.directory, self.url)
        return self.url

    def start(self) -> str:
        """Start serving in a background thread and return the base URL."""
        self.bind()
        assert self._httpd is not None
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="replay-server",
            daemon=True,
        )
        self._thread.start()
        return self.url

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted (the CLI's ``serve``)."""
        self.bind()
        assert self._httpd is not None
        try:
            self._httpd.serve_forever(poll_interval=0.2)
        finally:
            self._httpd.server_close()
            self._httpd = None

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> ReplayServer:
        """Start the server for a ``with`` block."""
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop the server."""
        self.stop()

    # Request handling, called from the handler threads.

    def check_access(self, authorization: str | None, tenant: str | None) -> None:
        """Refuse requests without the configured token or tenant (Connect 401/403).

        The token is accepted as ``Bearer <token>`` (profilecli, Grafana service accounts) or
        as the password of Basic auth (what the SDKs send to Grafana Cloud).
        """
        if self._token is not None:
            offered = _offered_token(authorization)
            if offered is None:
                raise _Reply("unauthenticated", "missing bearer token")
            if not hmac.compare_digest(offered.encode(), self._token.encode()):
                raise _Reply("permission_denied", "invalid token")
        if self.require_tenant and not tenant:
            raise _Reply("unauthenticated", "no org id")

    def injected_fault(self) -> int | None:
        """Return the status of an injected failure for this request, if one is due."""
        if self.faults.latency:
            time.sleep(self.faults.latency)
        with self._fault_lock:
            if self._faulted < self.faults.fail_first:
                self._faulted += 1
                return self.faults.status
            if self.faults.fail_rate and self._random.random() < self.faults.fail_rate:
                return self.faults.status
        return None

    def query(self, method: str, body: bytes, codec: str, utf8_labels: bool = True) -> bytes:
        """Answer one querier RPC in the request's codec.

        Without the client's ``allow-utf8-labelnames`` capability, label names that are not
        legacy-Prometheus-valid (``otel.scope.name``) are left out of Series and LabelNames
        answers, as Pyroscope's ``filterLabelNames`` does.
        """
        if method == "ProfileTypes":
            profile_types_request = _decode(body, codec, api.ProfileTypesRequest())
            start, end = _range(profile_types_request.start, profile_types_request.end)
            types = self.source.profile_types(start, end)
            profile_types_answer = api.ProfileTypesResponse(
                profile_types=[
                    api.ProfileType(
                        ID=t.id,
                        name=t.name,
                        sample_type=t.sample_type,
                        sample_unit=t.sample_unit,
                        period_type=t.period_type,
                        period_unit=t.period_unit,
                    )
                    for t in types
                ]
            )
            return _encode(profile_types_answer, codec)
        if method == "Series":
            series_request = _decode(body, codec, api.SeriesRequest())
            start, end = _range(series_request.start, series_request.end)
            found = self._series(series_request.matchers, series_request.label_names, start, end)
            if not utf8_labels:
                found = [
                    Series(labels={k: v for k, v in s.labels.items() if _LEGACY_NAME.match(k)})
                    for s in found
                ]
            series_answer = api.SeriesResponse(
                labels_set=[
                    api.Labels(
                        labels=[api.LabelPair(name=k, value=v) for k, v in sorted(s.labels.items())]
                    )
                    for s in found
                ]
            )
            return _encode(series_answer, codec)
        if method == "LabelNames":
            names_request = _decode(body, codec, api.LabelNamesRequest())
            start, end = _range(names_request.start, names_request.end)
            found = self._series(names_request.matchers, [], start, end)
            names = sorted(
                {
                    name
                    for s in found
                    for name in s.labels
                    if utf8_labels or _LEGACY_NAME.match(name)
                }
            )
            return _encode(api.LabelNamesResponse(names=names), codec)
        if method == "LabelValues":
            values_request = _decode(body, codec, api.LabelValuesRequest())
            start, end = _range(values_request.start, values_request.end)
            found = self._series(values_request.matchers, [values_request.name], start, end)
            values = sorted({s.labels[values_request.name] for s in found if s.labels})
            return _encode(api.LabelValuesResponse(names=values), codec)
        if method == "SelectMergeProfile":
            merge_request = _decode(body, codec, api.SelectMergeProfileRequest())
            start, end = _range(merge_request.start, merge_request.end)
            profile = self.source.merge_to_profile(
                merge_request.label_selector or "{}", merge_request.profile_typeID, start, end
            )
            if codec == JSON:
                return json.dumps(json_format.MessageToDict(profile)).encode("utf-8")
            return encode_pprof(profile)
        if method == "SelectMergeStacktraces":
            return self._merge_stacktraces(body, codec)
        if method == "SelectSeries":
            return self._select_series(body, codec)
        raise _Reply("unimplemented", f"{QUERIER_SERVICE}/{method} is not served by the replay")

    def _merge_stacktraces(self, body: bytes, codec: str) -> bytes:
        request = _decode(body, codec, api.SelectMergeStacktracesRequest())
        # A server before v2.2.0 does not know PROFILE_FORMAT_PPROF and answers a flame graph.
        wants_pprof = request.format == api.PROFILE_FORMAT_PPROF and self.pprof_format
        if request.format not in (
            api.PROFILE_FORMAT_PPROF,  # older servers: a flame graph, see above
            api.PROFILE_FORMAT_UNSPECIFIED,
            api.PROFILE_FORMAT_FLAMEGRAPH,
        ):
            raise _Reply(
                "unimplemented",
                "the replay server answers SelectMergeStacktraces as PROFILE_FORMAT_PPROF or "
                "a flame graph only",
            )
        start, end = _range(request.start, request.end)
        profile = self.source.merge_to_profile(
            request.label_selector or "{}", request.profile_typeID, start, end
        )
        if not wants_pprof:
            max_nodes = request.max_nodes if request.HasField("max_nodes") else None
            graph = flame_graph(profile, max_nodes)
            return _encode(api.SelectMergeStacktracesResponse(flamegraph=graph), codec)
        if codec == JSON:
            answer = {"pprof": {"profile": json_format.MessageToDict(profile)}}
            return json.dumps(answer).encode("utf-8")
        response = api.SelectMergeStacktracesResponse(
            pprof=api.PprofProfile(profile=encode_pprof(profile))
        )
        return response.SerializeToString()

    def _select_series(self, body: bytes, codec: str) -> bytes:
        request = _decode(body, codec, api.SelectSeriesRequest())
        start, end = _range(request.start, request.end)
        average = (
            request.HasField("aggregation")
            and request.aggregation == api.TIME_SERIES_AGGREGATION_TYPE_AVERAGE
        )
        found = self.source.select_series(
            request.label_selector or "{}",
            request.profile_typeID,
            start,
            end,
            list(request.group_by),
            timedelta(seconds=request.step or 15),
            average=average,
        )
        if request.HasField("limit") and request.limit > 0:
            found = sorted(found, key=lambda item: -sum(v for _, v in item[1]))[: request.limit]
        answer = api.SelectSeriesResponse(
            series=[
                api.Series(
                    labels=[api.LabelPair(name=k, value=v) for k, v in sorted(labels.items())],
                    points=[
                        api.Point(value=value, timestamp=to_millis(moment))
                        for moment, value in points
                    ],
                )
                for labels, points in found
            ]
        )
        return _encode(answer, codec)

    def _series(
        self, matchers: Iterable[str], label_names: Iterable[str], start: datetime, end: datetime
    ) -> list[Series]:
        # Several matchers select the union of their series, as in Prometheus.
        seen: dict[tuple[tuple[str, str], ...], Series] = {}
        for matcher in list(matchers) or ["{}"]:
            for series in self.source.series(matcher, list(label_names), start, end):
                seen.setdefault(tuple(sorted(series.labels.items())), series)
        return [seen[key] for key in sorted(seen)]

    def push(self, body: bytes, codec: str) -> bytes:
        """Store every profile of a ``PushRequest`` and answer an empty ``PushResponse``."""
        request = _decode(body, codec, api.PushRequest())
        received = datetime.now(UTC)
        for series in request.series:
            labels = {pair.name: pair.value for pair in series.labels}
            name = labels.get("__name__")
            if not name or not labels.get("service_name"):
                raise _Reply("invalid_argument", "a pushed series needs __name__ and service_name")
            for sample in series.samples:
                self._store(labels, name, sample.raw_profile, received)
        return _encode(api.PushResponse(), codec)

    def legacy_ingest(self, query: str, body: bytes) -> None:
        """Store a legacy ``/ingest?name=app{k=v}&format=pprof`` upload."""
        params = {key: values[-1] for key, values in parse_qs(query).items()}
        if params.get("format", "pprof") != "pprof":
            raise _Reply("invalid_argument", "the replay server ingests only format=pprof")
        profile = _load(body)
        labels = legacy_ingest_labels(params.get("name", ""), profile)
        if params.get("spyName"):
            labels["pyroscope_spy"] = params["spyName"]
        received = datetime.now(UTC)
        # /ingest's from/until use the attime formats (now-10s, Unix seconds), as profilecli's.
        start = parse_time(params["from"], received) if params.get("from") else None
        end = parse_time(params["until"], received) if params.get("until") else received
        span = (start, end) if start is not None and start <= end else None
        self._store(labels, labels["__name__"], body, received, span)

    def _store(
        self,
        labels: dict[str, str],
        name: str,
        raw: bytes,
        received: datetime,
        span: tuple[datetime, datetime] | None = None,
    ) -> None:
        profile = _load(raw)
        types = pushed_profile_types(profile, name)
        if not types:
            return
        start, end = span or pushed_time_range(profile, received)
        stored = inject_service_version(profile, labels)
        self.store.add_profiles(
            labels,
            [(type_id, sample if len(types) > 1 else None) for type_id, sample in types],
            encode_pprof(stored),
            start,
            end,
            recorded_at=max(received, end),
            advance_recorded_at=True,
        )
        logger.info("recorded a %s profile of %s", name, labels["service_name"])


class _Server(ThreadingHTTPServer):
    """A threading HTTP server that logs instead of printing tracebacks to stderr."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError):
            # The client gave up (its timeout) while we were answering: nothing to fix here.
            logger.debug("client %s went away: %s", client_address, error)
        else:
            logger.exception("replay server failed on a request from %s", client_address)


class _Handler(BaseHTTPRequestHandler):
    """Routes one HTTP request to the replay server."""

    replay: ReplayServer
    protocol_version = "HTTP/1.1"
    server_version = "profile-insights-replay"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib name)
        # The request line only; headers (credentials) are never logged.
        logger.debug("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:  # noqa: N802 (stdlib name)
        path = self._route()
        if path in ("/ready", "/"):
            self._send(200, b"ready\n", "text/plain; charset=utf-8")
        else:
            self._send(404, b"404 page not found\n", "text/plain; charset=utf-8")

    def do_POST(self) -> None:  # noqa: N802 (stdlib name)
        path = self._route()
        replay = self.replay
        with replay._hits_lock:
            replay.hits[path] += 1
        try:
            body = self._body()
            fault = replay.injected_fault()
            if fault is not None:
                self._send_fault(fault)
                return
            replay.check_access(
                self.headers.get("Authorization"), self.headers.get("X-Scope-OrgID")
            )
            codec = self._codec()
            if path.startswith(f"/{QUERIER_SERVICE}/"):
                method = path.removeprefix(f"/{QUERIER_SERVICE}/")
                utf8 = "allow-utf8-labelnames=true" in self.headers.get("Accept", "")
                self._send(200, replay.query(method, body, codec, utf8), codec)
            elif path == PUSH_PATH:
                self._send(200, replay.push(body, codec), codec)
            elif path in ("/ingest", "/pyroscope/ingest"):
                replay.legacy_ingest(urlsplit(self.path).query, body)
                self._send(200, b"", "text/plain")
            else:
                self._send(404, b"404 page not found\n", "text/plain; charset=utf-8")
        except _Reply as reply:
            self._send_error(reply.code, reply.message)
        except (InvalidQueryError, QueryRangeError) as error:
            self._send_error("invalid_argument", error.message)
        except ProfileFormatError as error:
            self._send_error("invalid_argument", error.message)
        except ProfileInsightsError as error:
            self._send_error("internal", error.message)

    def _route(self) -> str:
        path = urlsplit(self.path).path
        prefix = self.replay.path_prefix
        if prefix:
            if not (path == prefix or path.startswith(prefix + "/")):
                return "/__outside_prefix__"
            path = path[len(prefix) :] or "/"
        return path

    def _codec(self) -> str:
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type in (PROTO, "application/protobuf", "application/x-protobuf"):
            return PROTO
        if content_type == JSON:
            return JSON
        if self.command == "POST" and self.path.split("?")[0].endswith("/ingest"):
            return PROTO
        raise _Reply("unsupported_media_type", f"unsupported content type {content_type!r}")

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = self._chunked()
        else:
            length = int(self.headers.get("Content-Length") or 0)
            if length > _MAX_BODY:
                raise _Reply("resource_exhausted", f"request body over {_MAX_BODY} bytes")
            data = self.rfile.read(length)
        if self.headers.get("Content-Encoding", "").lower() == "gzip":
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError, zlib.error) as error:
                raise _Reply("invalid_argument", f"bad gzip request body: {error}") from None
        return data

    def _chunked(self) -> bytes:
        parts: list[bytes] = []
        total = 0
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                self.rfile.readline()
                return b"".join(parts)
            total += size
            if total > _MAX_BODY:
                raise _Reply("resource_exhausted", f"request body over {_MAX_BODY} bytes")
            parts.append(self.rfile.read(size))
            self.rfile.readline()

    def _send_fault(self, status: int) -> None:
        if status in (502, 504):
            # Proxies answer these with plain text; clients map the status (httpToCode).
            phrase = HTTPStatus(status).phrase
            self._send(status, f"{status} {phrase}\n".encode(), "text/plain; charset=utf-8")
        else:
            code = next(
                (c for c, s in CODE_TO_HTTP.items() if s == status), code_for_http_status(status)
            )
            self._send(status, error_body(code, "injected failure"), JSON)

    def _send_error(self, code: str, message: str) -> None:
        if code == "unsupported_media_type":
            # connect-go answers an unknown codec with a bare 415 and the codecs it accepts.
            self.send_response(415)
            self.send_header("Accept-Post", f"{JSON}, {PROTO}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._send(CODE_TO_HTTP.get(code, 500), error_body(code, message), JSON)

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _offered_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == "bearer" and value:
        return value.strip()
    if scheme.lower() == "basic" and value:
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return None
        return decoded.partition(":")[2] or None
    return None


def _range(start_ms: int, end_ms: int) -> tuple[datetime, datetime]:
    if start_ms == 0 and end_ms == 0:
        return _EPOCH, _FAR_FUTURE
    return from_millis(start_ms), from_millis(end_ms)


def _decode(body: bytes, codec: str, message: M) -> M:
    try:
        if codec == JSON:
            json_format.Parse(body.decode("utf-8") or "{}", message, ignore_unknown_fields=True)
        else:
            message.ParseFromString(body)
    except (json_format.ParseError, DecodeError, UnicodeDecodeError) as error:
        raise _Reply("invalid_argument", f"cannot decode the request: {error}") from None
    return message


def _encode(message: Message, codec: str) -> bytes:
    if codec == JSON:
        return json.dumps(json_format.MessageToDict(message)).encode("utf-8")
    return message.SerializeToString()


def _load(raw: bytes) -> profile_pb2.Profile:
    return decode_profile(raw, name="pushed profile")
