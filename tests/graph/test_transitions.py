"""One test per transition of the state machine, on recordings of real profiles."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest

from profile_insights.agent.api import NeedsInput
from profile_insights.agent.errors import UserInputError
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.profiles.top import format_top_table, top_table
from profile_insights.agent.report.models import Report
from tests.graph.conftest import ALLOC, CPU, Entry

HOUR = timedelta(hours=1)


def _report(result: Report | NeedsInput) -> Report:
    assert isinstance(result, Report), result
    return result


def test_direct_path_reports_the_demo_hot_function_with_its_source(
    harness_for, demo_cpu: bytes
) -> None:
    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))])
    report = _report(harness.ask("Why is the checkout service slow?"))

    assert report.services == ["checkout"]
    assert "only service" in report.data.service_reason
    assert report.profile_type == CPU
    assert [(a.label, a.empty) for a in report.time_range.attempts] == [("now-1h..now", False)]
    assert report.git.status == "matches_head"
    # The hottest line of each function: with -lines, a function has a row per line.
    hot = {row.function: row for row in reversed(report.hot_functions[:5])}
    coupon = hot["github.com/acme/checkout/internal/pricing.validCoupon"]
    assert (coupon.file, coupon.line, coupon.in_repo) == ("internal/pricing/pricing.go", 61, True)
    first = report.findings[0]
    assert first.code_refs[0] == "internal/pricing/pricing.go:61"
    assert "regular expression" in first.explanation
    assert "regexp.MustCompile" in first.snippets[0].text
    assert report.dropped_claims == 0
    assert report.llm.calls == 0
    assert report.data.sample_count > 0 and report.data.commands[0].startswith("profilecli")


def test_an_empty_question_is_refused_before_the_graph_runs(harness_for, demo_cpu: bytes) -> None:
    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))])
    with pytest.raises(UserInputError, match="the question is empty"):
        harness.ask("   ")


def test_the_data_used_gives_pprofs_own_coverage_and_dropped_nodes(
    harness_for, demo_cpu: bytes
) -> None:
    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))])
    report = _report(harness.ask("Why is the checkout service slow?"))
    profile = decode_profile(demo_cpu, name="demo.pb.gz")
    header = format_top_table(top_table(profile, lines=True, cum=True)).splitlines()
    showing = next(line for line in header if line.startswith("Showing nodes accounting for"))
    dropped = next(line for line in header if line.startswith("Dropped"))

    # Not the self cost of the few rows the report lists (0.4% here): pprof's figures.
    assert f"{report.data.table_coverage_pct:.2f}%" in showing
    assert dropped == (
        f"Dropped {report.data.dropped_nodes} nodes (cum <= {report.data.dropped_cutoff_text})"
    )


def test_widens_to_6h_when_the_last_hour_is_empty(harness_for, demo_cpu: bytes) -> None:
    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=3 * HOUR)])
    report = _report(harness.ask("Why is checkout slow?"))

    assert [(a.label, a.empty) for a in report.time_range.attempts] == [
        ("now-1h..now", True),
        ("now-6h..now", False),
    ]
    assert report.time_range.from_ == "2026-11-25T06:00:00Z"
    assert report.hot_functions


def test_widens_to_24h_and_analyses_what_it_finds_there(harness_for, demo_cpu: bytes) -> None:
    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=20 * HOUR)])
    report = _report(harness.ask("Why is checkout slow?"))

    assert [a.empty for a in report.time_range.attempts] == [True, True, False]
    assert report.time_range.attempts[-1].label == "now-24h..now"
    assert report.outcome == "report"


def test_no_cpu_in_the_last_day_but_before_says_no_recent_data(
    harness_for, demo_cpu: bytes, go_heap: bytes
) -> None:
    harness = harness_for(
        [
            Entry("checkout", CPU, demo_cpu, ago=30 * HOUR),
            Entry("checkout", ALLOC, go_heap, ago=timedelta(minutes=5), sample_type="alloc_space"),
        ]
    )
    report = _report(harness.ask("Why is checkout slow?"))

    assert report.outcome == "no_recent_data"
    assert [a.empty for a in report.time_range.attempts] == [True, True, True]
    assert "none in the last 24 hours" in report.summary
    assert not report.hot_functions


def test_a_type_never_sent_says_so_and_names_the_sdk_setting(harness_for, go_heap: bytes) -> None:
    harness = harness_for(
        [Entry("checkout", ALLOC, go_heap, ago=timedelta(minutes=5), sample_type="alloc_space")]
    )
    report = _report(harness.ask("Where is the lock contention in checkout?"))

    assert report.outcome == "never_sent"
    assert report.profile_type == "mutex:delay:nanoseconds:mutex:count"
    assert [a.empty for a in report.time_range.attempts] == [True, True, True]
    assert "never sent" in report.summary
    assert "SetMutexProfileFraction" in report.summary


def _two_checkouts(demo_cpu: bytes) -> list[Entry]:
    return [
        Entry("checkout-api", CPU, demo_cpu, ago=timedelta(minutes=5)),
        Entry(
            "checkout-worker",
            CPU,
            demo_cpu,
            ago=timedelta(minutes=5),
            repository="https://github.com/acme/worker",
        ),
    ]


def test_ambiguous_service_asks_then_reports_on_the_answer(harness_for, demo_cpu: bytes) -> None:
    harness = harness_for(_two_checkouts(demo_cpu))
    asked = harness.ask("Why is checkout slow?")

    assert isinstance(asked, NeedsInput)
    assert asked.question.kind == "choose_service"
    options = {option["value"]: option for option in asked.question.options}
    assert set(options) == {"checkout-api", "checkout-worker"}
    assert options["checkout-api"]["matches_checkout"] is True
    assert asked.question.options[0]["value"] == "checkout-api"  # this checkout ranks first

    report = _report(harness.resume(asked.thread_id, "checkout-worker"))
    assert report.services == ["checkout-worker"]
    assert "chosen by the user" in report.data.service_reason


def test_an_answer_that_is_not_a_listed_service_is_refused_and_asked_again(
    harness_for, demo_cpu: bytes
) -> None:
    harness = harness_for(_two_checkouts(demo_cpu))
    asked = harness.ask("Why is checkout slow?")
    assert isinstance(asked, NeedsInput)

    again = harness.resume(asked.thread_id, "payments")
    assert isinstance(again, NeedsInput)
    assert again.thread_id == asked.thread_id
    assert again.question.kind == "choose_service"
    assert "'payments' is not one of the services" in again.question.message

    report = _report(harness.resume(asked.thread_id, "checkout-api"))
    assert report.services == ["checkout-api"]


def test_a_service_given_up_front_skips_the_question(harness_for, demo_cpu: bytes) -> None:
    harness = harness_for(_two_checkouts(demo_cpu))
    report = _report(harness.ask("Why is checkout slow?", services=["checkout-api"]))
    assert report.services == ["checkout-api"]
    assert "--service" in report.data.service_reason


def test_a_service_that_does_not_exist_is_an_error_listing_the_services(
    harness_for, demo_cpu: bytes
) -> None:
    harness = harness_for(_two_checkouts(demo_cpu))
    with pytest.raises(UserInputError) as raised:
        harness.ask("Why is checkout slow?", services=["payments"])
    assert "no service named 'payments'" in str(raised.value)
    assert "checkout-api, checkout-worker" in str(raised.value)


def test_progress_events_follow_the_nodes_of_the_direct_path(harness_for, demo_cpu: bytes) -> None:
    from profile_insights.agent import api

    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))])
    steps: list[str] = []
    result = api.ask(
        "Why is checkout slow?",
        context=harness.context(),
        checkpointer=harness.saver,
        on_progress=lambda step, detail: steps.append(step),
    )
    assert isinstance(result, Report)
    order = list(dict.fromkeys(steps))
    assert order == [
        "check_tools",
        "check_connection",
        "discover_services",
        "choose_services",
        "choose_profile_type",
        "plan_investigation",
        "fetch_profile",
        "build_top_table",
        "map_to_source",
        "analyse",
        "verify",
        "render_report",
    ]


@pytest.mark.integration
def test_the_pprof_tool_on_request_gives_the_same_hot_rows(
    harness_for, demo_cpu: bytes, go_binary: str
) -> None:
    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))])
    native = _report(harness.ask("Why is checkout slow?"))
    tool = _report(api_ask_with(harness, "Why is checkout slow?", use_pprof_tool=True))
    assert [(r.function, r.file, r.line) for r in tool.hot_functions] == [
        (r.function, r.file, r.line) for r in native.hot_functions
    ]
    assert tool.findings[0].code_refs == native.findings[0].code_refs


def api_ask_with(harness, question: str, **context_options) -> Report | NeedsInput:
    from profile_insights.agent import api

    return api.ask(question, context=harness.context(**context_options), checkpointer=harness.saver)


def test_a_profile_behind_head_warns_and_lists_the_commits_touching_hot_files(
    tmp_path, demo_cpu: bytes
) -> None:
    from profile_insights.agent import api
    from profile_insights.agent.code.repos import commit_tree
    from profile_insights.agent.demo import create_demo_repo
    from tests.graph.conftest import write_recording

    repo = tmp_path / "checkout"
    create_demo_repo(repo)
    pricing = repo / "internal" / "pricing" / "pricing.go"
    pricing.write_text("// Package pricing moved a line down.\n" + pricing.read_text())
    commit_tree(repo, "pricing: document the package", index=1)
    recording = write_recording(
        tmp_path / "recording", [Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))]
    )
    context = api.make_context(repo=repo, recording=recording, cache_dir=tmp_path / "cache")
    report = _report(api.ask("Why is checkout slow?", context=context))

    assert report.git.status == "behind_head"
    assert "internal/pricing/pricing.go" in report.git.changed_files
    markdown = api.render(report, "markdown")
    assert "pricing: document the package" in markdown
    assert "**Git ref:**" in markdown.split("## Top hot functions")[0]


def test_a_type_only_sent_days_ago_keeps_its_exact_id_and_says_no_recent_data(
    harness_for, demo_cpu: bytes, go_heap: bytes
) -> None:
    # An SDK that spells CPU as process_cpu:samples: the absence check must look for that ID.
    samples = "process_cpu:samples:count:cpu:nanoseconds"
    harness = harness_for(
        [
            Entry("checkout", samples, demo_cpu, ago=50 * HOUR, sample_type="samples"),
            Entry("checkout", ALLOC, go_heap, ago=timedelta(minutes=5), sample_type="alloc_space"),
        ]
    )
    report = _report(harness.ask("Why is checkout slow?"))
    assert report.profile_type == samples
    assert report.outcome == "no_recent_data"


def test_an_answer_naming_two_services_merges_both(harness_for, demo_cpu: bytes) -> None:
    harness = harness_for(
        [
            Entry("checkout.api", CPU, demo_cpu, ago=timedelta(minutes=5)),
            Entry("checkout.worker", CPU, demo_cpu, ago=timedelta(minutes=5)),
        ]
    )
    asked = harness.ask("Why is checkout slow?")
    assert isinstance(asked, NeedsInput)
    both = _report(harness.resume(asked.thread_id, "checkout.api, checkout.worker"))
    one = _report(harness.ask("Why is checkout slow?", services=["checkout.api"]))

    assert both.services == ["checkout.api", "checkout.worker"]
    assert both.data.total == 2 * one.data.total
    assert "service_name=~" in both.data.commands[0]


def test_an_ssh_spelling_of_the_origin_is_the_same_repository(harness_for, demo_cpu: bytes) -> None:
    harness = harness_for(
        [
            Entry(
                "checkout-api",
                CPU,
                demo_cpu,
                ago=timedelta(minutes=5),
                repository="git@github.com:acme/checkout.git",
            ),
            Entry(
                "checkout-worker",
                CPU,
                demo_cpu,
                ago=timedelta(minutes=5),
                repository="https://github.com/acme/worker",
            ),
        ]
    )
    asked = harness.ask("Why is checkout slow?")
    assert isinstance(asked, NeedsInput)
    matches = {o["value"]: o["matches_checkout"] for o in asked.question.options}
    assert matches == {"checkout-api": True, "checkout-worker": False}


def test_asking_for_the_pprof_tool_without_it_gives_install_advice(
    harness_for, demo_cpu: bytes, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from profile_insights.agent.errors import ToolNotFoundError

    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))])
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "git").symlink_to(shutil.which("git") or "/usr/bin/git")
    monkeypatch.setenv("PATH", str(tools))  # git, but neither pprof nor go
    native = _report(harness.ask("Why is checkout slow?"))
    assert native.hot_functions  # the native reader needs no tool
    with pytest.raises(ToolNotFoundError) as raised:
        api_ask_with(harness, "Why is checkout slow?", use_pprof_tool=True)
    assert "go" in raised.value.hint.lower() or "pprof" in raised.value.hint.lower()


def test_without_git_the_report_still_comes_and_says_the_ref_is_unchecked(
    harness_for, demo_cpu: bytes, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))])
    monkeypatch.setenv("PATH", str(tmp_path))  # no git, no pprof, no go
    report = _report(harness.ask("Why is checkout slow?"))
    assert report.services == ["checkout"]
    assert report.git.status != "matches_head"
    assert report.findings


def test_answers_given_up_front_are_used_when_the_question_comes(
    harness_for, demo_cpu: bytes
) -> None:
    harness = harness_for(_two_checkouts(demo_cpu))
    report = _report(
        harness.ask("Why is checkout slow?", answers={"choose_service": "checkout-worker"})
    )
    assert report.services == ["checkout-worker"]
    assert "chosen by the user" in report.data.service_reason


def test_an_explicit_range_is_used_as_given_and_never_widened(harness_for, demo_cpu: bytes) -> None:
    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))])
    found = _report(harness.ask("Why is checkout slow?", time_from="now-30m"))
    assert [(a.label, a.empty) for a in found.time_range.attempts] == [("now-30m..now", False)]
    # The recorded profile (11:05-11:55) reaches outside the window: the report says so.
    assert found.time_range.from_ == "2026-11-25T11:05:00Z"
    assert found.time_range.asked == "now-30m..now (2026-11-25T11:30:00Z .. 2026-11-25T12:00:00Z)"

    empty = _report(harness.ask("Why is checkout slow?", time_from="now-3h", time_to="now-2h"))
    assert [(a.label, a.empty) for a in empty.time_range.attempts] == [("now-3h..now-2h", True)]
    assert empty.outcome == "empty_window"
    assert "sent that type in the last 24 hours" in empty.summary


def test_the_state_keeps_a_path_and_digest_of_the_profile_never_its_bytes(
    harness_for, demo_cpu: bytes
) -> None:
    import hashlib
    import json
    from pathlib import Path

    from profile_insights.graph.builder import build_graph

    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))])
    graph = build_graph(checkpointer=harness.saver)
    from profile_insights.agent import api

    _report(api.ask("Why is checkout slow?", context=harness.context(), graph=graph, thread_id="t"))
    values = graph.get_state({"configurable": {"thread_id": "t"}}).values
    text = json.dumps(values)  # plain JSON: nothing but serialisable values
    assert not any(isinstance(value, bytes) for value in values.values())
    cached = Path(values["profile_path"]).read_bytes()
    assert hashlib.sha256(cached).hexdigest() == values["profile_digest"]
    assert len(text) < 100_000
