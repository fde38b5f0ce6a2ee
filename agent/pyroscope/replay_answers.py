"""What the replay server answers: the Pyroscope query API from a recording, and pushes into it.

:class:`ReplayAnswers` holds the protocol (Connect messages in JSON or proto, Connect error
codes, access checks, injected faults, ingestion) and knows nothing of HTTP: the server in
:mod:`replay_server` reads requests and writes answers around it.
"""

from __future__ import annotations

import base64
import hmac
import json
import logging
import random
import re
import threading
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from google.protobuf import json_format
from google.protobuf.message import DecodeError, Message
from pydantic import BaseModel, Field

from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.combine import encode_pprof
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.pyroscope import pyroscope_api_pb2 as api
from profile_insights.agent.pyroscope.connect import JSON, QUERIER_SERVICE
from profile_insights.agent.pyroscope.flame_levels import flame_graph
from profile_insights.agent.pyroscope.ingest import (
    inject_service_version,
    legacy_ingest_labels,
    pushed_profile_types,
    pushed_time_range,
)
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.pyroscope.recording import RecordingStore
from profile_insights.agent.pyroscope.source import Series
from profile_insights.agent.pyroscope.timeparse import from_millis, parse_time, to_millis

logger = logging.getLogger("profile_insights.pyroscope.replay")

M = TypeVar("M", bound=Message)

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
    retry_after: float | None = Field(
        default=None,
        ge=0.0,
        description="Retry-After seconds sent with each injected failure (a rate limit: 429).",
    )


class ConnectReply(Exception):
    """Stop handling and answer with a Connect error (code and message)."""

    def __init__(self, code: str, message: str) -> None:
        """Keep the Connect code (``invalid_argument``...) and the message."""
        super().__init__(message)
        self.code = code
        self.message = message


class ReplayAnswers:
    """The replay server's answers to queries and pushes, over one recording."""

    def __init__(
        self,
        store: RecordingStore,
        source: RecordedSource,
        *,
        token: str | None = None,
        require_tenant: bool = False,
        faults: Faults | None = None,
        pprof_format: bool = True,
    ) -> None:
        """Answer from ``source``; store pushes in ``store`` (see ``ReplayServer``'s options)."""
        self.store = store
        self.source = source
        self._token = token
        self.require_tenant = require_tenant
        self.faults = faults or Faults()
        self.pprof_format = pprof_format
        self._random = random.Random(self.faults.seed)
        self._fault_lock = threading.Lock()
        self._faulted = 0

    def __repr__(self) -> str:
        """Never show the token."""
        return f"ReplayAnswers({self.store.directory!s})"

    def check_access(self, authorization: str | None, tenant: str | None) -> None:
        """Refuse requests without the configured token or tenant (Connect 401/403).

        The token is accepted as ``Bearer <token>`` (profilecli, Grafana service accounts) or
        as the password of Basic auth (what the SDKs send to Grafana Cloud).
        """
        if self._token is not None:
            offered = _offered_token(authorization)
            if offered is None:
                raise ConnectReply("unauthenticated", "missing bearer token")
            if not hmac.compare_digest(offered.encode(), self._token.encode()):
                raise ConnectReply("permission_denied", "invalid token")
        if self.require_tenant and not tenant:
            raise ConnectReply("unauthenticated", "no org id")

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
            selector = merge_request.label_selector or "{}"
            if codec != JSON:
                # The bytes the graph reads from a recording, whichever way they travel.
                return self.source.merge_bytes(selector, merge_request.profile_typeID, start, end)
            profile = self.source.merge_to_profile(
                selector, merge_request.profile_typeID, start, end
            )
            return json.dumps(json_format.MessageToDict(profile)).encode("utf-8")
        if method == "SelectMergeStacktraces":
            return self._merge_stacktraces(body, codec)
        if method == "SelectSeries":
            return self._select_series(body, codec)
        raise ConnectReply(
            "unimplemented", f"{QUERIER_SERVICE}/{method} is not served by the replay"
        )

    def _merge_stacktraces(self, body: bytes, codec: str) -> bytes:
        request = _decode(body, codec, api.SelectMergeStacktracesRequest())
        # A server before v2.2.0 does not know PROFILE_FORMAT_PPROF and answers a flame graph.
        wants_pprof = request.format == api.PROFILE_FORMAT_PPROF and self.pprof_format
        if request.format not in (
            api.PROFILE_FORMAT_PPROF,  # older servers: a flame graph, see above
            api.PROFILE_FORMAT_UNSPECIFIED,
            api.PROFILE_FORMAT_FLAMEGRAPH,
        ):
            raise ConnectReply(
                "unimplemented",
                "the replay server answers SelectMergeStacktraces as PROFILE_FORMAT_PPROF or "
                "a flame graph only",
            )
        start, end = _range(request.start, request.end)
        selector = request.label_selector or "{}"
        if wants_pprof and codec != JSON:
            data = self.source.merge_bytes(selector, request.profile_typeID, start, end)
            return api.SelectMergeStacktracesResponse(
                pprof=api.PprofProfile(profile=data)
            ).SerializeToString()
        profile = self.source.merge_to_profile(selector, request.profile_typeID, start, end)
        if not wants_pprof:
            max_nodes = request.max_nodes if request.HasField("max_nodes") else None
            graph = flame_graph(profile, max_nodes)
            return _encode(api.SelectMergeStacktracesResponse(flamegraph=graph), codec)
        answer = {"pprof": {"profile": json_format.MessageToDict(profile)}}
        return json.dumps(answer).encode("utf-8")

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
            group_by=list(request.group_by),
            step=timedelta(seconds=request.step or 15),
            limit=request.limit if request.HasField("limit") and request.limit > 0 else None,
            average=average,
        )
        answer = api.SelectSeriesResponse(
            series=[
                api.Series(
                    labels=[
                        api.LabelPair(name=k, value=v) for k, v in sorted(series.labels.items())
                    ],
                    points=[
                        api.Point(value=point.value, timestamp=to_millis(point.timestamp))
                        for point in series.points
                    ],
                )
                for series in found
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
                raise ConnectReply(
                    "invalid_argument", "a pushed series needs __name__ and service_name"
                )
            for sample in series.samples:
                self._store(labels, name, sample.raw_profile, received)
        return _encode(api.PushResponse(), codec)

    def legacy_ingest(self, params: Mapping[str, str], body: bytes) -> None:
        """Store a legacy ``/ingest?name=app{k=v}&format=pprof`` upload (its query parameters)."""
        if params.get("format", "pprof") != "pprof":
            raise ConnectReply("invalid_argument", "the replay server ingests only format=pprof")
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
    try:
        return from_millis(start_ms), from_millis(end_ms)
    except (ValueError, OverflowError, OSError):
        raise ConnectReply(
            "invalid_argument",
            f"start ({start_ms}) and end ({end_ms}) must be Unix milliseconds of years 1-9999",
        ) from None


def _decode(body: bytes, codec: str, message: M) -> M:
    try:
        if codec == JSON:
            json_format.Parse(body.decode("utf-8") or "{}", message, ignore_unknown_fields=True)
        else:
            message.ParseFromString(body)
    except (json_format.ParseError, DecodeError, UnicodeDecodeError) as error:
        raise ConnectReply("invalid_argument", f"cannot decode the request: {error}") from None
    return message


def _encode(message: Message, codec: str) -> bytes:
    if codec == JSON:
        return json.dumps(json_format.MessageToDict(message)).encode("utf-8")
    return message.SerializeToString()


def _load(raw: bytes) -> profile_pb2.Profile:
    return decode_profile(raw, name="pushed profile")
