"""``profile-insights eval``: run the evaluation cases through the graph, print and save scores.

The runner, scorers and token counter (the graph, LangChain, a tokenizer) are imported when the
command runs: ``agent/cli/app.py`` imports this module for every command.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from profile_insights.agent.errors import ConfigurationError

if TYPE_CHECKING:
    from rich.table import Table

    from profile_insights.evals.case_models import EvalCase
    from profile_insights.evals.runner import EvalRun
    from profile_insights.evals.scores import CaseResult
    from profile_insights.evals.token_budget import BudgetSummary

# Wide enough for the score table when printing to a file or CI log (rich's default is 80).
console = Console(width=None if Console().is_terminal else 160, emoji=False)

#: Environment variable naming the shared reference data (profiles/ with oracle outputs).
SHARED_ENV = "PROFILE_INSIGHTS_SHARED"


def default_shared_dir(cases_dir: Path) -> Path | None:
    """Return the shared reference data folder: $PROFILE_INSIGHTS_SHARED, else ../shared."""
    configured = os.environ.get(SHARED_ENV)
    if configured:
        return Path(configured)
    # cases live in <repo>/evals/cases; the reference data sits beside the repository.
    candidate = cases_dir.resolve().parent.parent.parent / "shared"
    return candidate if (candidate / "profiles").is_dir() else None


def _mark(result: CaseResult, prefix: str) -> str:
    scores = [s for s in result.scores if s.name.startswith(prefix)]
    if not scores:
        return "-"
    return "[green]✓[/]" if all(s.passed for s in scores) else "[red]✗[/]"


def _rank(result: CaseResult) -> str:
    ranks = [s.value for s in result.scores if s.name.startswith("rank:")]
    if not ranks:
        oracle = result.score("oracle_top_rows")
        return "-" if oracle is None else ("oracle ✓" if oracle.passed else "oracle ✗")
    return ",".join("∅" if r is None else str(r) for r in ranks)


def results_table(run: EvalRun) -> Table:
    """Return the per-case table printed by the command."""
    from rich.table import Table

    table = Table(title="profile-insights evals", show_lines=False)
    for column in ("case", "pass", "service", "type", "rank", "file:line", "kind", "grounded"):
        table.add_column(column)
    for column in ("git", "trajectory", "calls", "tokens in/out", "wall s"):
        table.add_column(column, justify="right")
    for result in run.cases:
        failed = [s.name for s in result.scores if not s.passed]
        table.add_row(
            escape(result.name),
            "[green]PASS[/]" if result.passed else f"[red]FAIL[/] {','.join(failed)[:40]}",
            _mark(result, "service"),
            _mark(result, "profile_type"),
            _rank(result),
            _mark(result, "file_line"),
            _mark(result, "problem_kind"),
            _mark(result, "grounded"),
            _mark(result, "git_ref"),
            "[green]✓[/]"
            if all(
                s.passed
                for s in result.scores
                if s.name in ("attempts", "service_question", "configuration_question")
            )
            else "[red]✗[/]",
            str(result.model_calls),
            f"{result.input_tokens}/{result.output_tokens}",
            f"{result.wall_seconds:.2f}",
        )
    return table


#: The breakdowns printed after the case table, in order: (field of Breakdown, heading).
BREAKDOWNS = (("language", "language"), ("problem_kind", "problem kind"), ("split", "split half"))


def breakdown_table(run: EvalRun) -> Table:
    """Return the pass rates per language, per expected problem kind and per split half."""
    from rich.table import Table

    table = Table(title="pass rate by language, problem kind and split half")
    table.add_column("by")
    table.add_column("group")
    for column in ("passed", "pass rate"):
        table.add_column(column, justify="right")
    for field, heading in BREAKDOWNS:
        for index, rate in enumerate(getattr(run.breakdown, field)):
            color = "green" if rate.passed == rate.cases else "red"
            table.add_row(
                heading if index == 0 else "",
                rate.group,
                f"{rate.passed}/{rate.cases}",
                f"[{color}]{rate.pass_rate:.1f}%[/]",
                end_section=index == len(getattr(run.breakdown, field)) - 1,
            )
    return table


def budget_table(summary: BudgetSummary) -> Table:
    """Return the token-budget table (ours vs the seed's chat agent)."""
    from rich.table import Table

    table = Table(title=f"token budget ({summary.encoding}): ours vs the seed's chat agent")
    table.add_column("case")
    for column in ("ours", "series", "pprof top", "windows", "seed total", "ratio"):
        table.add_column(column, justify="right")
    for row in summary.rows:
        table.add_row(
            escape(row.case),
            str(row.ours_tokens),
            str(row.seed_parts["series_json"]),
            str(row.seed_parts["pprof_top"]),
            f"{row.seed_parts['source_windows']} ({row.in_repo_rows})",
            str(row.seed_tokens),
            "-" if row.ratio is None else f"{100 * row.ratio:.1f}%",
        )
    return table


def _budget(cases: list[EvalCase], shared_dir: Path | None) -> BudgetSummary:
    from profile_insights.evals.dataset import prepare_case
    from profile_insights.evals.token_budget import BudgetRow, measure_case, summarize

    rows: list[BudgetRow] = []
    for case in cases:
        shared = case.spec.shared_profile
        if shared is not None and shared.base == "shared" and shared_dir is None:
            continue
        with tempfile.TemporaryDirectory(prefix=f"pi-budget-{case.name}-") as tmp:
            row = measure_case(prepare_case(case, Path(tmp), shared_dir))
        if row is not None:
            rows.append(row)
    return summarize(rows)


def eval_command(
    cases: Annotated[
        Path, typer.Option("--cases", help="Folder of eval cases (each with case.json).")
    ] = Path("evals/cases"),
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            help="A LangChain 'provider:model' (needs the llm extra) or 'module:factory'.",
        ),
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the results as JSON to this file.")
    ] = None,
    shared: Annotated[
        Path | None,
        typer.Option(
            "--shared",
            help=f"Reference data with profiles/ (default ${SHARED_ENV} or ../shared).",
        ),
    ] = None,
    only: Annotated[
        list[str] | None, typer.Option("--case", help="Run only this case (repeatable).")
    ] = None,
    token_budget: Annotated[
        bool,
        typer.Option(
            "--token-budget/--no-token-budget",
            help="Also compare our model input with the seed's (needs bpe-openai).",
        ),
    ] = False,
    min_pass_rate: Annotated[
        float, typer.Option("--min-pass-rate", help="Exit 1 when fewer cases pass (percent).")
    ] = 100.0,
) -> None:
    """Run every eval case through the graph and score the reports."""
    from profile_insights.agent.cli.options import check_path
    from profile_insights.evals.dataset import load_cases
    from profile_insights.evals.runner import run_cases

    for option, path in (("--cases", cases), ("--json", json_out), ("--shared", shared)):
        check_path(path, option)
    if json_out is not None:
        # Before the cases run: finding out after them would lose the results.
        try:
            json_out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ConfigurationError(
                f"--json {json_out} cannot be written: {error.strerror or error}",
                "Give --json a file path in a writable directory.",
            ) from error
        if json_out.is_dir():
            raise ConfigurationError(
                f"--json {json_out} is a directory", "Give --json a file path."
            )
    loaded = load_cases(cases, only or None)
    shared_dir = shared if shared is not None else default_shared_dir(cases)
    if shared_dir is not None and not shared_dir.is_dir():
        raise ConfigurationError(f"--shared {shared_dir} is not a folder")
    chat_model = None
    if model is not None:
        from profile_insights.agent.cli.chat_model import load_model

        chat_model = load_model(model)

    def progress(result: CaseResult) -> None:
        mark = "[green]✓[/]" if result.passed else "[red]✗[/]"
        console.print(f"{mark} {escape(result.name)} [dim]{result.wall_seconds:.2f}s[/]")

    run = run_cases(
        loaded, model=chat_model, model_name=model, shared_dir=shared_dir, on_case=progress
    )
    console.print(results_table(run))
    console.print(breakdown_table(run))
    for result in run.cases:
        for score in result.scores:
            if not score.passed:
                console.print(
                    f"[red]✗[/] {escape(result.name)} {escape(score.name)}: got "
                    f"{escape(repr(score.value))}; {escape(score.detail)}",
                    highlight=False,
                    markup=True,
                )
    totals = run.totals
    console.print(
        f"[bold]{totals.passed}/{totals.cases} cases passed[/] ({totals.pass_rate}%), "
        f"{totals.deterministic_passed}/{totals.deterministic_scores} scores, "
        f"{totals.model_calls} model calls, {totals.input_tokens} input tokens, "
        f"{totals.wall_seconds:.1f}s"
        + (f"; skipped (no shared data): {escape(', '.join(run.skipped))}" if run.skipped else "")
    )
    document: dict[str, Any] = run.model_dump(mode="json")
    if token_budget:
        summary = _budget(loaded, shared_dir)
        console.print(budget_table(summary))
        median = "-" if summary.median_ratio is None else f"{100 * summary.median_ratio:.1f}%"
        console.print(
            f"median ratio {median} (target <= {100 * summary.target_ratio:.0f}%): "
            + ("[green]met[/]" if summary.meets_target else "[red]not met[/]")
        )
        document["token_budget"] = summary.model_dump(mode="json")
    if json_out is not None:
        try:
            json_out.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        except OSError as error:
            raise ConfigurationError(
                f"--json {json_out} could not be written: {error.strerror or error}",
                "Free some space or give --json another path; the table above has the results.",
            ) from error
        console.print(f"wrote {escape(str(json_out))}")
    if totals.pass_rate < min_pass_rate:
        raise typer.Exit(1)
