"""The token budget: what our chat model is sent versus what the seed's chat agent reads.

A chat agent following the seed's steps by hand (docs/seed-skill.md) puts into its context, at
the least: the raw JSON of its two ``profilecli query series`` calls (profile types; services
and repositories), the full ``pprof -lines -top -cum`` output of the merged profile, and a
41-line source window (20 lines each side) for every row of that output that is a file of the
checkout. Our graph sends the model only the bounded evidence of the analyse node (top rows,
a few code windows, the deterministic findings). Both are counted with one tokenizer
(:mod:`profile_insights.evals.tokens`, ``o200k_base``).

"What our model is sent" is measured, not estimated: the case runs through the real graph with
:class:`PromptCaptureModel`, a chat model that records the messages it receives and answers
with no findings (so the report is the deterministic one). Every call counts its messages'
text and a fixed framing per message and per call. Every call asks for JSON in the reply text,
so the shape of the answer is part of the prompt and counted there; no schema is sent beside.
"""

from __future__ import annotations

import json
import statistics
import threading
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import BaseModel, PrivateAttr

from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.profiles.table import TopTable
from profile_insights.agent.profiles.top import format_top_table, top_table
from profile_insights.agent.pyroscope.recorded_source import RecordedSource
from profile_insights.agent.pyroscope.source import ProfileSource
from profile_insights.evals.case_models import PreparedCase
from profile_insights.evals.runner import run_prepared
from profile_insights.evals.tokens import ENCODING, count_tokens

#: Lines read each side of a hot line by the seed's step 6 ("e.g. 20 lines before and after").
SEED_RADIUS = 20
#: The target of issue 6: our input at most this share of the seed's.
TARGET_RATIO = 0.10
#: Chat framing: OpenAI's cookbook counts 3 tokens per message and 3 to prime the answer.
TOKENS_PER_MESSAGE = 3
TOKENS_PER_CALL = 3


def prompt_tokens(messages: Sequence[BaseMessage]) -> int:
    """Return the tokens of one call: its messages and their framing.

    Every call asks for JSON in the reply text (the shape is in the prompt), so no tool or
    response-format schema is sent beside the messages.
    """
    text = sum(count_tokens(_message_text(m)) + TOKENS_PER_MESSAGE for m in messages)
    return text + TOKENS_PER_CALL


def _message_text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in content)


class PromptCaptureModel(BaseChatModel):
    """A chat model that records every prompt and answers "no findings", counting tokens.

    It replies with JSON that holds no findings and no sure service, and its
    ``usage_metadata`` reports the call's ``o200k_base`` token count (:func:`prompt_tokens`),
    so the graph's own ``llm`` counters show the measured input.
    """

    _prompts: list[list[BaseMessage]] = PrivateAttr(default_factory=list)
    _tokens: list[int] = PrivateAttr(default_factory=list)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "prompt-capture"

    @property
    def prompts(self) -> list[list[BaseMessage]]:
        """Return the prompts received so far, one message list per call."""
        with self._lock:
            return list(self._prompts)

    def input_tokens(self) -> int:
        """Return the tokens of every call so far (messages and framing)."""
        with self._lock:
            return sum(self._tokens)

    def _record(self, messages: Sequence[BaseMessage]) -> AIMessage:
        tokens = prompt_tokens(messages)
        with self._lock:
            self._prompts.append(list(messages))
            self._tokens.append(tokens)
        return AIMessage(
            content="",
            usage_metadata={"input_tokens": tokens, "output_tokens": 0, "total_tokens": tokens},
        )

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        answer = self._record(messages)
        # No findings (the report stays the deterministic one), and not sure of a service (the
        # service question goes to the user, answered by the case).
        answer.content = '{"summary": "", "findings": [], "services": [], "confident": false}'
        return ChatResult(generations=[ChatGeneration(message=answer)])


class SeedInput(BaseModel):
    """What the seed's chat agent reads, per part, as text."""

    series_json: str
    pprof_top: str
    source_windows: list[str]


class BudgetRow(BaseModel):
    """One case of the benchmark."""

    case: str
    ours_tokens: int
    model_calls: int
    seed_tokens: int
    seed_parts: dict[str, int]
    in_repo_rows: int
    ratio: float | None


class BudgetSummary(BaseModel):
    """The benchmark over every case that reached the model."""

    encoding: str = ENCODING
    rows: list[BudgetRow]
    median_ratio: float | None
    max_ratio: float | None
    target_ratio: float = TARGET_RATIO
    meets_target: bool


def _series_document(
    source: ProfileSource, selector: str, names: list[str], start: datetime, end: datetime
) -> str:
    # profilecli --output json (pyroscope-api.md §2.1): from/to, then flat series objects with
    # sorted keys, indented two spaces.
    series = source.series(selector, names, start, end)
    document = {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "series": [dict(sorted(s.labels.items())) for s in series],
    }
    return json.dumps(document, indent=2)


def repo_file_for(file: str | None, repo: Path) -> str | None:
    """Return the repo-relative file a profile file name points at (longest existing suffix)."""
    if not file:
        return None
    parts = PurePosixPath(file.replace("\\", "/")).parts
    root = repo.resolve()
    for start in range(len(parts)):
        rel = "/".join(p for p in parts[start:] if p != "/")
        if not rel or (start > 0 and len(parts) - start < 2 and len(parts) > 1):
            continue
        candidate = (root / rel).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return rel
    return None


def _windows(table: TopTable, repo: Path) -> Iterator[str]:
    seen: set[tuple[str, int]] = set()
    for row in table.rows:
        rel = repo_file_for(row.file, repo)
        if rel is None or row.line is None or (rel, row.line) in seen:
            continue
        seen.add((rel, row.line))
        lines = (repo / rel).read_text(encoding="utf-8", errors="replace").splitlines()
        first = max(1, row.line - SEED_RADIUS)
        last = min(len(lines), row.line + SEED_RADIUS)
        numbered = [f"{n:>5}\t{lines[n - 1]}" for n in range(first, last + 1)]
        yield f"{rel}:{first}-{last}\n" + "\n".join(numbered)


def seed_input(
    source: ProfileSource,
    repo: Path,
    service: str,
    profile_type: str,
    sample_type: str | None,
    start: datetime,
    end: datetime,
) -> SeedInput | None:
    """Return what a chat agent following the seed reads (None when the window is empty)."""
    types = _series_document(source, "{}", ["__profile_type__"], start, end)
    services = _series_document(source, "{}", ["service_repository", "service_name"], start, end)
    merged = source.merge_profile(f'{{service_name="{service}"}}', profile_type, start, end)
    if merged.empty:
        return None
    profile = decode_profile(merged.data, name=f"{service}.pb.gz")
    table = top_table(profile, sample_index=sample_type, lines=True, cum=True)
    return SeedInput(
        series_json=types + "\n" + services,
        pprof_top=format_top_table(table),
        source_windows=list(_windows(table, repo)),
    )


def measure_case(prepared: PreparedCase) -> BudgetRow | None:
    """Run the case with :class:`PromptCaptureModel` and compare with the seed's input.

    Returns None when the run ends without a report that used a profile (nothing to compare).
    """
    capture = PromptCaptureModel()
    result, report = run_prepared(prepared, model=capture)
    if report is None or not report.get("profile_type") or not report.get("services"):
        return None
    source = RecordedSource(prepared.recording)
    window = report.get("time_range") or {}
    try:
        start = datetime.fromisoformat(str(window["from"]).replace("Z", "+00:00"))
        end = datetime.fromisoformat(str(window["to"]).replace("Z", "+00:00"))
    except (KeyError, ValueError):
        end = source.now()
        start = end - timedelta(hours=1)
    sample_type = (report.get("data") or {}).get("sample_type") or None
    seed = seed_input(
        source,
        prepared.repo,
        report["services"][0],
        report["profile_type"],
        sample_type,
        start,
        end,
    )
    if seed is None:
        return None
    parts = {
        "series_json": count_tokens(seed.series_json),
        "pprof_top": count_tokens(seed.pprof_top),
        "source_windows": sum(count_tokens(w) for w in seed.source_windows),
    }
    seed_total = sum(parts.values())
    ours = capture.input_tokens()
    return BudgetRow(
        case=prepared.case.name,
        ours_tokens=ours,
        model_calls=len(capture.prompts),
        seed_tokens=seed_total,
        seed_parts=parts,
        in_repo_rows=len(seed.source_windows),
        ratio=round(ours / seed_total, 4) if seed_total else None,
    )


def summarize(rows: Sequence[BudgetRow]) -> BudgetSummary:
    """Return the median and worst ratio over the rows that have one."""
    ratios = [row.ratio for row in rows if row.ratio is not None]
    median = round(statistics.median(ratios), 4) if ratios else None
    worst = max(ratios) if ratios else None
    return BudgetSummary(
        rows=list(rows),
        median_ratio=median,
        max_ratio=worst,
        meets_target=median is not None and median <= TARGET_RATIO,
    )
