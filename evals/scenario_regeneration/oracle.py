"""``NAME.oracle.json``: what a Go scenario's profile holds and how pprof printed it.

The summary (sample types, period, counts of samples, locations, functions and strings, the
label keys, the main mapping and the sum of |value| per sample type) is read with the project's
own decoder (:func:`decode.decode_profile_with_columns`, which validates like pprof, and its
sample columns);
the ``runs`` are the ``go tool pprof`` outputs written beside the profile.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from profile_insights.agent.profiles.decode import (
    decode_profile_with_columns,
    gunzip_capped,
    read_bytes,
)
from profile_insights.evals.scenario_regeneration.pprof_outputs import (
    PlannedRun,
    top_plan,
    write_pprof_outputs,
)

_GZIP_MAGIC = b"\x1f\x8b"


def summarize(path: Path) -> dict[str, Any]:
    """Return the summary of the pprof file at ``path`` that ``NAME.oracle.json`` stores.

    Raises:
        ProfileFormatError: the file cannot be read or pprof would refuse it.
    """
    raw = read_bytes(path)
    gz = raw[:2] == _GZIP_MAGIC
    body = gunzip_capped(raw, name=path.name) if gz else raw
    profile, columns = decode_profile_with_columns(body, name=path.name)
    strings = profile.string_table
    label_keys: list[str] = []
    for sample in profile.sample:
        for label in sample.label:
            if strings[label.key] not in label_keys:
                label_keys.append(strings[label.key])
    width = len(profile.sample_type)
    sums = np.abs(columns.values.reshape(-1, width)).sum(axis=0, dtype=np.int64)
    main = profile.mapping[0] if profile.mapping else None
    period_type = profile.period_type if profile.HasField("period_type") else None
    return {
        "file": path.name,
        "size_bytes": len(raw),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "profile": {
            "gzip": gz,
            "uncompressed_bytes": len(body),
            "sample_types": [
                {"type": strings[t.type], "unit": strings[t.unit]} for t in profile.sample_type
            ],
            "default_sample_type": strings[profile.default_sample_type],
            "period_type": {"type": strings[period_type.type], "unit": strings[period_type.unit]}
            if period_type is not None
            else None,
            "period": profile.period,
            "time_nanos": profile.time_nanos,
            "duration_nanos": profile.duration_nanos,
            "comments": [strings[c] for c in profile.comment],
            "drop_frames": strings[profile.drop_frames],
            "keep_frames": strings[profile.keep_frames],
            "doc_url": strings[profile.doc_url],
            "samples": len(profile.sample),
            "locations": len(profile.location),
            "functions": len(profile.function),
            "mappings": len(profile.mapping),
            "strings": len(strings),
            "inline_locations": sum(1 for loc in profile.location if len(loc.line) > 1),
            "locations_without_lines": sum(1 for loc in profile.location if not loc.line),
            "label_keys": label_keys,
            "main_mapping": {
                "file": strings[main.filename] if main else "",
                "build_id": strings[main.build_id] if main else "",
            },
            "sum_abs_values": [int(total) for total in sums],
        },
    }


def oracle_plan(name: str, sample_types: list[str]) -> list[PlannedRun]:
    """Return the pprof runs of a Go scenario's profile.

    The default report, each sample type's report (``-sample_index``) and ``-raw``.
    """
    plan = top_plan(name)
    for sample_type in sample_types:
        plan += top_plan(name, sample_type)
    return [*plan, (["-raw"], f"{name}.raw.txt")]


def write_oracle(profile: Path) -> None:
    """Write the pprof outputs beside ``profile`` and its ``NAME.oracle.json``."""
    summary = summarize(profile)
    sample_types = [entry["type"] for entry in summary["profile"]["sample_types"]]
    summary["runs"] = write_pprof_outputs(profile, oracle_plan(profile.name, sample_types))
    oracle = profile.parent / f"{profile.name}.oracle.json"
    oracle.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
