"""What Pyroscope does to a pushed profile before storing it, for the replay server's ingest.

* Profile types: a pushed series has ``__name__`` (e.g. ``process_cpu``); each sample type of
  the pprof becomes one profile type ``__name__:type:unit:period_type:period_unit``.
* Source-code labels: the distributor's ``injectMappingVersions`` (``pkg/distributor``) writes
  ``{"repository","git_ref","build_id","root_path"}`` JSON into every mapping's ``build_id`` when
  the series has ``service_repository``/``service_git_ref``/``service_root_path``, and
  ``sanitizeProfile`` (``pkg/pprof/pprof.go``) gives mapping-less profiles (the Python SDK's) a
  stub mapping first. pyroscope-api.md §4.4.
* Legacy ``/ingest``: ``name=app{k=v,...}`` carries the service name and labels, and
  ``__name__`` is guessed from the sample type like ``profilecli upload`` does (§1.10, §5.2).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from profile_insights.agent.errors import InvalidQueryError, ProfileFormatError
from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.combine import sample_types

_VERSION_LABELS = (
    ("service_repository", "repository"),
    ("service_git_ref", "git_ref"),
    ("build_id", "build_id"),
    ("service_root_path", "root_path"),
)
# Profiles claiming a time further than this from the receive time are re-dated, as the server
# fixes broken SDK times on ingest (pkg/og/convert/pprof/profile.go fixTime).
_PLAUSIBLE_SKEW = timedelta(days=1)
_DEFAULT_PUSH_SPAN = timedelta(seconds=10)


def pushed_profile_types(profile: profile_pb2.Profile, name: str) -> list[tuple[str, str]]:
    """Return ``(profile type ID, sample type)`` for each sample type of a pushed profile.

    Raises:
        ProfileFormatError: when the profile's types point outside its string table.
    """
    strings = profile.string_table
    period = ("", "")
    if profile.HasField("period_type"):
        indices = (profile.period_type.type, profile.period_type.unit)
        if not all(0 <= index < len(strings) for index in indices):
            raise ProfileFormatError("malformed pushed profile: period type outside string table")
        period = (strings[indices[0]], strings[indices[1]])
    return [
        (f"{name}:{type_}:{unit}:{period[0]}:{period[1]}", type_)
        for type_, unit in sample_types(profile)
    ]


def pushed_time_range(
    profile: profile_pb2.Profile, received: datetime
) -> tuple[datetime, datetime]:
    """Return the time a pushed profile covers (its own times when plausible)."""
    if profile.time_nanos > 0:
        start = datetime.fromtimestamp(profile.time_nanos / 1e9, UTC)
        duration = timedelta(microseconds=profile.duration_nanos / 1000)
        if abs(start - received) < _PLAUSIBLE_SKEW and duration >= timedelta(0):
            return start, start + (duration or _DEFAULT_PUSH_SPAN)
    return received - _DEFAULT_PUSH_SPAN, received


def inject_service_version(
    profile: profile_pb2.Profile, labels: Mapping[str, str]
) -> profile_pb2.Profile:
    """Return the profile with the service-version JSON in every mapping's build ID."""
    if not any(labels.get(label) for label, _ in _VERSION_LABELS if label != "build_id"):
        return profile
    result = profile_pb2.Profile()
    result.CopyFrom(profile)
    if not result.string_table:
        result.string_table.append("")
    if not result.mapping:
        result.mapping.add(id=1)
        for location in result.location:
            if location.mapping_id == 0:
                location.mapping_id = 1
    for mapping in result.mapping:
        original = result.string_table[mapping.build_id] if mapping.build_id else ""
        values = {**labels, "build_id": original}
        document = {key: values[label] for label, key in _VERSION_LABELS if values.get(label)}
        result.string_table.append(json.dumps(document, separators=(",", ":")))
        mapping.build_id = len(result.string_table) - 1
    return result


def legacy_ingest_labels(name: str, profile: profile_pb2.Profile) -> dict[str, str]:
    """Return the series labels of a legacy ``/ingest?name=app{k=v,...}`` upload.

    Raises:
        InvalidQueryError: when ``name`` is not ``app`` or ``app{k=v,...}``.
    """
    match = re.fullmatch(r"\s*([^{}\s]+)\s*(?:\{(.*)\})?\s*", name)
    if not match:
        raise InvalidQueryError(
            f"cannot read the application name {name!r}", "Use name=app or name=app{k=v}."
        )
    app, tags = match.group(1), match.group(2) or ""
    labels: dict[str, str] = {}
    for pair in filter(None, (part.strip() for part in tags.split(","))):
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InvalidQueryError(f"cannot read the tag {pair!r} in {name!r}")
        labels[key.strip()] = value.strip()
    # The pre-1.0 SDKs append the profile kind to the app name ("app.cpu").
    service, dot, kind = app.rpartition(".")
    if dot and kind in ("cpu", "wall", "alloc_objects", "alloc_space", "inuse_objects"):
        app = service
    labels["service_name"] = app
    labels["__name__"] = legacy_metric_name([type_ for type_, _ in sample_types(profile)])
    return labels


def legacy_metric_name(types: list[str]) -> str:
    """Return the ``__name__`` Pyroscope gives a legacy pprof upload with these sample types.

    As ``RawProfile.metricName`` (``pkg/og/convert/pprof``): any ``wall`` sample type makes the
    whole upload ``wall`` (Node.js sends samples, wall and cpu in one profile, which arrives as
    ``wall:samples:…``, ``wall:wall:…``, ``wall:cpu:…``); otherwise the first sample type that
    names cpu, memory, mutex, block or goroutines decides. The ``samples`` count of an old
    pyspy/rbspy upload is CPU.
    """
    if "wall" in types:
        return "wall"
    for type_ in types:
        if "cpu" in type_ or type_ == "samples":
            return "process_cpu"
        if "alloc_" in type_ or "inuse_" in type_ or type_ in ("space", "objects"):
            return "memory"
        for name in ("mutex", "block", "goroutines"):
            if name in type_:
                return name
    return types[0] if types else "unknown"
