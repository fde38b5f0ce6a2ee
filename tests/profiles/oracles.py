"""The stored pprof outputs of ../shared, read as test data: which runs exist and what they used."""

from __future__ import annotations

import json
from pathlib import Path

from profile_insights.agent.profiles.table import TopTable
from profile_insights.agent.profiles.text_values import value_in_sample_unit
from profile_insights.agent.profiles.top import format_top_table

CORPUS_DIRS = ("profiles", "pprof-conformance", "bench")


def is_top_report(output: object) -> bool:
    """Return True for the oracle files that hold a -top report."""
    return isinstance(output, str) and output.endswith((".top.txt", ".top-cum-lines.txt"))


def oracle_runs(shared: Path) -> list[tuple[Path, dict[str, object], dict[str, object]]]:
    """Return (oracle text, run record, decoded profile summary) for every successful run."""
    found = []
    for folder in CORPUS_DIRS:
        for meta_path in sorted((shared / folder).glob("*.oracle.json")):
            meta = json.loads(meta_path.read_text())
            for run in meta["runs"]:
                output = run.get("output")
                if run["exit_code"] == 0 and is_top_report(output):
                    found.append((meta_path.parent / str(output), run, meta["profile"]))
    return found


def selected_type(run: dict[str, object], profile: dict[str, object]) -> tuple[int, str]:
    """Return the index and unit of the sample type pprof showed in a run (pprof §4 rule)."""
    types = profile["sample_types"]
    assert isinstance(types, list)
    wanted = None
    for arg in run["args"]:  # type: ignore[attr-defined]
        if str(arg).startswith("-sample_index="):
            wanted = str(arg).split("=", 1)[1]
    if wanted is None:
        wanted = str(profile.get("default_sample_type") or "")
    names = [t["type"] for t in types]
    index = names.index(wanted) if wanted in names else len(types) - 1
    return index, str(types[index]["unit"])


def rounding_tolerance(display_unit: str, sample_unit: str) -> float:
    """Return the largest error %.2f printing can introduce, in the sample unit."""
    return value_in_sample_unit(f"0.0051{display_unit}", sample_unit) + 1e-9


ROW_IDENTITY = ("rank", "name", "function", "file", "line", "inline")


HEADER_IDENTITY = (
    "file_name",
    "build_id",
    "comments",
    "sample_type",
    "sample_unit",
    "display_unit",
    "dropped_nodes",
    "node_limit_shown",
    "node_limit_total",
    "lines",
    "cum_sort",
)


def run_options(run: dict[str, object]) -> dict[str, object]:
    """Return top_table keyword arguments equivalent to an oracle run's pprof flags."""
    args = [str(a) for a in run["args"]]  # type: ignore[attr-defined]
    index = next((a.split("=", 1)[1] for a in args if a.startswith("-sample_index=")), None)
    return {"sample_index": index, "lines": "-lines" in args, "cum": "-cum" in args}


def assert_same_table(native: TopTable, parsed: TopTable, label: str) -> None:
    """Assert two tables agree: identities exactly, numbers within the printed rounding."""
    assert len(native.rows) == len(parsed.rows), label
    for ours, theirs in zip(native.rows, parsed.rows, strict=True):
        for field in ROW_IDENTITY:
            assert getattr(ours, field) == getattr(theirs, field), (label, field, ours, theirs)
    for field in HEADER_IDENTITY:
        assert getattr(native, field) == getattr(parsed, field), (label, field)
    if native.time_nanos is not None:
        # pprof prints the time to the minute.
        assert parsed.time_nanos is not None
        assert 0 <= native.time_nanos - parsed.time_nanos < 60 * 10**9, label
    # Every number (values, percentages, totals, units) printed identically means the numbers
    # agree within the rounding of the text.
    assert format_top_table(native) == format_top_table(parsed), label


def corpus_reports(shared: Path) -> list[tuple[Path, dict[str, object], dict[str, object]]]:
    """Return every oracle report except the 13-second large benchmark profile's."""
    return [
        (path, run, profile)
        for path, run, profile in oracle_runs(shared)
        if "synthetic_go_cpu_large" not in path.name
    ]
