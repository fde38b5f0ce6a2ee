"""What the replay server does with pushed profiles: store them in the recording it serves.

Connect ``push.v1.PusherService/Push`` (what the SDKs send) and the legacy ``/ingest`` upload
both end in :meth:`RecordingStore.add_profiles`, after the changes Pyroscope's distributor makes
(:mod:`ingest`: one profile type per sample type, the service version in the build IDs).
A server that serves its recording shifted (``serve --clock now``) stores each push back in the
recording's own time: the client's times, less the shift.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.combine import encode_pprof
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.pyroscope import pyroscope_api_pb2 as api
from profile_insights.agent.pyroscope.connect import ConnectReply, decode_message, encode_message
from profile_insights.agent.pyroscope.ingest import (
    inject_service_version,
    legacy_ingest_labels,
    pushed_profile_types,
    pushed_time_range,
)
from profile_insights.agent.pyroscope.recording import RecordingStore
from profile_insights.agent.pyroscope.timeparse import parse_time

logger = logging.getLogger("profile_insights.pyroscope.replay")


def store_push(
    store: RecordingStore, body: bytes, codec: str, *, shift: timedelta = timedelta(0)
) -> bytes:
    """Store every profile of a ``PushRequest`` and return an empty ``PushResponse``.

    ``shift`` is how much later than recorded the server shows its recording.

    Raises:
        ConnectReply: ``invalid_argument`` for a series without ``__name__`` or ``service_name``.
        ProfileFormatError: when a pushed profile is not a pprof profile.
    """
    request = decode_message(body, codec, api.PushRequest())
    received = datetime.now(UTC) - shift
    for series in request.series:
        labels = {pair.name: pair.value for pair in series.labels}
        name = labels.get("__name__")
        if not name or not labels.get("service_name"):
            raise ConnectReply(
                "invalid_argument", "a pushed series needs __name__ and service_name"
            )
        for sample in series.samples:
            _store(store, labels, name, sample.raw_profile, received, shift=shift)
    return encode_message(api.PushResponse(), codec)


def store_legacy_ingest(
    store: RecordingStore,
    params: Mapping[str, str],
    body: bytes,
    *,
    shift: timedelta = timedelta(0),
) -> None:
    """Store a legacy ``/ingest?name=app{k=v}&format=pprof`` upload (its query parameters).

    ``shift`` is how much later than recorded the server shows its recording.

    Raises:
        ConnectReply: ``invalid_argument`` for a format other than pprof.
        InvalidQueryError: when the application name cannot be read.
        ProfileFormatError: when the body is not a pprof profile.
    """
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
    span = (start - shift, end - shift) if start is not None and start <= end else None
    _store(store, labels, labels["__name__"], body, received - shift, span, shift=shift)


def _store(
    store: RecordingStore,
    labels: dict[str, str],
    name: str,
    raw: bytes,
    received: datetime,
    span: tuple[datetime, datetime] | None = None,
    *,
    shift: timedelta = timedelta(0),
) -> None:
    # received and span are in the recording's time (the client's, less the shift).
    profile = _load(raw)
    types = pushed_profile_types(profile, name)
    if not types:
        return
    if span is None:
        # The profile's own times are the client's clock: move them to the recording's.
        start, end = pushed_time_range(profile, received + shift)
        span = (start - shift, end - shift)
    start, end = span
    stored = inject_service_version(profile, labels)
    store.add_profiles(
        labels,
        [(type_id, sample if len(types) > 1 else None) for type_id, sample in types],
        encode_pprof(stored),
        start,
        end,
        recorded_at=max(received, end),
        advance_recorded_at=True,
    )
    logger.info("recorded a %s profile of %s", name, labels["service_name"])


def _load(raw: bytes) -> profile_pb2.Profile:
    return decode_profile(raw, name="pushed profile")
