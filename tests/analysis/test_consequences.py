"""Library findings that a code finding causes are folded into it or told as its consequence."""

from __future__ import annotations

from dataclasses import dataclass

from profile_insights.agent.analysis.analyst import pass_through_labels
from profile_insights.agent.analysis.consequences import attach_consequences
from profile_insights.agent.analysis.models import Evidence, Finding
from profile_insights.agent.code.models import SourceMatch
from profile_insights.agent.profiles.nesting import Nesting
from profile_insights.agent.profiles.table import TopRow
from tests.tables import top_row

CODE = top_row(1, "app.validCoupon", "/src/app/pricing.go", 61, 0.0, 86.0)
COMPILE = top_row(2, "regexp.Compile", "regexp/regexp.go", 137, 0.0, 85.0)
GROW = top_row(3, "runtime.growslice", "runtime/slice.go", 290, 0.1, 16.0)
OTHER = top_row(4, "runtime.mallocgc", "runtime/malloc.go", 900, 5.0, 12.0)
ROWS = [CODE, COMPILE, GROW, OTHER]


def _evidence(row: TopRow, in_repo: bool = False) -> Evidence:
    file = "app/pricing.go" if in_repo else row.file
    return Evidence(
        function=row.function or row.name,
        file=file,
        line=row.line,
        cum_pct=row.cum_pct,
        in_repo=in_repo,
        origin="repo" if in_repo else "runtime",
    )


def _finding(title: str, kind: str, *evidence: Evidence) -> Finding:
    return Finding.model_validate(
        {
            "title": title,
            "kind": kind,
            "explanation": "because",
            "recommendation": "fix it",
            "evidence": list(evidence),
            "code_refs": ["app/pricing.go:61"] if evidence[0].in_repo else [],
        }
    )


CODE_FINDING = _finding("Regex compiled per call", "cpu_hotspot", _evidence(CODE, in_repo=True))
# validCoupon's row is above all of regexp.Compile and growslice, and above none of mallocgc.
NESTING = Nesting(under={"1>2": 1.0, "1>3": 0.97})


def test_a_library_finding_of_the_same_kind_joins_the_code_findings_evidence() -> None:
    library = [_finding("CPU hotspot: regexp.Compile", "cpu_hotspot", _evidence(COMPILE))]
    code, kept = attach_consequences([CODE_FINDING], library, ROWS, NESTING)
    assert kept == []
    assert [e.function for e in code[0].evidence] == ["app.validCoupon", "regexp.Compile"]


def test_a_library_finding_of_another_kind_says_it_is_a_consequence_and_ranks_after() -> None:
    library = [_finding("Allocation pressure: growslice", "allocation_pressure", _evidence(GROW))]
    code, kept = attach_consequences([CODE_FINDING], library, ROWS, NESTING)
    assert code == [CODE_FINDING]
    (consequence,) = kept
    assert "97% of it inside app.validCoupon" in consequence.title
    assert "consequence" in consequence.explanation
    assert consequence.recommendation.startswith('Fix "Regex compiled per call" first')
    assert consequence.code_refs == ["app/pricing.go:61"]
    # What is left of it once the cause is fixed: 3% of its 16%.
    assert consequence.weight_pct == 0.48


def test_a_library_finding_outside_the_code_findings_stands_alone() -> None:
    library = [_finding("Allocation pressure: mallocgc", "allocation_pressure", _evidence(OTHER))]
    code, kept = attach_consequences([CODE_FINDING], library, ROWS, NESTING)
    assert (code, kept) == ([CODE_FINDING], library)


@dataclass(frozen=True)
class Entry:
    """A knowledge-base entry as the analyst reads it."""

    id: str
    kind: str
    meaning: str = ""
    remedy: str = ""


def test_a_library_call_that_only_passes_its_work_on_is_charged_to_that_work() -> None:
    fmt = top_row(2, "fmt.Fprintf", "fmt/print.go", 225, 0.2, 62.0)
    gzip = top_row(3, "compress/gzip.(*Writer).Write", "compress/gzip/gzip.go", 191, 0.0, 61.8)
    malloc = top_row(4, "runtime.mallocgc", "runtime/malloc.go", 900, 3.0, 40.0)
    entries = {
        "fmt.Fprintf": Entry("go-fmt", "cpu_hotspot"),
        "compress/gzip.(*Writer).Write": Entry("go-gzip", "compression"),
        "runtime.mallocgc": Entry("go-mallocgc", "allocation_pressure"),
    }

    def lookup(function: str, file: str | None) -> Entry | None:
        return entries.get(function)

    match = SourceMatch(function="fmt", profile_file=None, line=None, kind="stdlib", language="go")
    pairs: list[tuple[TopRow, SourceMatch | None]] = [(row, match) for row in (fmt, gzip, malloc)]
    # All of fmt's time is in the gzip writer (and in the allocator, which everything uses).
    nesting = Nesting(shares={"2>3": 0.997, "2>4": 0.95, "3>4": 0.9})
    assert pass_through_labels(pairs, lookup, nesting) == {"go-fmt": "go-gzip"}
    # A call with real self cost of its own keeps its label.
    busy = fmt.model_copy(update={"flat_pct": 20.0})
    pairs[0] = (busy, match)
    assert pass_through_labels(pairs, lookup, nesting) == {}


def test_one_cause_at_one_line_found_in_a_callback_and_its_function_is_one_finding() -> None:
    from profile_insights.agent.analysis.code_findings import merge_same_cause

    def finding(function: str, weight: float, line: int) -> Finding:
        return Finding.model_validate(
            {
                "title": f"rows re-created from itself on every step in {function} at x.js:18",
                "kind": "cpu_hotspot",
                "explanation": "because",
                "recommendation": "push into one array",
                "evidence": [_evidence(top_row(line, function, "x.js", line, 0.0, weight), True)],
                "code_refs": ["x.js:18"],
                "weight_pct": weight,
                "what": "re-creates `rows` from itself on every step",
            }
        )

    merged = merge_same_cause([finding("(anonymous)", 24.6, 18), finding("exportRows", 19.7, 17)])
    assert len(merged) == 1
    assert "exportRows" in merged[0].title and merged[0].weight_pct == 44.3
    assert [e.function for e in merged[0].evidence] == ["exportRows", "(anonymous)"]
