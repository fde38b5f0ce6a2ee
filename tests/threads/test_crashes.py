"""A run cut off at any step can be continued, and the Ctrl-C message names the way.

Every step is saved before the next one starts, so a process killed at node N leaves the
thread exactly as a run stopped before N does: the in-process tests stop a run before each
node in turn (LangGraph's ``interrupt_before``), then ``resume`` without an answer, in a
context with an empty profile cache (another machine), and must end with the report of an
uninterrupted run. The process tests kill a real CLI run (SIGKILL, Ctrl-C) during a merge that
hangs, and run the command the message names.
"""

from __future__ import annotations

import gzip
import re
import shutil
import signal
import subprocess
import threading
import time
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest

from profile_insights.agent import api
from profile_insights.agent.api import thread_store
from profile_insights.agent.errors import ProfileFormatError
from profile_insights.agent.profiles import decoded, profile_pb2
from profile_insights.agent.pyroscope.replay_server import ReplayServer
from profile_insights.agent.report.models import Report
from profile_insights.agent.runs import RunHooks, stream_run
from profile_insights.agent.threads.options import options_of
from profile_insights.evals.case_models import load_case
from profile_insights.evals.dataset import prepare_case
from profile_insights.graph.builder import build_builder
from tests.conftest import REPO_ROOT
from tests.threads.conftest import CLI, Machine

QUESTION = "Why is checkout slow?"
# The nodes of a run that reports (check_tools, the first, is never "cut off after" anything).
NODES = [
    "check_connection",
    "discover_services",
    "choose_services",
    "choose_profile_type",
    "fetch_profile",
    "build_top_table",
    "map_to_source",
    "analyse",
    "verify",
    "render_report",
]
# The steps after the fetch that read the profile (the Markdown report needs only the state).
READS_PROFILE = ["build_top_table", "map_to_source"]


def _essence(report: Report) -> dict[str, Any]:
    data = report.to_json_dict()
    return {key: data[key] for key in ("services", "hot_functions", "findings", "summary")}


@pytest.fixture
def reference(tmp_path: Path, live_recording: Path, demo_checkout: Path) -> Report:
    context = api.make_context(
        repo=demo_checkout, recording=live_recording, cache_dir=tmp_path / "reference"
    )
    report = api.ask(QUESTION, context=context)
    assert isinstance(report, Report)
    return report


def _cut_off_before(
    node: str, saver: Any, context: Any, thread_id: str, question: str = QUESTION
) -> None:
    graph = build_builder().compile(checkpointer=saver, interrupt_before=[node])
    payload = api.input_state(question)
    stream_run(
        graph, payload, thread_id, context, RunHooks(metadata=options_of(context).metadata())
    )
    assert graph.get_state({"configurable": {"thread_id": thread_id}}).next == (node,)


@pytest.mark.parametrize("node", NODES)
def test_a_run_cut_off_before_any_node_is_continued_elsewhere_to_the_same_report(
    node: str,
    tmp_path: Path,
    live_recording: Path,
    demo_checkout: Path,
    reference: Report,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first_cache = tmp_path / "first-cache"
    context = api.make_context(repo=demo_checkout, recording=live_recording, cache_dir=first_cache)
    with thread_store(tmp_path / "state") as saver:
        _cut_off_before(node, saver, context, "cut")
    # The second machine has none of it: not the cached file, not the decoded profile.
    shutil.rmtree(first_cache, ignore_errors=True)
    monkeypatch.setattr(decoded, "_kept", OrderedDict())

    events: list[tuple[str, str]] = []
    with thread_store(tmp_path / "state") as saver:
        report = api.resume(
            "cut",
            checkpointer=saver,
            cache_dir=tmp_path / "second-cache",
            on_progress=lambda step, detail: events.append((step, detail)),
        )
    assert isinstance(report, Report)
    assert _essence(report) == _essence(reference)
    assert ("resume", f"stopped during {node}: continuing") in events
    fetched_again = any("fetching it again" in detail for _, detail in events)
    assert fetched_again == (node in READS_PROFILE)


@pytest.mark.parametrize("node", ["compare_profiles", "render_report"])
def test_a_comparison_cut_off_after_its_baseline_fetches_both_profiles_again_elsewhere(
    node: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared = prepare_case(load_case(REPO_ROOT / "evals/cases/go-deploy-cpu-receipt"), tmp_path)
    question = prepared.case.spec.question

    def context(cache: Path) -> Any:
        return api.make_context(
            repo=prepared.repo, recording=prepared.recording, output_format="html", cache_dir=cache
        )

    reference = api.ask(question, context=context(tmp_path / "reference"))
    assert isinstance(reference, Report) and reference.comparison is not None
    with thread_store(tmp_path / "state") as saver:
        _cut_off_before(node, saver, context(tmp_path / "first-cache"), "cut", question)
    # The second machine has neither profile: not the cached files, not the decoded ones.
    shutil.rmtree(tmp_path / "first-cache")
    monkeypatch.setattr(decoded, "_kept", OrderedDict())

    events: list[tuple[str, str]] = []
    with thread_store(tmp_path / "state") as saver:
        report = api.resume(
            "cut",
            checkpointer=saver,
            cache_dir=tmp_path / "second-cache",
            on_progress=lambda step, detail: events.append((step, detail)),
        )
    assert isinstance(report, Report) and report.comparison is not None
    assert report.comparison == reference.comparison
    assert report.rendered == reference.rendered  # the differential flame graph included
    fetched = {step for step, detail in events if "not cached here; fetching it again" in detail}
    assert fetched == {"fetch_baseline", "fetch_profile"}


def test_a_profile_that_changed_on_the_server_is_not_analysed_in_its_place(
    tmp_path: Path, live_recording: Path, demo_checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    context = api.make_context(
        repo=demo_checkout, recording=live_recording, cache_dir=tmp_path / "first-cache"
    )
    with thread_store(tmp_path / "state") as saver:
        _cut_off_before("build_top_table", saver, context, "changed")
        # The server's data for that window changes: one sample weighs more, in every type.
        (stored,) = (live_recording / "profiles").glob("*.pb.gz")
        profile = profile_pb2.Profile()
        profile.ParseFromString(gzip.decompress(stored.read_bytes()))
        values = profile.sample[0].value
        values[:] = [value + 10_000_000 for value in values]
        stored.write_bytes(gzip.compress(profile.SerializeToString()))
        shutil.rmtree(tmp_path / "first-cache")
        monkeypatch.setattr(decoded, "_kept", OrderedDict())
        with pytest.raises(ProfileFormatError) as refused:
            api.resume("changed", checkpointer=saver, cache_dir=tmp_path / "second-cache")
    assert "is not the one this thread analysed" in refused.value.message
    assert refused.value.hint == "Ask the question again to analyse the data as it is now."


def _ask_until_the_merge(
    server: ReplayServer, machine: Machine, state: Path, demo_checkout: Path
) -> subprocess.Popen[str]:
    """Start `ask` on the server and return it once it is waiting in a merge that hangs."""
    child = subprocess.Popen(
        [CLI, "ask", QUESTION, "--url", server.url, "--repo", str(demo_checkout)]
        + ["--state-dir", str(state), "--thread-id", "hung", "--service", "checkout"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=machine.env(),
    )
    assert child.stderr is not None
    for line in child.stderr:
        if "choose_profile_type" in line:
            break  # the next request is the merge
    else:
        pytest.fail(f"the run ended before the merge: {child.communicate()}")
    return child


@pytest.mark.slow
@pytest.mark.integration
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_a_run_killed_in_a_hanging_merge_is_finished_by_the_command_it_names(
    how: signal.Signals,
    tmp_path: Path,
    live_recording: Path,
    demo_checkout: Path,
    machines: list[Machine],
) -> None:
    state = tmp_path / "state"
    hanging, released = threading.Event(), threading.Event()
    with ReplayServer(live_recording) as server:
        answer = server.answers.query

        def merge_hangs(method: str, *args: Any, **kwargs: Any) -> bytes:
            if method.startswith("SelectMerge") and hanging.is_set():
                released.wait(30)
            return answer(method, *args, **kwargs)

        server.answers.query = merge_hangs  # type: ignore[method-assign]
        hanging.set()
        child = _ask_until_the_merge(server, machines[0], state, demo_checkout)
        time.sleep(0.5)
        child.send_signal(how)
        out, err = child.communicate(timeout=30)
        hanging.clear()
        released.set()
        if how == signal.SIGINT:
            assert child.returncode == 1 and "Traceback" not in err
            message = " ".join(err.split())
            assert "interrupted (Ctrl-C) during fetch_profile" in message
            found = re.search(
                r"continue it from fetch_profile with: (profile-insights resume .+)$", message
            )
            assert found, message
            command = found.group(1).split()
            assert command[:3] == ["profile-insights", "resume", "hung"]
        else:
            assert child.returncode == -signal.SIGKILL
            command = ["profile-insights", "resume", "hung", "--state-dir", str(state)]
        done = subprocess.run(
            [CLI, *command[1:]],
            capture_output=True,
            text=True,
            timeout=120,
            env=machines[1].env(),
            stdin=subprocess.DEVNULL,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert "stopped during fetch_profile: continuing" in done.stderr
    assert done.stdout.startswith(f"# Profile insights: {QUESTION}")
    assert "pricing.validCoupon" in done.stdout
