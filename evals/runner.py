"""Run eval cases through the real graph (``profile_insights.agent.api``) and score them.

Each case gets a fresh temporary checkout (its own git history) and its recording; the question
goes through :func:`api.ask` exactly as a user's would, and every question the graph asks is
answered from ``case.json`` through :func:`api.resume`, so the trajectory (service question,
widening) is the graph's own. No network and a model only when one is given; a case whose
``expected.json`` has ``server`` is served by a replay server on loopback (with or without
``Diff``, as it says) and read over the Pyroscope API, so the HTTP client's path is scored too.
"""

from __future__ import annotations

import logging
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

import profile_insights.agent.api as api
from profile_insights.agent.errors import ProfileInsightsError, UserInputError
from profile_insights.agent.profiles.pprof_text import parse_top_text
from profile_insights.agent.profiles.table import TopRow
from profile_insights.agent.pyroscope.credentials import SecretStore, ServerAddress
from profile_insights.agent.pyroscope.http_source import HttpSource
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.pyroscope.replay_server import ReplayServer
from profile_insights.agent.pyroscope.settings import ConnectionSettings
from profile_insights.evals.breakdown import Breakdown, breakdown, case_labels
from profile_insights.evals.case_models import EvalCase, PreparedCase
from profile_insights.evals.dataset import live_copy, prepare_case
from profile_insights.evals.scores import CaseResult, Score, Trace
from profile_insights.evals.scoring import score_case
from profile_insights.graph.context import Context

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

logger = logging.getLogger(__name__)

#: Questions answered per case at most: a graph that keeps asking is a failure, not a hang.
MAX_QUESTIONS = 4


class EvalTotals(BaseModel):
    """Totals over every case of a run."""

    cases: int
    passed: int
    pass_rate: float
    deterministic_scores: int
    deterministic_passed: int
    model_calls: int
    input_tokens: int
    output_tokens: int
    wall_seconds: float
    median_wall_seconds: float


class EvalRun(BaseModel):
    """The result of ``profile-insights eval``: per-case results and totals."""

    model: str | None = None
    cases: list[CaseResult]
    skipped: list[str] = Field(default_factory=list, description="Cases that could not run.")
    totals: EvalTotals
    breakdown: Breakdown = Field(
        default_factory=Breakdown,
        description="Pass rates per language, per expected problem kind and per split half.",
    )


def oracle_rows(case: EvalCase, shared_dir: Path | None) -> list[TopRow]:
    """Return the rows of the case's oracle ``pprof -lines -top -cum`` output (or none)."""
    if case.expected.oracle is None or shared_dir is None:
        return []
    text = (shared_dir / case.expected.oracle).read_text(encoding="utf-8")
    return parse_top_text(text, lines=True, cum_sort=True).rows


@contextmanager
def _served(
    prepared: PreparedCase, model: BaseChatModel | None, cache_dir: Path, trace: Trace
) -> Iterator[Context]:
    """Yield a context reading the case's recording from a replay server over HTTP."""
    served = prepared.case.expected.server
    assert served is not None
    with ReplayServer(prepared.recording, diff=served.diff) as server:
        # "now" is when the recording was made, as for RecordedSource: the case's windows and
        # its expected comparison sides are absolute times of the recording.
        recorded_at = server.source.now()
        source = HttpSource(ConnectionSettings(url=server.url), clock=lambda: recorded_at)
        try:
            yield api.make_context(
                repo=prepared.repo,
                source=source,
                model=model,
                output_format="json",
                cache_dir=cache_dir,
            )
        finally:
            source.close()
            trace.server_diff = served.diff
            trace.server_hits = {path.rsplit("/", 1)[-1]: n for path, n in server.hits.items()}


@contextmanager
def _connection(
    prepared: PreparedCase, model: BaseChatModel | None, trace: Trace
) -> Iterator[tuple[Context, str]]:
    """Yield the run-time context for a case, and the replay server URL when it has one."""
    with tempfile.TemporaryDirectory(prefix="pi-eval-run-") as tmp:
        if prepared.case.expected.server is not None:
            with _served(prepared, model, Path(tmp) / "cache", trace) as context:
                yield context, ""
            return
        if prepared.case.spec.connection == "recording":
            context = api.make_context(
                repo=prepared.repo,
                source=RecordedSource(prepared.recording),
                model=model,
                output_format="json",
                cache_dir=Path(tmp) / "cache",
            )
            yield context, ""
            return
        live = live_copy(prepared.recording, Path(tmp) / "live", datetime.now(UTC))
        with ReplayServer(live) as server:
            # No URL, no token and no profilecli settings: the graph must ask how to connect,
            # whatever PROFILECLI_* the person running the evals has set.
            context = Context(
                connection=ServerAddress(),
                repo=prepared.repo,
                model=model,
                interactive=False,
                output_format="json",
                cache_dir=Path(tmp) / "cache",
                secrets=SecretStore(),
            )
            yield context, server.url


def run_prepared(
    prepared: PreparedCase,
    *,
    model: BaseChatModel | None = None,
    shared_dir: Path | None = None,
) -> tuple[CaseResult, dict[str, Any] | None]:
    """Ask the case's question on its checkout and recording; return the score and the report.

    Errors the graph raises as :class:`ProfileInsightsError` make the case fail with their
    message instead of stopping the run.
    """
    case = prepared.case
    trace = Trace()
    report: dict[str, Any] | None = None
    started = time.perf_counter()
    try:
        with _connection(prepared, model, trace) as (context, replay_url):
            answers = {
                kind: answer.replace("{replay_url}", replay_url)
                if isinstance(answer, str) and replay_url
                else answer
                for kind, answer in case.spec.answers.items()
            }
            refused = {kind: list(values) for kind, values in case.spec.refused_answers.items()}
            result = api.ask(case.spec.question, context=context, thread_id=uuid.uuid4().hex)
            wrong_answer_given = False
            while isinstance(result, api.NeedsInput):
                kind = result.question.kind
                trace.questions.append(kind)
                trace.options[kind] = [
                    str(option.get("value")) for option in result.question.options
                ]
                if wrong_answer_given:
                    # Asked the same question again right after a wrong answer: refused.
                    trace.refused_answers += 1
                    wrong_answer_given = False
                if refused.get(kind):
                    thread_id = result.thread_id
                    try:
                        result = api.resume(thread_id, refused[kind].pop(0), context=context)
                        wrong_answer_given = True
                    except UserInputError:
                        # Refused by validation instead of a new question: still pending.
                        trace.refused_answers += 1
                        trace.questions.pop()
                        pending = api.pending_question(thread_id)
                        if pending is None:
                            trace.error = "a refused answer left no pending question"
                            break
                        result = pending
                    continue
                if kind not in answers or len(trace.questions) > MAX_QUESTIONS:
                    first = result.question.message.splitlines()[:1]
                    trace.error = f"the graph asked an unexpected question ({kind}): {first}"
                    break
                result = api.resume(result.thread_id, answers.pop(kind), context=context)
            else:
                report = result.to_json_dict()
    except ProfileInsightsError as error:
        trace.error = f"{type(error).__name__}: {error.message}"
    except Exception as error:  # a crashing case is a failed case, not a stopped eval run
        logger.exception("eval case %s crashed", case.name)
        trace.error = f"crashed: {type(error).__name__}: {error}"
    trace.wall_seconds = time.perf_counter() - started
    scored = score_case(
        case.name, case.expected, report, trace, prepared.repo, oracle_rows(case, shared_dir)
    )
    return scored.model_copy(update=case_labels(case).model_dump()), report


def _totals(results: Sequence[CaseResult]) -> EvalTotals:
    deterministic = [s for r in results for s in r.scores]
    walls = [r.wall_seconds for r in results] or [0.0]
    passed = sum(1 for r in results if r.passed)
    return EvalTotals(
        cases=len(results),
        passed=passed,
        pass_rate=round(100.0 * passed / len(results), 1) if results else 0.0,
        deterministic_scores=len(deterministic),
        deterministic_passed=sum(1 for s in deterministic if s.passed),
        model_calls=sum(r.model_calls for r in results),
        input_tokens=sum(r.input_tokens for r in results),
        output_tokens=sum(r.output_tokens for r in results),
        wall_seconds=round(sum(walls), 3),
        median_wall_seconds=round(statistics.median(walls), 3),
    )


def run_cases(
    cases: Sequence[EvalCase],
    *,
    model: BaseChatModel | None = None,
    model_name: str | None = None,
    shared_dir: Path | None = None,
    on_case: Callable[[CaseResult], None] | None = None,
) -> EvalRun:
    """Run and score every case; cases needing ``../shared`` are skipped when it is absent."""
    results: list[CaseResult] = []
    skipped: list[str] = []
    for case in cases:
        shared = case.spec.shared_profile
        if shared is not None and shared.base == "shared" and shared_dir is None:
            skipped.append(case.name)
            continue
        with tempfile.TemporaryDirectory(prefix=f"pi-eval-{case.name}-") as tmp:
            try:
                prepared = prepare_case(case, Path(tmp), shared_dir)
            except ProfileInsightsError as error:
                result = CaseResult(
                    name=case.name,
                    passed=False,
                    scores=[Score(name="prepare", passed=False, detail=error.message)],
                    error=error.message,
                    **case_labels(case).model_dump(),
                )
            else:
                result, _ = run_prepared(prepared, model=model, shared_dir=shared_dir)
        logger.info("eval case %s: %s", case.name, "passed" if result.passed else "FAILED")
        results.append(result)
        if on_case is not None:
            on_case(result)
    return EvalRun(
        model=model_name,
        cases=results,
        skipped=skipped,
        totals=_totals(results),
        breakdown=breakdown(results),
    )
