"""The ``observed`` numbers of ``expected.json``, read from a profile's native top table.

Each hot function of a profile entry gets what the profile shows of it now: its row of pprof's
``-top`` report (function granularity) and its rows of ``-lines -top -cum``, both from
:func:`top.top_table` (the project's ``go tool pprof -top``) over the decoded profile, so no
pprof text is parsed. The Go and the SDK scenarios record different fields (below); both
describe the same two tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from profile_insights.agent.profiles.decoded import decoded_file
from profile_insights.agent.profiles.table import TopRow, TopTable
from profile_insights.agent.profiles.top import top_table
from profile_insights.agent.profiles.units import format_percent, scaled_label


@dataclass(frozen=True)
class ProfileTables:
    """A profile's report by function and by line, both sorted by cum (``-top -cum``)."""

    functions: TopTable
    lines: TopTable

    def function_row(self, function: str) -> TopRow | None:
        """Return the function's row (None when pprof drops or never shows it)."""
        return next((row for row in self.functions.rows if row.function == function), None)

    def line_rows(self, function: str) -> list[TopRow]:
        """Return the function's rows of the ``-lines`` report, by cum."""
        return [row for row in self.lines.rows if row.function == function]


def profile_tables(path: Path, sample_index: str | None = None) -> ProfileTables:
    """Decode the profile at ``path`` and build its two reports (pprof's default sample type).

    Raises:
        ProfileFormatError: the file cannot be read or pprof would refuse it.
        SampleIndexError: ``sample_index`` names no sample type of the profile.
    """
    decoded = decoded_file(path)
    profile, prepared = decoded.profile, decoded.prepared
    return ProfileTables(
        functions=top_table(profile, sample_index=sample_index, cum=True, prepared=prepared),
        lines=top_table(
            profile, sample_index=sample_index, lines=True, cum=True, prepared=prepared
        ),
    )


# --------------------------------------------------------------------------- Go scenarios


def _printed_percent(value: float) -> float:
    """Return a percentage as pprof prints it (``%5.2f`` from 1, two digits below), as a number."""
    return float(format_percent(value).strip().rstrip("%"))


def _printed_value(table: TopTable, value: float) -> str:
    """Return a value as pprof prints it in this report (``0.11s``, ``512kB``)."""
    return scaled_label(value, table.sample_unit, table.display_unit or "minimum")


def observe_go_entry(entry: dict[str, Any], tables: ProfileTables) -> None:
    """Refresh ``observed`` / ``observed_lines`` of every hot function of a Go profile entry.

    observed: flat and cum of the function, as pprof prints them and their percentages (None
    when pprof shows no row of it); observed_lines: the function's row at each of its
    ``hot_lines`` in ``-lines -top -cum`` (lines pprof shows no row for are left out).
    """
    for hot in entry.get("hot_functions", []):
        row = tables.function_row(hot["function"])
        hot["observed"] = (
            {
                "flat_pct": _printed_percent(row.flat_pct),
                "cum_pct": _printed_percent(row.cum_pct),
                "flat": _printed_value(tables.functions, row.flat),
                "cum": _printed_value(tables.functions, row.cum),
            }
            if row
            else None
        )
        rows = tables.line_rows(hot["function"])
        observed_lines = []
        for line in hot.get("hot_lines", []):
            found = next((r for r in rows if r.line == line), None)
            if found is not None:
                observed_lines.append(
                    {
                        "line": line,
                        "cum_pct": _printed_percent(found.cum_pct),
                        "flat_pct": _printed_percent(found.flat_pct),
                        "inline": found.inline == "inline",
                    }
                )
        hot["observed_lines"] = observed_lines


def update_go_observed(scenario: Path, data: dict[str, Any]) -> None:
    """Refresh the observed numbers of every profile of a Go scenario's ``expected.json``."""
    for entry in data["profiles"]:
        tables = profile_tables(scenario / entry["file"], entry["pprof_sample_index"])
        observe_go_entry(entry, tables)


# --------------------------------------------------------------------------- SDK scenarios


def repo_path(file_in_profile: str, deployment: dict[str, Any]) -> str | None:
    """Return the repository path of a profile file name (None outside the service)."""
    prefix = deployment.get("profile_file_prefix", "")
    if not file_in_profile.startswith(prefix) or "node_modules" in file_in_profile:
        return None
    relative = file_in_profile[len(prefix) :]
    for shown, actual in sorted(
        deployment.get("repo_path_map", {}).items(), key=lambda kv: -len(kv[0])
    ):
        if relative.startswith(shown):
            return str(actual) + relative[len(shown) :]
    return relative


def checkout_functions(
    tables: ProfileTables, deployment: dict[str, Any], scenario: Path | None
) -> set[str]:
    """Return the names of the functions whose file is one of the repository's files."""
    own = set()
    for row in tables.lines.rows:
        relative = repo_path(row.file or "", deployment)
        if relative is not None and (scenario is None or (scenario / relative).is_file()):
            own.add(row.function)
    return own


def observe_sdk_entry(
    entry: dict[str, Any],
    tables: ProfileTables,
    deployment: dict[str, Any],
    scenario: Path | None = None,
) -> None:
    """Refresh the observed numbers of one SDK profile entry of ``expected.json``.

    observed: flat/cum % of the function (pprof -top -cum, function granularity), its rank by cum
    among all rows and among the service's own functions; observed_lines: the function's rows of
    -lines -top -cum (at most six, by cum); top_checkout_functions_by_cum: the first six own
    functions by cum. Own functions are those whose file, with deployment.profile_file_prefix
    removed (and deployment.repo_path_map applied), is a file of the scenario's repository.
    """
    own_names = checkout_functions(tables, deployment, scenario)
    own = [row.function for row in tables.functions.rows if row.function in own_names]
    entry["top_checkout_functions_by_cum"] = [
        {"function": row.function, "cum_pct": round(row.cum_pct, 2)}
        for row in tables.functions.rows
        if row.function in own_names
    ][:6]
    for hot in entry.get("hot_functions", []):
        function = hot["function"]
        match = tables.function_row(function)
        if match is None:
            hot["observed"] = {
                "flat_pct": 0.0,
                "cum_pct": 0.0,
                "rank_by_cum_all": None,
                "rank_by_cum_checkout": None,
            }
            hot["observed_lines"] = []
            continue
        hot["observed"] = {
            "flat_pct": round(match.flat_pct, 2),
            "cum_pct": round(match.cum_pct, 2),
            "rank_by_cum_all": match.rank,
            "rank_by_cum_checkout": own.index(function) + 1 if function in own else None,
        }
        by_line: dict[int, dict[str, Any]] = {}
        for row in tables.line_rows(function):
            if row.line is not None:
                by_line[row.line] = {
                    "line": row.line,
                    "cum_pct": round(row.cum_pct, 2),
                    "flat_pct": round(row.flat_pct, 2),
                }
        hot["observed_lines"] = sorted(by_line.values(), key=lambda item: -item["cum_pct"])[:6]
