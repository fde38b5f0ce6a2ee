"""The pprof tool wrapper: running pprof, and reading its -top text back into a TopTable."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from profile_insights.agent.errors import ProfileFormatError, ToolFailedError, ToolNotFoundError
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.profiles.pprof_cli import (
    PprofCommand,
    PprofTimeoutError,
    locate_pprof,
    pprof_args,
    pprof_top_table,
    run_pprof,
    symbolize_none_is_safe,
)
from profile_insights.agent.profiles.pprof_text import parse_top_text
from tests.conftest import require
from tests.profiles.oracles import (
    is_top_report,
)


def test_pprof_args_follow_the_options() -> None:
    assert pprof_args() == ["-lines", "-top", "-cum"]
    assert pprof_args(lines=False, cum=False) == ["-top"]
    assert pprof_args(sample_index="alloc_space", nodecount=3, symbolize=False) == [
        "-sample_index=alloc_space",
        "-nodecount=3",
        "-symbolize=none",
        "-lines",
        "-top",
        "-cum",
    ]


def test_missing_pprof_and_go_raise_tool_not_found_with_install_advice(tmp_path: Path) -> None:
    with pytest.raises(ToolNotFoundError) as caught:
        locate_pprof(path_env=str(tmp_path))
    assert "golang-go" in str(caught.value)
    assert "go install github.com/google/pprof@latest" in str(caught.value)


def test_standalone_pprof_is_preferred_over_go_tool(tmp_path: Path, go_binary: str) -> None:
    (tmp_path / "go").symlink_to(go_binary)
    assert locate_pprof(path_env=str(tmp_path)).argv == (str(tmp_path / "go"), "tool", "pprof")
    tool = Path(go_binary).resolve().parent.parent / "pkg" / "tool"
    real = next(tool.glob("*/pprof"), None)
    require(real is not None, "the Go installation has no pkg/tool/*/pprof binary to link")
    assert real is not None
    (tmp_path / "pprof").symlink_to(real)
    assert locate_pprof(path_env=str(tmp_path)).argv == (str(tmp_path / "pprof"),)


# Real pprof runs -----------------------------------------------------------------------------

SAMPLE_OF_CORPUS = [
    "pprof-conformance/basic_cpu.pb.gz",
    "pprof-conformance/inline_frames.pb.gz",
    "pprof-conformance/cxx_and_script_names.pb.gz",
    "pprof-conformance/comments_and_doc_url.pb.gz",
    "profiles/pyroscope_cpu_python_rideshare_flask.pb.gz",
    "profiles/pyroscope_cpu_rust_rideshare.pb.gz",
    "profiles/pyroscope_heap_go_4types.pb.gz",
    "profiles/pyroscope_multi_dotnet_labels.pb",
]


@pytest.mark.integration
@pytest.mark.parametrize("relative", SAMPLE_OF_CORPUS)
def test_go_tool_pprof_reproduces_the_stored_oracle(
    relative: str, shared_dir: Path, go_pprof: PprofCommand
) -> None:
    profile = shared_dir / relative
    meta = json.loads(Path(f"{profile}.oracle.json").read_text())
    runs = [r for r in meta["runs"] if r["exit_code"] == 0 and is_top_report(r["output"])][:4]
    assert runs
    for run in runs:
        text = run_pprof(profile, run["args"], command=go_pprof)
        oracle = (profile.parent / run["output"]).read_text()
        assert text == oracle, run["command"]
        lines = "-lines" in run["args"]
        assert parse_top_text(text, lines=lines) == parse_top_text(oracle, lines=lines)


@pytest.mark.integration
def test_pprof_top_table_runs_with_a_node_limit_and_bytes_input(
    shared_dir: Path, go_pprof: PprofCommand
) -> None:
    data = (shared_dir / "profiles/pyroscope_heap_go_4types.pb.gz").read_bytes()
    table = pprof_top_table(data, sample_index="alloc_space", nodecount=3, command=go_pprof)
    assert len(table.rows) == 3
    assert table.node_limit_shown == 3 and table.node_limit_total is not None
    assert table.node_limit_total > 3
    assert table.sample_type == "alloc_space" and table.lines and table.cum_sort


@pytest.mark.integration
def test_a_relative_profile_path_is_read_from_the_callers_directory(
    shared_dir: Path, go_pprof: PprofCommand, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(shared_dir / "pprof-conformance")
    text = run_pprof(Path("basic_cpu.pb.gz"), ["-top"], command=go_pprof)
    assert text == Path("basic_cpu.pb.gz.top.txt").read_text()


@pytest.mark.integration
def test_time_header_is_utc_whatever_the_callers_zone(
    shared_dir: Path, go_pprof: PprofCommand, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    monkeypatch.setenv("PPROF_BINARY_PATH", str(shared_dir))
    text = run_pprof(shared_dir / "pprof-conformance/basic_cpu.pb.gz", ["-top"], command=go_pprof)
    assert "Time: Jan 1, 2026 at 12:00am (UTC)" in text
    assert os.environ["TZ"] == "America/New_York"


@pytest.mark.integration
@pytest.mark.parametrize(
    ("relative", "args", "reason"),
    [
        (
            "profiles/pyroscope_malformed_dotnet_funcid0.pb",
            ["-top"],
            "found function with reserved ID=0",
        ),
        ("pprof-conformance/empty_no_sample_types.pb.gz", ["-top"], "profile has no samples"),
        (
            "pprof-conformance/basic_cpu.pb.gz",
            ["-sample_index=bogus", "-top"],
            'sample_index "bogus"',
        ),
        ("README.md", ["-top"], "unrecognized profile format"),
    ],
)
def test_pprof_failures_become_profile_format_errors_with_pprofs_reason(
    relative: str, args: list[str], reason: str, shared_dir: Path, go_pprof: PprofCommand
) -> None:
    path = shared_dir / ("pprof-conformance" if relative == "README.md" else "") / relative
    with pytest.raises(ProfileFormatError) as caught:
        run_pprof(path, args, command=go_pprof)
    assert reason in str(caught.value)
    assert "failed to fetch any source profiles" not in str(caught.value)


@pytest.mark.integration
def test_a_slow_pprof_run_is_stopped_with_a_typed_timeout(
    shared_dir: Path, go_pprof: PprofCommand
) -> None:
    with pytest.raises(PprofTimeoutError, match="did not finish"):
        run_pprof(
            shared_dir / "bench/synthetic_go_cpu_large.pb.gz",
            ["-top"],
            command=go_pprof,
            timeout=0.2,
        )


def test_missing_profile_file_is_reported(tmp_path: Path) -> None:
    go = shutil.which("go") or "go"
    with pytest.raises(ProfileFormatError, match="not found"):
        run_pprof(tmp_path / "absent.pb.gz", ["-top"], command=PprofCommand((go, "tool", "pprof")))


# Both paths: the native reader and the pprof tool --------------------------------------------


@pytest.mark.integration
@pytest.mark.parametrize(
    ("relative", "safe"),
    [
        ("profiles/googlepprof_cpu_go_sample.pb.gz", True),
        ("profiles/pyroscope_cpu_ebpf_rust_native_buildids.pb.gz", True),
        ("pprof-conformance/basic_cpu.pb.gz", True),
        ("pprof-conformance/cxx_and_script_names.pb.gz", False),
        ("pprof-conformance/mangled_names.pb.gz", False),
        ("profiles/pyroscope_cpu_rust_rideshare.pb.gz", False),
    ],
)
def test_symbolize_none_is_used_only_when_it_cannot_change_the_text(
    relative: str, safe: bool, shared_dir: Path, go_pprof: PprofCommand
) -> None:
    path = shared_dir / relative
    assert symbolize_none_is_safe(decode_profile(path.read_bytes(), name=path.name)) is safe
    oracle = parse_top_text(Path(f"{path}.top-cum-lines.txt").read_text(), lines=True)
    auto = pprof_top_table(path, symbolize="auto", command=go_pprof)
    assert auto == oracle
    forced = pprof_top_table(path, symbolize=False, command=go_pprof)
    assert (forced == oracle) is safe


def test_a_pprof_that_prints_no_top_table_is_a_tool_failure(shared_dir: Path) -> None:
    # A wrapper script or a broken install on PATH; the error said "Pass the stdout of
    # `pprof -top`", advice for someone parsing text, not for someone running --pprof.
    stand_in = PprofCommand(("/bin/echo", "not pprof:"))
    profile = shared_dir / "profiles" / "pyroscope_cpu_go_labels.pb.gz"

    with pytest.raises(ToolFailedError) as caught:
        pprof_top_table(profile, command=stand_in)

    assert "/bin/echo not pprof:" in caught.value.message
    assert "built-in reader" in caught.value.hint
