"""Reports name functions readably and never lead with the profiler's own frames.

The whole graph, with no model, on real profiles: a Node.js service recorded with the real
@pyroscope/nodejs (tests/code/nodejs_sdk, which is also its checkout) and pprof-rs's Rust
rideshare profile from ../shared with a checkout holding the file its frames name; and the
functions a comparison shows.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from langgraph.checkpoint.memory import InMemorySaver

from profile_insights.agent import api
from profile_insights.agent.analysis.comparison import Owned, changes
from profile_insights.agent.pyroscope.recording import RecordingStore
from profile_insights.agent.report.models import Report
from tests.code.frame_rows import NODE_SDK, RUST_MAIN, stack_frames
from tests.code.resolve_helpers import write

CPU = "process_cpu:cpu:nanoseconds:cpu:nanoseconds"
NOW = datetime.now(UTC)


def _report(tmp_path: Path, profile: Path, repo: Path, service: str) -> Report:
    store = RecordingStore(tmp_path / "recording")
    store.add_profile(
        {"service_name": service},
        CPU,
        profile.read_bytes(),
        NOW - timedelta(minutes=30),
        NOW - timedelta(minutes=1),
        sample_type="cpu",
        recorded_at=NOW,
    )
    context = api.make_context(
        repo=repo, recording=tmp_path / "recording", cache_dir=tmp_path / "cache"
    )
    report = api.ask(f"Why is {service} slow?", context=context, checkpointer=InMemorySaver())
    assert isinstance(report, Report)
    return report


def test_a_node_report_shows_function_names_with_file_and_line_apart(tmp_path: Path) -> None:
    repo = tmp_path / "checkout"
    shutil.copytree(NODE_SDK, repo)
    report = _report(tmp_path, NODE_SDK / "cpu.pb.gz", repo, "password-service")
    lead = report.hot_functions[0]
    assert (lead.function, lead.name) == ("./src/password.js:derive:4", "derive")
    assert (lead.file, lead.line, lead.in_repo) == ("src/password.js", 4, True)
    assert "| `derive` |" in report.rendered
    assert "`./src/password.js:derive:4`" not in report.rendered
    run = next(row for row in report.hot_functions if row.function == ":run:0")
    assert (run.name, run.kind) == ("run", "native")
    assert "not found in this checkout" not in report.rendered.split("## Source code")[0]
    finding = report.findings[0]
    assert finding.evidence[0].name == "derive" and finding.evidence[0].in_repo
    assert "`derive`" in report.summary


def test_a_rust_report_leads_with_the_code_not_the_profilers_unwinder(
    shared_dir: Path, tmp_path: Path
) -> None:
    repo = tmp_path / "checkout"
    write(
        repo, "src/main.rs", 200, {**RUST_MAIN, 127: "    while start.elapsed().as_secs() < n {}"}
    )
    (repo / "Cargo.toml").write_text('[package]\nname = "server"\n')
    # tokio's, scoped-tls's and std's base names are in this checkout too.
    write(repo, "src/lib.rs", 300)
    write(repo, "src/time.rs", 500)
    profile = shared_dir / "profiles" / "pyroscope_cpu_rust_rideshare.pb.gz"
    report = _report(tmp_path, profile, repo, "ride-sharing-app-rust")
    lead = report.hot_functions[0]
    assert (lead.name, lead.file, lead.line) == ("server::find_nearest_vehicle", "src/main.rs", 127)
    assert report.findings, report.rendered
    for finding in report.findings:
        assert finding.evidence[0].origin != "profiler", finding.title
        assert "libunwind" not in finding.title and "backtrace" not in finding.title
    assert "server::find_nearest_vehicle" in report.findings[0].title
    unwinder = next(row for row in report.hot_functions if "libunwind" in row.function)
    assert unwinder.kind == "profiler"
    assert "libunwind" not in report.summary and "backtrace" not in report.summary


def test_compared_functions_carry_their_readable_names() -> None:
    frames = stack_frames(NODE_SDK / "cpu.pb.gz")
    derive = next(name for name in frames if ":derive:" in name)
    file = frames[derive].file or ""

    def owned(value: float) -> list[Owned]:
        return [Owned(function=derive, file=file, value=value, in_repo=True, samples=value)]

    [change] = changes(owned(10), owned(40), 100, 100, 1.0)
    assert (change.function, change.name) == (derive, "derive")
