"""The chat model's prompt: compact rows, a few short excerpts with real line numbers, hints."""

from __future__ import annotations

import json

import pytest
from langchain_core.messages import AIMessage

from profile_insights.agent.analysis.analyst import analyse
from profile_insights.agent.analysis.knowledge import lookup
from profile_insights.agent.analysis.model_analyst import call_model, cited_evidence, parse_analysis
from profile_insights.agent.analysis.model_prompt import (
    AnalystPrompt,
    offered_kinds,
    prompt_messages,
    short_function,
)
from profile_insights.agent.analysis.verify import verify, was_read
from profile_insights.agent.code.models import CodeWindow, SourceMatch
from profile_insights.agent.profiles.table import TopTable
from tests.fake_models import scripted_model
from tests.tables import top_row

HOT = "github.com/acme/search/internal/query.Render"
CPU = "process_cpu:cpu:nanoseconds:cpu:nanoseconds"
SOURCE = ["" if n % 7 == 4 else f"\tstatement{n}()" for n in range(1, 61)]


def _case(runtime_rows: int = 30) -> tuple[TopTable, list[SourceMatch]]:
    """Return a table whose rank 2 is an in-repo hot line and the rest mostly runtime rows."""
    rows = [
        top_row(1, "main.main", "github.com/acme/search/cmd/search/main.go", 12, 0, 95),
        top_row(2, HOT, "github.com/acme/search/internal/query/build.go", 30, 40, 80),
        top_row(3, "runtime.mallocgc", "runtime/malloc.go", 1022, 20, 30),
    ]
    rows += [
        top_row(4 + i, f"runtime.helper{i}", "runtime/proc.go", 100 + i, 0.5, 0.5)
        for i in range(runtime_rows)
    ]
    table = TopTable(
        sample_type="cpu",
        sample_unit="nanoseconds",
        total=100,
        shown=100,
        rows=rows,
        lines=True,
        cum_sort=True,
    )
    window = CodeWindow(
        path="internal/query/build.go", start_line=10, focus_line=30, lines=SOURCE[9:50]
    )
    matches = [
        SourceMatch(
            function="main.main",
            profile_file=rows[0].file,
            line=12,
            kind="in_repo",
            language="go",
            repo_path="cmd/search/main.go",
            window=CodeWindow(
                path="cmd/search/main.go", start_line=1, focus_line=12, lines=SOURCE[:32]
            ),
        ),
        SourceMatch(
            function=HOT,
            profile_file=rows[1].file,
            line=30,
            kind="in_repo",
            language="go",
            repo_path="internal/query/build.go",
            window=window,
        ),
    ]
    matches += [
        SourceMatch(
            function=row.function,
            profile_file=row.file,
            line=row.line,
            kind="runtime",
            language="go",
        )
        for row in rows[2:]
    ]
    return table, matches


def _prompt(radius: int = 6) -> tuple[AnalystPrompt, str]:
    table, matches = _case()
    findings = analyse(table, matches, lookup)
    prompt = prompt_messages(
        "Why is search slow?", "search", CPU, table, matches, findings, radius=radius
    )
    return prompt, "\n".join(str(message.content) for message in prompt.messages)


def test_go_package_paths_and_type_arguments_are_dropped_from_function_names() -> None:
    assert short_function(HOT) == "query.Render"
    assert short_function("main.main.func1") == "main.main.func1"
    # Type arguments read as Go's tracebacks print them (Pyroscope's can fill a page).
    assert short_function("github.com/a/b.(*T[github.com/c/d.X]).M") == "b.(*T[...]).M"
    assert short_function("_make_iterencode.<locals>._iterencode") == (
        "_make_iterencode.<locals>._iterencode"
    )


def test_rows_are_one_line_each_and_runtime_rows_below_the_top_are_left_out() -> None:
    prompt, text = _prompt()
    assert "2 40 80 query.Render internal/query/build.go:30" in text.splitlines()
    assert "runtime.helper20" not in text  # 30 runtime rows, none listed nor hinted
    assert "github.com/acme" not in text
    assert set(prompt.rows) >= {1, 2, 3}


def test_code_is_cut_around_the_hot_line_with_the_files_line_numbers_and_no_blank_lines() -> None:
    _, text = _prompt(radius=6)
    lines = text.splitlines()
    assert "30>\tstatement30()" in lines
    assert "24 \tstatement24()" in lines and "36 \tstatement36()" in lines
    assert not any(line.startswith(("23", "37")) for line in lines)  # only +-6 lines
    assert not any(line.startswith("25") for line in lines)  # line 25 is blank in the file


def test_every_line_shown_lies_in_a_window_the_verifier_knows_was_read() -> None:
    table, matches = _case()
    findings = analyse(table, matches, lookup)
    prompt = prompt_messages("q", "search", CPU, table, matches, findings, radius=8)
    windows = [m.window for m in matches if m.window is not None]
    text = str(prompt.messages[1].content)
    shown = [
        line.split("\t")[0].rstrip("> ") for line in text.splitlines() if "\tstatement" in line
    ]
    assert shown and all(was_read(f"internal/query/build.go:{n}", windows) for n in shown)


def test_a_cited_rank_is_the_rows_evidence_and_a_rank_not_sent_is_dropped_by_the_verifier() -> None:
    table, matches = _case()
    prompt, _ = _prompt()
    assert cited_evidence(2, prompt.rows).function == HOT
    assert 20 not in prompt.rows  # in the table, but never shown to the model
    findings = [
        {
            "title": "render",
            "kind": "cpu_hotspot",
            "why": "e",
            "fix": "r",
            "rows": [2],
            "refs": ["internal/query/build.go:30"],
        },
        {"title": "helper", "kind": "cpu_hotspot", "why": "e", "fix": "r", "rows": [20]},
    ]
    reply = json.dumps({"summary": "s", "findings": findings})
    model = scripted_model([AIMessage(content=reply)])
    answer = call_model(model, prompt)
    result = verify(answer.findings, table, matches)
    assert [finding.title for finding in result.findings] == ["render"]
    assert result.findings[0].evidence[0].file == "internal/query/build.go"
    assert result.dropped_claims == 1 and "not among the rows sent" in result.reasons[0]


def test_the_json_reply_is_found_inside_code_fences_or_prose() -> None:
    finding = {"title": "t", "kind": "k", "why": "w", "fix": "f", "rows": ["2"]}
    body = json.dumps({"summary": "s", "findings": [finding]})
    for reply in (body, f"```json\n{body}\n```", f"Here is the analysis:\n{body}\nHope it helps."):
        parsed = parse_analysis(reply)
        assert parsed is not None
        assert parsed.findings[0].rows == [2]


def test_a_reply_without_the_requested_json_is_refused() -> None:
    for reply in (
        "",
        "The database is slow.",
        '{"findings": []}',
        '{"summary": "s", "findings": [{}]}',
    ):
        assert parse_analysis(reply) is None


def test_an_unknown_kind_from_the_model_becomes_other() -> None:
    prompt, _ = _prompt()
    reply = json.dumps(
        {
            "summary": "s",
            "findings": [{"title": "t", "kind": "slowness", "why": "w", "fix": "f", "rows": [2]}],
        }
    )
    answer = call_model(scripted_model([AIMessage(content=reply)]), prompt)
    assert answer.findings[0].kind == "other"


def test_the_system_message_gives_the_reply_shape_and_the_kinds_a_cpu_profile_can_show() -> None:
    prompt, _ = _prompt()
    system = str(prompt.messages[0].content)
    assert '"findings":[{' in system and '"rows":[rank]' in system
    kinds = system.rsplit("K: ", 1)[1].strip().split("|")
    assert {"cpu_hotspot", "gc_pressure", "serialization", "other"} <= set(kinds)
    assert "retained_memory" not in kinds and "goroutine_leak" not in kinds


@pytest.mark.parametrize(
    ("profile_type", "sample_type", "expected"),
    [
        ("mutex:delay:nanoseconds:mutex:count", "delay", ["lock_contention", "other"]),
        (
            "process_cpu:lock_time:nanoseconds:cpu:nanoseconds",
            "lock_time",
            ["lock_contention", "other"],
        ),
        ("memory:inuse_space:bytes:space:bytes", "inuse_space", ["retained_memory", "other"]),
        ("memory:live:count:objects:count", "live", ["retained_memory", "other"]),
        (
            "memory:alloc_in_new_tlab_bytes:bytes:space:bytes",
            "alloc_in_new_tlab_bytes",
            ["allocation_pressure", "compression", "serialization", "other"],
        ),
        (
            "goroutines:goroutine:count:goroutine:count",
            "goroutine",
            ["lock_contention", "channel_blocking", "goroutine_leak", "io_wait", "other"],
        ),
    ],
)
def test_the_model_is_offered_the_kinds_its_profile_type_can_show(
    profile_type: str, sample_type: str, expected: list[str]
) -> None:
    assert offered_kinds(profile_type, sample_type, []) == expected


def test_a_hints_kind_is_always_offered() -> None:
    kinds = offered_kinds("mutex:delay:nanoseconds:mutex:count", "delay", ["io_wait"])
    assert kinds == ["lock_contention", "io_wait", "other"]
