"""What the replay server answers: the Pyroscope query API from a recording, and pushes into it.

:class:`ReplayAnswers` holds the protocol (Connect messages in JSON or proto, Connect error
codes, access checks, injected faults; ``Diff`` computed from two merges, or ``unimplemented``
when switched off; pushes handed to :mod:`replay_ingest`) and knows nothing of HTTP: the server
in :mod:`replay_server` reads requests and writes answers around it.
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

from google.protobuf import json_format
from pydantic import BaseModel, Field

from profile_insights.agent.pyroscope import pyroscope_api_pb2 as api
from profile_insights.agent.pyroscope.connect import (
    JSON,
    QUERIER_SERVICE,
    ConnectReply,
    decode_message,
    encode_message,
)
from profile_insights.agent.pyroscope.flame_diff import flame_graph_diff, fold_small
from profile_insights.agent.pyroscope.flame_levels import DEFAULT_MAX_NODES, flame_graph, stack_tree
from profile_insights.agent.pyroscope.limits import check_range
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.pyroscope.recording import RecordingStore
from profile_insights.agent.pyroscope.replay_ingest import store_legacy_ingest, store_push
from profile_insights.agent.pyroscope.source import Series
from profile_insights.agent.pyroscope.timeparse import from_millis, to_millis

logger = logging.getLogger("profile_insights.pyroscope.replay")

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
        diff: bool = True,
    ) -> None:
        """Answer from ``source``; store pushes in ``store`` (see ``ReplayServer``'s options)."""
        self.store = store
        self.source = source
        self._token = token
        self.require_tenant = require_tenant
        self.faults = faults or Faults()
        self.pprof_format = pprof_format
        self.diff = diff
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
            profile_types_request = decode_message(body, codec, api.ProfileTypesRequest())
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
            return encode_message(profile_types_answer, codec)
        if method == "Series":
            series_request = decode_message(body, codec, api.SeriesRequest())
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
            return encode_message(series_answer, codec)
        if method == "LabelNames":
            names_request = decode_message(body, codec, api.LabelNamesRequest())
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
            return encode_message(api.LabelNamesResponse(names=names), codec)
        if method == "LabelValues":
            values_request = decode_message(body, codec, api.LabelValuesRequest())
            start, end = _range(values_request.start, values_request.end)
            found = self._series(values_request.matchers, [values_request.name], start, end)
            values = sorted({s.labels[values_request.name] for s in found if s.labels})
            return encode_message(api.LabelValuesResponse(names=values), codec)
        if method == "SelectMergeProfile":
            merge_request = decode_message(body, codec, api.SelectMergeProfileRequest())
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
        if method == "Diff" and self.diff:
            return self._diff(body, codec)
        raise ConnectReply(
            "unimplemented", f"{QUERIER_SERVICE}/{method} is not served by the replay"
        )

    def _merge_stacktraces(self, body: bytes, codec: str) -> bytes:
        request = decode_message(body, codec, api.SelectMergeStacktracesRequest())
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
            return encode_message(api.SelectMergeStacktracesResponse(flamegraph=graph), codec)
        answer = {"pprof": {"profile": json_format.MessageToDict(profile)}}
        return json.dumps(answer).encode("utf-8")

    def _select_series(self, body: bytes, codec: str) -> bytes:
        request = decode_message(body, codec, api.SelectSeriesRequest())
        start, end = _range(request.start, request.end)
        # RecordedSource answers any range (clients split long ones); a server refuses them.
        check_range(start, end, self.source.max_query_length)
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
        return encode_message(answer, codec)

    def _diff(self, body: bytes, codec: str) -> bytes:
        # pkg/frontend/frontend_diff.go: both sides merged as flame graphs with the larger
        # max_nodes (default 8192), then NewFlamegraphDiff with it.
        request = decode_message(body, codec, api.DiffRequest())
        if not request.HasField("left") or not request.HasField("right"):
            raise ConnectReply("invalid_argument", "left and right profile selections are required")
        if request.left.profile_typeID != request.right.profile_typeID:
            raise ConnectReply("invalid_argument", "left and right profile types must match")
        max_nodes = max(request.left.max_nodes, request.right.max_nodes) or DEFAULT_MAX_NODES
        trees = []
        for side in (request.left, request.right):
            start, end = _range(side.start, side.end)
            profile = self.source.merge_to_profile(
                side.label_selector or "{}", side.profile_typeID, start, end
            )
            trees.append(fold_small(stack_tree(profile), max_nodes))
        try:
            graph = flame_graph_diff(trees[0], trees[1], max_nodes)
        except ValueError as error:
            raise ConnectReply("invalid_argument", str(error)) from None
        return encode_message(api.DiffResponse(flamegraph=graph), codec)

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
        return store_push(self.store, body, codec, shift=self.source.shift)

    def legacy_ingest(self, params: Mapping[str, str], body: bytes) -> None:
        """Store a legacy ``/ingest?name=app{k=v}&format=pprof`` upload (its query parameters)."""
        store_legacy_ingest(self.store, params, body, shift=self.source.shift)


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
