"""Services that stopped sending: found in the days before the last 24 hours, and reported.

A service silent for more than a day while others send is not "no service named checkout": it
is "checkout stopped sending profiles; the last one was seen at ...". The services step looks
back for the services a run wants but that sent nothing in the last day (named with
``--service``, or by the question); :func:`explain_stopped` ends such a run with that report.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from langgraph.runtime import Runtime

from profile_insights.agent.analysis.service_names import names_match
from profile_insights.agent.pyroscope.limits import DAY
from profile_insights.agent.pyroscope.selector import services_selector
from profile_insights.agent.pyroscope.source import ProfileSource
from profile_insights.agent.pyroscope.timeparse import format_rfc3339, parse_time
from profile_insights.graph.context import Context, context_of
from profile_insights.graph.fetch import LOOKBACK_DAYS
from profile_insights.graph.progress import emit
from profile_insights.graph.sources import source_of
from profile_insights.graph.state import ServiceInfo, State


def stopped_services(
    source: ProfileSource, now: datetime, given: Sequence[str], named: Sequence[str]
) -> list[ServiceInfo]:
    """Return the services, given by name or named by the question, seen only before the last day.

    One series query per day back (as many as the absence check makes), then a bisection of the
    last day with data to the second, so each is reported with when its last profile was seen.
    """
    found: dict[str, ServiceInfo] = {}
    for day in range(1, LOOKBACK_DAYS + 1):
        end = now - DAY * day
        for item in source.series("{}", ["service_name", "service_repository"], end - DAY, end):
            name = item.labels.get("service_name")
            if not name or name in found:
                continue
            if name in given or any(names_match(word, name) for word in named):
                found[name] = {
                    "name": name,
                    "repository": item.labels.get("service_repository"),
                    "matches_checkout": False,
                    "last_seen": format_rfc3339(_last_seen(source, name, end)),
                }
    return list(found.values())


def _last_seen(source: ProfileSource, name: str, end: datetime) -> datetime:
    """Return the last second of the day ending at ``end`` that still has data of ``name``."""
    selector = services_selector([name])
    start = end - DAY
    # The latest offset (in seconds from start) whose [start + offset, end] still has data:
    # [start, end] has some (the day loop found it), the day after ``end`` had none.
    low, high = 0, int(DAY.total_seconds())
    while low < high:
        middle = (low + high + 1) // 2
        if source.series(selector, ["service_name"], start + timedelta(seconds=middle), end):
            low = middle
        else:
            high = middle - 1
    return (start + timedelta(seconds=low)).replace(microsecond=0)


def _ago(now: datetime, then: datetime) -> str:
    hours = int((now - then).total_seconds() // 3600)
    days, hours = divmod(hours, 24)
    if days:
        return f"{days} day{'s' if days != 1 else ''}" + (f" {hours} h" if hours else "")
    return f"{hours} h"


def explain_stopped(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    """Say that the chosen services stopped sending profiles, and when each was last seen."""
    source = source_of(state, context_of(runtime))
    now = source.now().replace(microsecond=0)
    catalog = state.get("catalog") or []
    last_seen = {item["name"]: item.get("last_seen") for item in catalog}
    sending = [item["name"] for item in catalog if not item.get("last_seen")]
    parts = []
    for name in state.get("chosen_services") or []:
        seen = last_seen.get(name)
        if seen:
            parts.append(
                f"{name} stopped sending profiles: the last one was seen at {seen}, "
                f"{_ago(now, parse_time(seen, now))} before now ({format_rfc3339(now)})"
            )
    reason = "; ".join(parts) + ". "
    if sending:
        reason += f"Services sending profiles now: {', '.join(sending)}. "
    reason += (
        "Check that the service is running and that its profiler still pushes to this "
        "Pyroscope (agent logs, network, the tenant)."
    )
    emit("explain_stopped", reason)
    return {"outcome": "no_recent_data", "absence_reason": reason}
