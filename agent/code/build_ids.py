"""What a profile's mapping build IDs say about the service version (repository and git ref).

Pyroscope writes the service version it received (``service_repository``, ``service_git_ref``,
``service_root_path``) as JSON into every mapping's build ID on ingest (pyroscope-api.md §4.4);
a plain GNU build ID may be a commit hash itself (``-ldflags -B 0x<hash>``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from pydantic import BaseModel

_HEX_RE = re.compile(r"^[0-9a-fA-F]{4,64}$")


class ServiceVersion(BaseModel):
    """What Pyroscope injected into a mapping's build ID (``model.ServiceVersion``)."""

    repository: str | None = None
    git_ref: str | None = None
    build_id: str | None = None
    root_path: str | None = None


def parse_build_id(build_id: str) -> ServiceVersion | None:
    """Return the service version in a Pyroscope JSON build ID, or None for a plain build ID."""
    text = build_id.strip()
    if not text.startswith("{"):
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    fields = {
        key: str(data[key])
        for key in ("repository", "git_ref", "build_id", "root_path")
        if isinstance(data.get(key), str | int) and str(data[key])
    }
    if not fields:
        return None
    return ServiceVersion(**fields)


def service_versions(build_ids: Sequence[str]) -> list[ServiceVersion]:
    """Return the distinct service versions found in build IDs, in first-seen order."""
    seen: list[ServiceVersion] = []
    for build_id in build_ids:
        version = parse_build_id(build_id)
        if version is not None and version not in seen:
            seen.append(version)
    return seen
