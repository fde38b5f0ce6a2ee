"""``ReplayServer``: serve a recording over the Pyroscope Connect API, and record pushes into it.

Point profilecli, our :class:`HttpSource` or Grafana's Pyroscope data source at it and it
answers ``ProfileTypes``, ``LabelNames``, ``LabelValues``, ``Series``, ``SelectMergeProfile``,
``SelectMergeStacktraces`` (PPROF or flame graph), ``SelectSeries`` and ``Diff`` (switchable) from
the recording, in the JSON or proto codec, with Connect error bodies and the matching HTTP
status. It also accepts ``POST /push.v1.PusherService/Push`` as the ``pyroscope-io`` SDK sends
it (gzip'd protobuf ``PushRequest``, pyroscope-api.md §5) and legacy ``POST /ingest`` with a raw
pprof body, and adds what is pushed to the recording (``recording.json`` replaced atomically), so
that a real instrumented program produces a real recording.

Optional, off by default: a required bearer token (401 without, 403 when wrong), a required
tenant header, injected latency and failures (``Faults``), emulation of a server older than
v2.2.0 (no PPROF from ``SelectMergeStacktraces``), a server without ``Diff`` (``diff=False``),
and a path prefix (to stand for a Grafana data-source proxy URL). Binds to loopback unless told
otherwise.

The HTTP layer is an ASGI app (Starlette) on uvicorn: they parse requests (a bad
``Content-Length`` or chunk size gets a 400, never a traceback) and the protocol lives in
:class:`~profile_insights.agent.pyroscope.replay_answers.ReplayAnswers`. A generated Connect
service (connect-python) was not used: the replay must imitate a server's HTTP-level behaviour
too (plain-text proxy errors, a bare 415 with ``Accept-Post``, a path prefix, legacy
``/ingest`` with query parameters, injected faults), which a generated service hides. Request
bodies are capped before and after gzip decompression. Startable in-process on port 0::

    with ReplayServer(recording_dir) as server:
        source = HttpSource(ConnectionSettings(url=server.url))
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
from collections import Counter
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from pathlib import Path
from types import TracebackType

import uvicorn
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from profile_insights.agent.errors import (
    InvalidQueryError,
    ProfileFormatError,
    ProfileInsightsError,
    QueryRangeError,
)
from profile_insights.agent.pyroscope.connect import (
    CODE_TO_HTTP,
    JSON,
    PROTO,
    PUSH_PATH,
    QUERIER_SERVICE,
    ConnectReply,
    code_for_http_status,
    error_body,
)
from profile_insights.agent.pyroscope.limits import MAX_QUERY_LENGTH
from profile_insights.agent.pyroscope.recorded_source import Clock, RecordedSource, clock_shift
from profile_insights.agent.pyroscope.recording import Recording, RecordingStore
from profile_insights.agent.pyroscope.replay_answers import Faults, ReplayAnswers
from profile_insights.agent.pyroscope.request_body import MAX_BODY, read_body

__all__ = ["MAX_BODY", "Clock", "Faults", "ReplayServer"]

logger = logging.getLogger("profile_insights.pyroscope.replay")

_TEXT = "text/plain; charset=utf-8"
_INGEST_PATHS = ("/ingest", "/pyroscope/ingest")


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
        clock: Clock = "recorded",
        diff: bool = True,
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
            clock: ``"recorded"`` serves the recorded times; ``"now"`` shifts the recording so
                that its ``recorded_at`` is the moment the server starts (see :attr:`shift`),
                so that clients asking for ``now-1h`` get the recording's last hour.
            diff: answer ``Diff`` (computed from the two merges); ``False`` answers it with
                ``unimplemented``, as a server without it, so clients must merge both sides.

        Raises:
            RecordingError: when an existing recording is malformed.
        """
        self.directory = Path(recording_dir)
        store = RecordingStore(self.directory)
        started = datetime.now(UTC)
        if not store.exists():
            store.save(Recording(recorded_at=started))
        # Fixed once, at start; pushes are stored back in the recording's own time.
        shift = clock_shift(store.load().recorded_at, clock, started)
        source = RecordedSource(self.directory, max_query_length=max_query_length, shift=shift)
        self.answers = ReplayAnswers(
            store,
            source,
            token=token,
            require_tenant=require_tenant,
            faults=faults,
            pprof_format=pprof_format,
            diff=diff,
        )
        self.host = host
        self.port = port
        self.path_prefix = "/" + path_prefix.strip("/") if path_prefix.strip("/") else ""
        self.hits: Counter[str] = Counter()
        self._hits_lock = threading.Lock()
        self._socket: socket.socket | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        """Return the directory and address, never the token."""
        return f"ReplayServer({str(self.directory)!r}, {self.host!r}, {self.port})"

    @property
    def source(self) -> RecordedSource:
        """Return the recorded source the answers come from."""
        return self.answers.source

    @property
    def shift(self) -> timedelta:
        """Return how much later than recorded the recording's times are served."""
        return self.answers.source.shift

    @property
    def url(self) -> str:
        """Return the base URL clients should use (includes the path prefix)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{self.path_prefix}"

    # -- lifecycle ------------------------------------------------------------------------

    def bind(self) -> str:
        """Open the listening socket (resolving port 0) and return the base URL.

        Raises:
            OSError: the address is taken or not of this machine.
            OverflowError: the port is out of range.
        """
        if self._socket is None:
            family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
            listener = socket.socket(family, socket.SOCK_STREAM)
            try:
                listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                listener.bind((self.host, self.port))
                listener.listen(128)
            except BaseException:
                listener.close()
                raise
            self._socket = listener
            self.port = int(listener.getsockname()[1])
            logger.info("replaying %s at %s", self.directory, self.url)
        return self.url

    def _uvicorn(self) -> uvicorn.Server:
        config = uvicorn.Config(
            self.asgi,
            log_config=None,  # our loggers only: no access log, no tracebacks on stderr
            log_level="warning",
            access_log=False,
            lifespan="off",
            interface="asgi3",
            server_header=False,
            timeout_graceful_shutdown=2,
        )
        return uvicorn.Server(config)

    def start(self) -> str:
        """Start serving in a background thread and return the base URL."""
        self.bind()
        assert self._socket is not None
        self._server = self._uvicorn()
        started = threading.Event()
        server, sockets = self._server, [self._socket]

        def run() -> None:
            # uvicorn installs signal handlers only in the main thread; this one has none.
            asyncio.run(_serve_until_stopped(server, sockets, started))

        self._thread = threading.Thread(target=run, name="replay-server", daemon=True)
        self._thread.start()
        started.wait(timeout=10)
        return self.url

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted (the CLI's ``serve``)."""
        self.bind()
        assert self._socket is not None
        self._server = self._uvicorn()
        try:
            self._server.run(sockets=[self._socket])
        finally:
            self._close_socket()

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._server = None
        self._close_socket()

    def _close_socket(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None

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

    # -- HTTP -----------------------------------------------------------------------------

    async def asgi(self, scope: dict[str, object], receive: object, send: object) -> None:
        """Serve one ASGI request (HTTP only)."""
        if scope.get("type") != "http":
            return
        request = Request(scope, receive)  # type: ignore[arg-type]
        try:
            response = await self._respond(request)
        except Exception as error:  # a bug of ours: answer, log the details, keep serving
            logger.debug("replay server failed on %s", request.url.path, exc_info=True)
            response = _connect_error("internal", f"replay server error: {type(error).__name__}")
        await response(scope, receive, send)  # type: ignore[arg-type]

    def _route(self, request: Request) -> str:
        path = request.url.path
        if self.path_prefix:
            if not (path == self.path_prefix or path.startswith(self.path_prefix + "/")):
                return "/__outside_prefix__"
            path = path[len(self.path_prefix) :] or "/"
        return path

    async def _respond(self, request: Request) -> Response:
        path = self._route(request)
        if request.method in ("GET", "HEAD"):
            if path in ("/ready", "/"):
                return Response(b"ready\n", 200, media_type=_TEXT)
            return Response(b"404 page not found\n", 404, media_type=_TEXT)
        if request.method != "POST":
            return Response(b"405 method not allowed\n", 405, media_type=_TEXT)
        with self._hits_lock:
            self.hits[path] += 1
        try:
            body = await read_body(request)
            # Blocking work (latency, the recording's files) runs off the event loop.
            return await run_in_threadpool(self._answer, request, path, body)
        except ConnectReply as reply:
            return _connect_error(reply.code, reply.message)
        except ClientDisconnect:
            return Response(b"", 400)

    def _answer(self, request: Request, path: str, body: bytes) -> Response:
        answers = self.answers
        try:
            fault = answers.injected_fault()
            if fault is not None:
                return _fault(fault, answers.faults.retry_after)
            answers.check_access(
                request.headers.get("Authorization"), request.headers.get("X-Scope-OrgID")
            )
            codec = _codec(request, path)
            if path.startswith(f"/{QUERIER_SERVICE}/"):
                method = path.removeprefix(f"/{QUERIER_SERVICE}/")
                utf8 = "allow-utf8-labelnames=true" in request.headers.get("Accept", "")
                return Response(answers.query(method, body, codec, utf8), 200, media_type=codec)
            if path == PUSH_PATH:
                return Response(answers.push(body, codec), 200, media_type=codec)
            if path in _INGEST_PATHS:
                answers.legacy_ingest(dict(request.query_params), body)
                return Response(b"", 200, media_type="text/plain")
            return Response(b"404 page not found\n", 404, media_type=_TEXT)
        except ConnectReply as reply:
            return _connect_error(reply.code, reply.message)
        except (InvalidQueryError, QueryRangeError, ProfileFormatError) as error:
            return _connect_error("invalid_argument", error.message)
        except ProfileInsightsError as error:
            return _connect_error("internal", error.message)


async def _serve_until_stopped(
    server: uvicorn.Server, sockets: list[socket.socket], started: threading.Event
) -> None:
    task = asyncio.create_task(server.serve(sockets=sockets))
    while not server.started and not task.done():
        await asyncio.sleep(0.01)
    started.set()
    await task


def _codec(request: Request, path: str) -> str:
    content_type = request.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type in (PROTO, "application/protobuf", "application/x-protobuf"):
        return PROTO
    if content_type == JSON:
        return JSON
    if path in _INGEST_PATHS:
        return PROTO
    raise ConnectReply("unsupported_media_type", f"unsupported content type {content_type!r}")


def _fault(status: int, retry_after: float | None = None) -> Response:
    # A rate limit (429) or an overloaded server (503) says when to come back.
    headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else None
    if status in (502, 504):
        # Proxies answer these with plain text; clients map the status (httpToCode).
        phrase = HTTPStatus(status).phrase
        return Response(f"{status} {phrase}\n".encode(), status, headers, media_type=_TEXT)
    code = next((c for c, s in CODE_TO_HTTP.items() if s == status), code_for_http_status(status))
    return Response(error_body(code, "injected failure"), status, headers, media_type=JSON)


def _connect_error(code: str, message: str) -> Response:
    if code == "unsupported_media_type":
        # connect-go answers an unknown codec with a bare 415 and the codecs it accepts.
        return Response(b"", 415, headers={"Accept-Post": f"{JSON}, {PROTO}"})
    status = CODE_TO_HTTP.get(code, 500)
    if code == "resource_exhausted":
        # Too large is not "too many": 429 would tell clients to retry the same body.
        status = 413
    elif code == "deadline_exceeded":
        status = 408
    return Response(error_body(code, message), status, media_type=JSON)
