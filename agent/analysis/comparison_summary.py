"""The first sentences of a comparison's summary: the verdict, what grew, and the commit."""

from __future__ import annotations

from profile_insights.agent.analysis.comparison import Comparison
from profile_insights.agent.code.frame_names import parse_frame


def _short(function: str) -> str:
    # Without the package path, and without the file Node's and Pyroscope's names carry.
    return parse_frame(function).short


def _side(refs: list[str], start: str, end: str) -> str:
    ref = f"ref {refs[-1][:9]}, " if refs else ""
    return f"{ref}{start} .. {end}"


def comparison_lead(comparison: Comparison, service: str, measure: str) -> str:
    """Return the verdict and its main evidence, in a few sentences, for the summary.

    Args:
        comparison: The computed comparison.
        service: The service compared.
        measure: What the profile measures, in words ("CPU time", "mutex delay").
    """
    base, now = comparison.baseline, comparison.current
    window = (
        f"between the baseline ({_side(base.git_refs, base.from_, base.to)}) and the "
        f"current window ({_side(now.git_refs, now.from_, now.to)})"
    )
    load = f"x{comparison.load_factor:.2f}"
    if comparison.verdict == "unchanged":
        text = (
            f"No significant change per unit of load: {service}'s {measure} went from "
            f"{base.total_text} to {now.total_text} {window}, in step with a load change of "
            f"{load} ({comparison.growth_pct:+.1f}% beyond it, within the "
            f"{comparison.threshold_pct:g}% threshold)."
        )
        if comparison.load_change != "unchanged":
            text += " The shares of the functions stayed: this is more (or less) traffic or a "
            text += "window of another length, not slower code."
        return text
    grew = comparison.verdict == "regressed"
    text = (
        f"{'Regressed' if grew else 'Improved'}: {service}'s {measure} "
        f"{'grew' if grew else 'fell'} {abs(comparison.growth_pct):.0f}% beyond the change "
        f"of load ({load}) {window}."
    )
    if comparison.grown:
        top = comparison.grown[0]
        change = top.change
        where = f" at {change.file}:{change.line}" if change.line else ""
        added = ""
        if top.lines and top.lines[0].baseline_line is None and not top.shrank:
            added = " (a line the change added or rewrote)"
        text += (
            f" `{_short(change.function)}` {'grew' if grew else 'shrank'} most: from "
            f"{change.baseline_pct:.1f}% to {change.current_pct:.1f}% of the total "
            f"({change.delta_pct:+.1f} points beyond the load){where}{added}."
        )
        touching = [c for c in comparison.commits if change.file in c.files]
        if touching:
            listed = "; ".join(f'{c.hash[:9]} "{c.subject}"' for c in touching[:2])
            text += f" Commits between the refs that touched {change.file}: {listed}."
    return text
