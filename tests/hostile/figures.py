"""The corpus's figures, printed at the end of a run: cases per way in, requests per fault.

The closing note of the hostile-input work quotes them; they are counted as the tests run,
so they are the figures of the run that printed them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

#: Requests the fault server saw, by fault, in this run.
FAULT_REQUESTS: Counter[str] = Counter()
#: Cases run, by way in.
CASES_BY_WAY: Counter[str] = Counter()
#: Fuzzed inputs tried, by fuzzer.
FUZZED: Counter[str] = Counter()


def record_fault(fault: str, requests: int) -> None:
    """Count the requests one fault case caused."""
    FAULT_REQUESTS[fault] += requests


def record_case(way: str) -> None:
    """Count one case run through ``way``."""
    CASES_BY_WAY[way] += 1


def counted() -> dict[str, dict[str, int]]:
    """Return this process's figures, as a pytest-xdist worker hands them to the controller."""
    return {"cases": dict(CASES_BY_WAY), "faults": dict(FAULT_REQUESTS), "fuzzed": dict(FUZZED)}


def add(figures: dict[str, Any]) -> None:
    """Add a worker's figures (from :func:`counted`) to this process's."""
    CASES_BY_WAY.update(figures.get("cases", {}))
    FAULT_REQUESTS.update(figures.get("faults", {}))
    FUZZED.update(figures.get("fuzzed", {}))


def report() -> list[str]:
    """Return the lines of the summary (empty when no hostile case ran)."""
    if not (CASES_BY_WAY or FAULT_REQUESTS or FUZZED):
        return []
    lines = [f"hostile corpus: {sum(CASES_BY_WAY.values())} cases"]
    lines += [f"  {way}: {count}" for way, count in sorted(CASES_BY_WAY.items())]
    if FUZZED:
        lines.append("fuzzed inputs: " + ", ".join(f"{k} {v}" for k, v in sorted(FUZZED.items())))
    if FAULT_REQUESTS:
        lines.append("requests seen by the fault server, per fault:")
        lines += [f"  {fault}: {count}" for fault, count in sorted(FAULT_REQUESTS.items())]
    return lines
