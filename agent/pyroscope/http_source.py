"""``HttpSource``: the Pyroscope Connect API over httpx, speaking what profilecli speaks.

Metadata calls (``ProfileTypes``, ``Series``, ``LabelNames``) use the JSON codec; profiles use
``application/proto``. A merge first asks ``SelectMergeStacktraces`` for
``PROFILE_FORMAT_PPROF`` and, when the answer has no ``pprof`` field (a server older than
v2.2.0) or the method is not implemented, falls back to ``SelectMergeProfile``, as profilecli
v2.2 does (``queryPprofWithFallback``, pyroscope-api.md §1.4). Every request carries the
``allow-utf8-labelnames`` Accept capability, Bearer or Basic auth and ``X-Scope-OrgID``.
The base URL may be a Grafana data-source proxy URL; its path is kept.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from typing import TypeVar

import httpx
from google.protobuf import json_format
from google.protobuf.message import DecodeError, Message

from profile_insights.agent.errors import (
    ConfigurationError,
    ConnectionFailedError,
    MethodNotServedError,
    QueryTimeoutError,
    RateLimitedError,
    shown,
)
from profile_insights.agent.profiles.decode import MAX_PROFILE_BYTES
from profile_insights.agent.pyroscope import pyroscope_api_pb2 as api
from profile_insights.agent.pyroscope.connect import (
    ACCEPT_UTF8_LABELNAMES,
    JSON,
    PROTO,
    QUERIER_SERVICE,
)
from profile_insights.agent.pyroscope.http_answers import (
    ERROR_BODY,
    TIMEOUT_HINT,
    checked_answer,
    is_transient,
    read_answer,
)
from profile_insights.agent.pyroscope.retry import (
    Deadline,
    RetryPolicy,
    Transient,
    Waiting,
    query_budget,
    request_timeout,
    retrying,
)
from profile_insights.agent.pyroscope.series_totals import totals_in_parts
from profile_insights.agent.pyroscope.settings import ConnectionSettings, scrub, scrub_profile
from profile_insights.agent.pyroscope.source import (
    FlameGraphDiff,
    MergedProfile,
    ProfileQuery,
    ProfileType,
    Series,
    SeriesPoint,
    SeriesTotals,
    SourceKind,
)
from profile_insights.agent.pyroscope.timeparse import from_millis, to_millis

logger = logging.getLogger("profile_insights.pyroscope")

M = TypeVar("M", bound=Message)


def _user_agent() -> str:
    try:
        return f"profile-insights/{package_version('profile-insights')}"
    except PackageNotFoundError:
        return "profile-insights"


class HttpSource:
    """A :class:`ProfileSource` that queries a Pyroscope server (or Grafana proxy) over HTTP."""

    kind: SourceKind = "http"

    def __init__(
        self,
        settings: ConnectionSettings | None = None,
        *,
        timeout: float | None = None,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], datetime] | None = None,
        on_wait: Waiting | None = None,
    ) -> None:
        """Prepare a client; nothing is sent until the first query.

        Args:
            settings: URL and credentials (default: from ``PROFILECLI_*`` variables).
            timeout: seconds each request may take (default: PROFILE_INSIGHTS_TIMEOUT, 60).
            retry: how transient failures are retried, and the budget of one query.
            transport: an httpx transport (tests may inject one).
            clock: what ``now()`` returns (default: the live UTC clock).
            on_wait: told about every wait between tries (a progress line).

        Raises:
            ConfigurationError: the timeout is not a positive number of seconds.
        """
        self.settings = settings if settings is not None else ConnectionSettings.from_env()
        self.timeout = request_timeout(timeout)
        self.retry = retry if retry is not None else RetryPolicy()
        self.budget = query_budget(self.retry, self.timeout)
        self.on_wait = on_wait
        self._clock = clock or (lambda: datetime.now(UTC))
        self._client = httpx.Client(timeout=self.timeout, transport=transport)
        self._pprof_format_supported: bool | None = None

    @classmethod
    def from_env(
        cls,
        url: str | None = None,
        *,
        timeout: float | None = None,
        retry: RetryPolicy | None = None,
    ) -> HttpSource:
        """Return a source configured from ``PROFILECLI_*`` variables (``url`` overrides)."""
        return cls(ConnectionSettings.from_env(url), timeout=timeout, retry=retry)

    def __enter__(self) -> HttpSource:
        """Use the source in a ``with`` block that closes its connections."""
        return self

    def __exit__(self, *_: object) -> None:
        """Close the connection pool."""
        self.close()

    def __repr__(self) -> str:
        """Return the URL only, never a credential."""
        return f"HttpSource({self.settings.describe()!r})"

    def close(self) -> None:
        """Close the HTTP connection pool."""
        self._client.close()

    def now(self) -> datetime:
        """Return the live clock."""
        return self._clock()

    def describe(self) -> str:
        """Return the server URL (without credentials)."""
        return f"Pyroscope at {self.settings.describe()}"

    def profile_types(self, start: datetime, end: datetime) -> list[ProfileType]:
        """List the profile types with data in the range (``ProfileTypes``)."""
        request = api.ProfileTypesRequest(start=to_millis(start), end=to_millis(end))
        answer = self._call_json("ProfileTypes", request, api.ProfileTypesResponse)
        return [
            ProfileType(
                id=item.ID,
                name=item.name,
                sample_type=item.sample_type,
                sample_unit=item.sample_unit,
                period_type=item.period_type,
                period_unit=item.period_unit,
            )
            for item in answer.profile_types
        ]

    def series(
        self,
        selector: str,
        label_names: Sequence[str],
        start: datetime,
        end: datetime,
    ) -> list[Series]:
        """Return the label sets of matching series (``Series``; all labels when none named)."""
        request = api.SeriesRequest(
            matchers=[selector],
            label_names=list(label_names),
            start=to_millis(start),
            end=to_millis(end),
        )
        answer = self._call_json("Series", request, api.SeriesResponse)
        return [
            Series(labels={pair.name: pair.value for pair in labels.labels})
            for labels in answer.labels_set
        ]

    def label_names(self, selector: str, start: datetime, end: datetime) -> list[str]:
        """Return the label names of matching series (``LabelNames``)."""
        request = api.LabelNamesRequest(
            matchers=[selector], start=to_millis(start), end=to_millis(end)
        )
        return list(self._call_json("LabelNames", request, api.LabelNamesResponse).names)

    def merge_profile(
        self, selector: str, profile_type: str, start: datetime, end: datetime
    ) -> MergedProfile:
        """Fetch the merged pprof (SelectMergeStacktraces as PPROF, else SelectMergeProfile)."""
        data: bytes | None = None
        if self._pprof_format_supported is not False:
            data = self._merge_via_stacktraces(selector, profile_type, start, end)
            self._pprof_format_supported = data is not None
        if data is None:
            request = api.SelectMergeProfileRequest(
                profile_typeID=profile_type,
                label_selector=selector,
                start=to_millis(start),
                end=to_millis(end),
            )
            data = self._post("SelectMergeProfile", request.SerializeToString(), PROTO)
        data = scrub_profile(data, self.settings.secrets())
        return MergedProfile.answer(selector, profile_type, start, end, data)

    def select_series(
        self,
        selector: str,
        profile_type: str,
        start: datetime,
        end: datetime,
        *,
        group_by: Sequence[str],
        step: timedelta,
        limit: int | None = None,
    ) -> list[SeriesTotals]:
        """Return the totals over time per ``group_by`` label set (``SelectSeries``).

        A range longer than the server's max query length is asked in parts and joined.
        """

        def query(
            first: datetime, last: datetime, every: timedelta, top: int | None
        ) -> list[SeriesTotals]:
            request = api.SelectSeriesRequest(
                profile_typeID=profile_type,
                label_selector=selector,
                start=to_millis(first),
                end=to_millis(last),
                group_by=list(group_by),
                step=max(every.total_seconds(), 1.0),
            )
            if top is not None:
                request.limit = top
            answer = self._call_json("SelectSeries", request, api.SelectSeriesResponse)
            return [
                SeriesTotals(
                    labels={pair.name: pair.value for pair in series.labels},
                    points=[
                        SeriesPoint(timestamp=from_millis(point.timestamp), value=point.value)
                        for point in series.points
                    ],
                )
                for series in answer.series
            ]

        return totals_in_parts(query, start, end, step, limit)

    def diff(self, left: ProfileQuery, right: ProfileQuery) -> FlameGraphDiff | None:
        """Return the server's ``Diff`` of two merges; None when it does not serve ``Diff``."""
        request = api.DiffRequest(
            left=_stacktraces_request(left), right=_stacktraces_request(right)
        )
        try:
            answer = self._call_json("Diff", request, api.DiffResponse)
        except MethodNotServedError:
            logger.debug("Diff is not served; the two merges are compared locally")
            return None
        graph = answer.flamegraph
        return FlameGraphDiff(
            names=list(graph.names),
            levels=[list(level.values) for level in graph.levels],
            total=graph.total,
            max_self=graph.max_self,
            left_ticks=graph.leftTicks,
            right_ticks=graph.rightTicks,
        )

    def _merge_via_stacktraces(
        self, selector: str, profile_type: str, start: datetime, end: datetime
    ) -> bytes | None:
        request = api.SelectMergeStacktracesRequest(
            profile_typeID=profile_type,
            label_selector=selector,
            start=to_millis(start),
            end=to_millis(end),
            format=api.PROFILE_FORMAT_PPROF,
        )
        try:
            body = self._post("SelectMergeStacktraces", request.SerializeToString(), PROTO)
        except MethodNotServedError:
            logger.debug("SelectMergeStacktraces is not served; using SelectMergeProfile")
            return None
        answer = api.SelectMergeStacktracesResponse()
        try:
            answer.ParseFromString(body)
        except DecodeError:
            raise ConnectionFailedError(
                f"{self.settings.describe()} sent an unreadable SelectMergeStacktraces answer",
                "Check that PROFILECLI_URL points at Pyroscope (or a Grafana proxy to it).",
            ) from None
        if not answer.HasField("pprof"):
            logger.debug("the server ignored PROFILE_FORMAT_PPROF; using SelectMergeProfile")
            return None
        return answer.pprof.profile

    def _call_json(self, method: str, request: Message, response_type: type[M]) -> M:
        body = json.dumps(json_format.MessageToDict(request)).encode("utf-8")
        answer = self._post(method, body, JSON)
        message = response_type()
        try:
            # Scrubbed first: a label value echoing a credential must not reach the state.
            text = self._scrub(answer.decode("utf-8"))
            json_format.Parse(text or "{}", message, ignore_unknown_fields=True)
        except (json_format.ParseError, UnicodeDecodeError, RecursionError):
            raise ConnectionFailedError(
                f"{self.settings.describe()} answered {method} with something that is not "
                "Connect JSON",
                "Check that PROFILECLI_URL points at Pyroscope: the base URL, or a Grafana "
                "data-source proxy URL ending in /api/datasources/proxy/uid/<uid>.",
            ) from None
        return message

    def _post(self, method: str, body: bytes, content_type: str) -> bytes:
        url = f"{self.settings.base_url}/{QUERIER_SERVICE}/{method}"
        headers = {
            "Content-Type": content_type,
            "Connect-Protocol-Version": "1",
            "Accept": ACCEPT_UTF8_LABELNAMES,
            # Decoded here, with a cap: httpx would inflate any encoding into memory unbounded.
            "Accept-Encoding": "gzip",
            "User-Agent": _user_agent(),
            **self.settings.auth_headers(),
        }
        deadline = Deadline(self.budget)
        where = self.settings.describe()
        try:
            for attempt in retrying(
                self.retry, is_transient, deadline, what=method, on_wait=self.on_wait
            ):
                with attempt:
                    return self._post_once(method, url, body, headers, deadline)
        except Transient as error:
            if error.retry_after is not None:
                raise RateLimitedError(
                    f"Pyroscope at {where} is rate-limiting {method} and asked to wait "
                    f"{error.retry_after:g}s; {deadline.remaining():.0f}s of this query's "
                    f"{self.budget:g}s budget were left: {error.final.message}"
                ) from None
            raise error.final from None
        except httpx.TimeoutException as error:
            raise QueryTimeoutError(
                f"{method} on {where} timed out after {self.timeout:g}s per request "
                f"({self.budget:g}s for the query; {type(error).__name__})",
                TIMEOUT_HINT,
            ) from None
        except httpx.InvalidURL as error:
            raise ConfigurationError(
                f"the Pyroscope URL cannot be used: {shown(self._scrub(str(error)))}",
                "Set PROFILECLI_URL (or --url) to e.g. http://localhost:4040.",
            ) from None
        except httpx.TransportError as error:
            raise ConnectionFailedError(
                f"cannot reach Pyroscope at {where}: {shown(self._scrub(str(error)), 300)}"
            ) from None
        raise AssertionError("tenacity returned without a result")  # pragma: no cover

    def _scrub(self, text: str) -> str:
        return scrub(text, self.settings.secrets())

    def _post_once(
        self, method: str, url: str, body: bytes, headers: dict[str, str], deadline: Deadline
    ) -> bytes:
        timeout = deadline.bound(self.timeout)
        request = self._client.build_request(
            "POST", url, content=body, headers=headers, timeout=timeout
        )
        response = self._client.send(request, stream=True)
        where = self.settings.describe()
        try:
            limit = MAX_PROFILE_BYTES if response.status_code == 200 else ERROR_BODY
            content = read_answer(
                response, method=method, where=where, deadline=deadline, limit=limit
            )
        finally:
            response.close()
        secrets = self.settings.secrets()
        return checked_answer(response, content, method=method, where=where, secrets=secrets)


def _stacktraces_request(query: ProfileQuery) -> api.SelectMergeStacktracesRequest:
    return api.SelectMergeStacktracesRequest(
        profile_typeID=query.profile_type,
        label_selector=query.selector,
        start=to_millis(query.start),
        end=to_millis(query.end),
        format=api.PROFILE_FORMAT_FLAMEGRAPH,
    )
