"""The report's summary: the service, the data used, where the cost is, and the main lever."""

from __future__ import annotations

from profile_insights.agent.analysis.models import Finding
from profile_insights.agent.analysis.patterns import (
    explain_line,
    focus_text,
)
from profile_insights.agent.code.models import SourceMatch
from profile_insights.agent.profiles.table import TopRow, TopTable

# With nothing in the checkout, code elsewhere is named in the summary from this much self time.
MIN_UNMAPPED_PCT = 5.0


def _top_unmapped(
    table: TopTable, matches: list[SourceMatch], count: int = 2
) -> list[tuple[str, str, float]]:
    """Return the code outside this checkout and known libraries with the most self time.

    Each entry is (function, file:line of its heaviest line, self % of all its lines): the
    application code of another checkout when ``--repo`` points at the wrong one.
    """
    own: dict[str, tuple[TopRow, float]] = {}
    for row, match in zip(table.rows, matches, strict=False):
        if match.kind != "unknown" or row.flat_pct <= 0:
            continue
        name = match.name or row.function or row.name
        heaviest, flat = own.get(name, (row, 0.0))
        own[name] = (row if row.flat_pct > heaviest.flat_pct else heaviest, flat + row.flat_pct)
    ranked = sorted(own.items(), key=lambda item: -item[1][1])
    return [
        (name, f"{row.file}:{row.line}" if row.file and row.line else row.file or "", flat)
        for name, (row, flat) in ranked[:count]
        if flat >= MIN_UNMAPPED_PCT
    ]


def summary_sentence(
    table: TopTable,
    matches: list[SourceMatch],
    findings: list[Finding],
    *,
    service: str,
    type_label: str,
    window: str,
) -> str:
    """Return a two-to-three sentence answer: where the cost goes, why, and the main lever."""
    parts = [f"{service}'s {type_label} profile over {window} ({table.sample_count} samples)."]
    in_repo = [
        (row, match)
        for row, match in zip(table.rows, matches, strict=False)
        if match.kind == "in_repo"
    ]
    located = next((f for f in findings if f.code_refs), None)
    if located is not None:
        cited = located.evidence[0]
        ref = located.code_refs[0]
        share = located.weight_pct or max(cited.cum_pct, sum(e.flat_pct for e in located.evidence))
        what = located.what or next(
            (
                pattern.what.split(":")[0]
                for match in matches
                if match.repo_path and ref == f"{match.repo_path}:{match.line}"
                for pattern in [explain_line(focus_text(match))]
                if pattern is not None
            ),
            None,
        )
        parts.append(
            f"{share:.1f}% of it goes through `{cited.name or cited.function}` at {ref}"
            + (f", which {what}." if what else ".")
        )
    elif in_repo:
        row, match = in_repo[0]
        parts.append(
            f"The heaviest code of this repository is `{match.name or row.function}` at "
            f"{match.repo_path}:{match.line} ({row.cum_pct:.1f}% with its callees)."
        )
    else:
        parts.append("No row of the top table maps to a file of this checkout.")
        unmapped = _top_unmapped(table, matches)
        if unmapped:
            parts.append(
                "The most self time is in "
                + " and ".join(
                    f"`{name}` ({place + ', ' if place else ''}{flat:.1f}% self)"
                    for name, place, flat in unmapped
                )
                + ": run with --repo at the checkout holding that code to have it read."
            )
    if findings:
        parts.append(f"Main lever: {findings[0].recommendation}")
    return " ".join(parts)
