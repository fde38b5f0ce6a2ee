"""What profilecli prints, read back: ``query series`` label sets and ``query top`` totals.

Formats per version are in pyroscope-api.md §2.1 (series: pretty JSON from v1.19.0, one compact
object per line before) and §2.2 (top: ``{"series": [{"labels": {...}, "total": n}]}``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from profile_insights.agent.errors import ToolFailedError


def parse_series_json(output: str) -> list[dict[str, str]]:
    """Return the label sets of ``query series --output json`` (v1.19.0+)."""
    try:
        document = json.loads(output)
    except json.JSONDecodeError:
        raise _unreadable(output) from None
    if not isinstance(document, dict) or not isinstance(document.get("series", []), list):
        raise _unreadable(output)
    return [_labels(item, output) for item in document.get("series") or []]


def parse_series_ndjson(output: str) -> list[dict[str, str]]:
    """Return the label sets of v1.18-and-older ``query series`` (one object per line)."""
    # Nothing at all is printed when nothing matched.
    result: list[dict[str, str]] = []
    for line in output.splitlines():
        if not line.strip():
            continue
        try:
            result.append(_labels(json.loads(line), output))
        except json.JSONDecodeError:
            raise _unreadable(output) from None
    return result


def _labels(item: object, output: str) -> dict[str, str]:
    if not isinstance(item, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in item.items()
    ):
        raise _unreadable(output)
    return dict(item)


def _unreadable(output: str, command: str = "series") -> ToolFailedError:
    preview = output.strip().splitlines()[0][:120] if output.strip() else "(nothing)"
    return ToolFailedError(
        f"could not read profilecli's {command} output: {preview!r}",
        f"Check that `profilecli query {command}` works by hand; this profilecli version may print "
        "a format profile-insights does not know.",
    )


def parse_top_json(output: str, group_by: Sequence[str]) -> list[tuple[dict[str, str], float]]:
    """Return (labels, total) per series of ``query top --output json`` (v1.19.0+).

    profilecli prints ``<unknown>`` for a label a series lacks (``SelectSeries`` leaves it out,
    and so does this). Asked for no ``group_by``, profilecli was run grouping by
    ``service_name`` (its default): the rows are added up into one series without labels.
    """
    try:
        document = json.loads(output or "{}")
    except json.JSONDecodeError:
        raise _unreadable(output, "top") from None
    series = document.get("series") if isinstance(document, dict) else None
    if not isinstance(series, list):
        raise _unreadable(output, "top")
    found: list[tuple[dict[str, str], float]] = []
    for item in series:
        total = item.get("total") if isinstance(item, dict) else None
        if not isinstance(total, int | float):
            raise _unreadable(output, "top")
        labels = _labels(item.get("labels") or {}, output)
        found.append(({k: v for k, v in labels.items() if v != "<unknown>"}, float(total)))
    if not group_by:
        return [({}, sum(total for _, total in found))] if found else []
    return found
