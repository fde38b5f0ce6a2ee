"""What the chat model is shown: table rows, code around the hot lines, hints, the reply shape.

The prompt is small on purpose (the token budget, docs/evals.md): the rows that matter, a few
merged excerpts of the checkout's hot lines, the deterministic findings as hints, and only the
problem kinds the profile type can show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from profile_insights.agent.analysis.advice import KIND_LABELS
from profile_insights.agent.analysis.models import Evidence, Finding, ProblemKind, evidence_of
from profile_insights.agent.code.frame_names import parse_frame
from profile_insights.agent.code.models import CodeWindow, SourceMatch
from profile_insights.agent.profiles.table import TopRow, TopTable
from profile_insights.agent.pyroscope.source import ProfileType
from profile_insights.prompts import render

#: Full-line comment markers of the languages profiled (Go/Java/C-like, Python/Ruby/shell).
_COMMENT_STARTS = ("//", "#")


#: The kinds of problem each family of profile can show (a mutex profile cannot show GC
#: pressure); the model is offered these, the hints' kinds and ``other``.
_KINDS_BY_FAMILY: dict[str, tuple[str, ...]] = {
    "mutex": ("lock_contention",),
    "block": ("channel_blocking", "lock_contention", "io_wait"),
    "goroutine": ("goroutine_leak", "channel_blocking", "lock_contention", "io_wait"),
    "inuse": ("retained_memory",),
    "alloc": ("allocation_pressure", "serialization", "compression"),
    "time": (
        "cpu_hotspot",
        "allocation_pressure",
        "gc_pressure",
        "lock_contention",
        "channel_blocking",
        "compression",
        "serialization",
        "io_wait",
    ),
}


#: Frames the deterministic findings summarise by kind (GC, allocator, scheduler, encoders).
_SUMMARISED_KINDS = ("runtime", "stdlib")


class Excerpt(BaseModel):
    """Lines of one file shown to the model: overlapping code windows merged into one."""

    path: str
    start_line: int
    lines: list[str]
    focus_lines: list[int]

    @property
    def end_line(self) -> int:
        """Return the 1-based number of the last line."""
        return self.start_line + len(self.lines) - 1

    def numbered(self) -> list[tuple[int, str]]:
        """Return (line number, text) pairs without blank or comment-only lines.

        Each line keeps its number in the file, so a ``path:line`` the model cites is a real
        line; a hot line is always kept.
        """
        return [
            (number, text.rstrip())
            for number, text in enumerate(self.lines, start=self.start_line)
            if number in self.focus_lines
            or (text.strip() and not text.lstrip().startswith(_COMMENT_STARTS))
        ]


class PromptRow(BaseModel):
    """One table row as the model sees it, and the evidence it stands for when cited."""

    rank: int
    function: str = Field(description="Short name: the package path before the last / dropped.")
    where: str = Field(description="Repo-relative file:line; basename:line outside the repo.")
    flat_pct: float
    cum_pct: float
    evidence: Evidence


@dataclass(frozen=True)
class AnalystPrompt:
    """The messages of the one call, and the rows they show (what a cited rank may mean)."""

    messages: list[SystemMessage | HumanMessage]
    rows: dict[int, PromptRow]


def merge_windows(windows: list[CodeWindow]) -> list[Excerpt]:
    """Merge windows of the same file that overlap or touch, so no line is sent twice."""
    excerpts: list[Excerpt] = []
    for window in sorted(windows, key=lambda w: (w.path, w.start_line)):
        last = excerpts[-1] if excerpts else None
        if last is not None and last.path == window.path and window.start_line <= last.end_line + 1:
            extra = window.lines[last.end_line - window.start_line + 1 :]
            last.lines.extend(extra)
            if window.focus_line not in last.focus_lines:
                last.focus_lines.append(window.focus_line)
            continue
        excerpts.append(
            Excerpt(
                path=window.path,
                start_line=window.start_line,
                lines=list(window.lines),
                focus_lines=[window.focus_line],
            )
        )
    return excerpts


def short_function(name: str) -> str:
    """Return a function name without its package path (Go's ``a/b/pkg.F`` -> ``pkg.F``).

    Receivers keep their type, with type arguments as ``[...]``; names that carry a file
    (Node's ``./src/x.js:fn:12``) give the function (see :attr:`Frame.short`).
    """
    return parse_frame(name).short


def shown_place(row: TopRow, match: SourceMatch | None) -> str:
    """Return the repo-relative ``file:line`` of an in-repo row, else ``basename:line``.

    The model cannot read or change code outside the checkout: there, the function name
    carries the package, and the base name and line only tell rows of one function apart.
    """
    line = row.line if row.line is not None else "?"
    if match is not None and match.kind == "in_repo" and match.repo_path:
        return f"{match.repo_path}:{line}"
    if not row.file:
        return ""
    return f"{row.file.replace(chr(92), '/').rsplit('/', 1)[-1]}:{line}"


def _rank_of(item: Evidence, pairs: list[tuple[TopRow, SourceMatch | None]]) -> int | None:
    for row, match in pairs:
        repo_path = match.repo_path if match is not None else None
        if (
            item.function in (row.function, row.name)
            and item.line == row.line
            and (item.file in (row.file, repo_path))
        ):
            return row.rank
    return None


def _profile_name(profile_type: str) -> str:
    try:
        return ProfileType.parse(profile_type).name
    except ValueError:
        return profile_type


def _family(profile_type: str, sample_type: str) -> str:
    name = _profile_name(profile_type)
    if name == "mutex" or sample_type in ("lock_time", "lock_count"):
        return "mutex"
    if name == "block":
        return "block"
    if name.startswith("goroutine"):
        return "goroutine"
    if sample_type.startswith("inuse") or sample_type == "live":
        return "inuse"
    if sample_type.startswith("alloc"):
        return "alloc"
    return "time"


def offered_kinds(profile_type: str, sample_type: str, hinted: list[str]) -> list[str]:
    """Return the problem kinds the model may use for this profile, in a fixed order."""
    wanted = set(_KINDS_BY_FAMILY[_family(profile_type, sample_type)]) | set(hinted)
    return [kind for kind in get_args(ProblemKind) if kind in wanted or kind == "other"]


def _number(value: float) -> str:
    """Return a percentage with one decimal, without a trailing ``.0``."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def select_rows(
    pairs: list[tuple[TopRow, SourceMatch | None]],
    *,
    max_rows: int,
    top: int = 3,
    min_pct: float = 1.0,
    min_self_pct: float = 5.0,
) -> list[tuple[TopRow, SourceMatch | None]]:
    """Return the rows worth a line of their own, in table order.

    The ``top`` rows by cum and those by flat of at least ``min_self_pct`` (where the cost
    is; runtime and stdlib ones are left to the hints) always go, then in-repo rows of at
    least ``min_pct`` flat or cum (the only code the model can change) up to ``max_rows``.
    Runtime, stdlib and third-party rows further down reach the model only through the
    deterministic findings' one-line hints, by rank.
    """
    by_self = [
        (row, match)
        for row, match in sorted(pairs, key=lambda pair: -pair[0].flat_pct)
        if row.flat_pct >= min_self_pct and (match is None or match.kind not in _SUMMARISED_KINDS)
    ][:top]
    chosen = {row.rank for row, _ in pairs[:top]} | {row.rank for row, _ in by_self}
    for row, match in pairs:
        if len(chosen) >= max_rows:
            break
        if (
            match is not None
            and match.kind == "in_repo"
            and max(row.flat_pct, row.cum_pct) >= min_pct
        ):
            chosen.add(row.rank)
    return [(row, match) for row, match in pairs if row.rank in chosen]


def hint_title(finding: Finding) -> str:
    """Return a finding's title without the kind label it may start with (the hint shows it)."""
    label = KIND_LABELS.get(finding.kind, "") + ": "
    return finding.title.removeprefix(label)


def focus_lines(
    pairs: list[tuple[TopRow, SourceMatch | None]],
    findings: list[Finding],
    *,
    max_lines: int,
) -> list[tuple[SourceMatch, int]]:
    """Return the hot in-repo lines to show code around, most important first.

    The deterministic analyst already located the lines that do the work (its findings'
    ``code_refs``, in impact order); without any, the in-repo rows of most self cost.
    """
    windows = [
        match
        for _, match in pairs
        if match is not None and match.kind == "in_repo" and match.window is not None
    ]

    def window_of(path: str | None, line: int) -> SourceMatch | None:
        # A finding may cite any line of a function read, not only a row's own line.
        for match in windows:
            window = match.window
            if (
                window is not None
                and match.repo_path == path
                and window.start_line <= line <= window.end_line
            ):
                return match
        return None

    # One line per finding first (its hottest), so every finding's code is shown before any
    # finding gets a second line.
    per_finding: list[list[tuple[str | None, int]]] = []
    for finding in findings:
        parsed = [ref.rpartition(":") for ref in finding.code_refs]
        per_finding.append([(path, int(line)) for path, _, line in parsed if line.isdigit()])
    depth = max((len(line_refs) for line_refs in per_finding), default=0)
    refs = [line_refs[i] for i in range(depth) for line_refs in per_finding if i < len(line_refs)]
    if not refs:
        in_repo = sorted(
            (
                (row, match)
                for row, match in pairs
                if match is not None and match.kind == "in_repo" and row.line is not None
            ),
            key=lambda pair: (-pair[0].flat_pct, -pair[0].cum_pct),
        )
        refs = [(match.repo_path, row.line) for row, match in in_repo if row.line is not None]
    picked = [
        (match, line)
        for path, line in dict.fromkeys(refs)
        if (match := window_of(path, line)) is not None
    ]
    return picked[:max_lines]


def excerpts_for(focus: list[tuple[SourceMatch, int]], radius: int) -> list[Excerpt]:
    """Return ``radius`` lines each side of every focus line, cut from the windows read.

    Cutting from what was read (never re-reading files) keeps every line shown inside a
    window the verifier knows, so a ``code_refs`` entry on a shown line is always grounded.
    """
    cuts: list[CodeWindow] = []
    for match, line in focus:
        window = match.window
        if window is None:
            continue
        first = max(window.start_line, line - radius)
        last = min(window.end_line, line + radius)
        cuts.append(
            CodeWindow(
                path=window.path,
                start_line=first,
                focus_line=line,
                lines=window.lines[first - window.start_line : last - window.start_line + 1],
            )
        )
    return merge_windows(cuts)


def prompt_messages(
    question: str,
    service: str,
    profile_type: str,
    table: TopTable,
    matches: list[SourceMatch],
    findings: list[Finding],
    *,
    max_rows: int = 10,
    max_focus_lines: int = 4,
    radius: int = 6,
) -> AnalystPrompt:
    """Return the system and user messages (``prompts/analyst_*.j2``) and the rows shown."""
    pairs: list[tuple[TopRow, SourceMatch | None]] = [
        (row, matches[index] if index < len(matches) else None)
        for index, row in enumerate(table.rows)
    ]
    listed = select_rows(pairs, max_rows=max_rows)
    hints = [
        {
            "kind": finding.kind,
            "title": hint_title(finding),
            "ranks": [
                rank for item in finding.evidence if (rank := _rank_of(item, pairs)) is not None
            ],
        }
        for finding in findings
    ]
    # What the model may cite: the rows listed and the rows the hints name by rank.
    hinted = {rank for hint in hints for rank in hint["ranks"]}
    shown = {
        row.rank: PromptRow(
            rank=row.rank,
            function=short_function(row.function or row.name),
            where=shown_place(row, match),
            flat_pct=row.flat_pct,
            cum_pct=row.cum_pct,
            evidence=evidence_of(row, match),
        )
        for row, match in pairs
        if row.rank in hinted or any(row is other for other, _ in listed)
    }
    excerpts = excerpts_for(focus_lines(pairs, findings, max_lines=max_focus_lines), radius)
    kinds = offered_kinds(profile_type, table.sample_type, [f.kind for f in findings])
    system = render("analyst_system.md.j2", kinds=kinds)
    user = render(
        "analyst_input.md.j2",
        question=question,
        service=service,
        profile_name=_profile_name(profile_type),
        sample_type=table.sample_type,
        rows=[
            {
                "rank": row.rank,
                "flat": _number(row.flat_pct),
                "cum": _number(row.cum_pct),
                "function": shown[row.rank].function,
                "where": shown[row.rank].where,
            }
            for row, _ in listed
        ],
        excerpts=excerpts,
        hints=hints,
    )
    return AnalystPrompt(
        messages=[SystemMessage(content=system), HumanMessage(content=user)], rows=shown
    )
