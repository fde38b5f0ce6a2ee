"""Evidence says where its file lives, in every language: origin, and a dependency's module."""

from __future__ import annotations

from pathlib import Path

from profile_insights.agent.analysis.models import Evidence, evidence_of
from profile_insights.agent.code.resolve import resolve_rows
from profile_insights.agent.profiles.table import TopRow
from tests.code.resolve_helpers import make_row, table, write


def _evidence(rows: list[TopRow], repo: Path) -> dict[str, Evidence]:
    matches = resolve_rows(rows, repo)
    return {
        row.function or row.name: evidence_of(row, m) for row, m in zip(rows, matches, strict=True)
    }


def test_every_language_names_the_origin_and_module_of_its_frames(
    shared_dir: Path, tmp_path: Path
) -> None:
    write(tmp_path, "lib/utility/utility.py", 80)
    rows = [
        *table(shared_dir, "pyroscope_cpu_go_labels.pb.gz.top-cum-lines.txt").rows,
        *table(shared_dir, "pyroscope_cpu_ruby_rideshare.pb.gz.top-cum-lines.txt").rows[:2],
        *table(shared_dir, "pyroscope_wall_nodejs_rideshare.pb.gz.top-cum-lines.txt").rows,
        *table(shared_dir, "pyroscope_cpu_python_rideshare_flask.pb.gz.top-cum-lines.txt").rows,
        *table(shared_dir, "pyroscope_cpu_rust_rideshare.pb.gz.top-cum-lines.txt").rows[:4],
        *table(shared_dir, "pyroscope_cpu_ebpf_rust_native_buildids.pb.gz.top-cum-lines.txt").rows,
        make_row("get", "/venv/lib/python3.11/site-packages/requests/api.py", 73),
    ]
    evidence = _evidence(rows, tmp_path)
    expected = {
        "go.opentelemetry.io/otel/sdk/trace.(*tracer).Start": (
            "dependency",
            "go.opentelemetry.io/otel/sdk@v1.7.0",
        ),
        "runtime.main": ("runtime", None),
        "runtime/pprof.Do": ("profiler", None),
        "gems/puma-5.6.7/lib/puma/thread_pool.rb:-1 - block in spawn_thread": (
            "dependency",
            "puma@5.6.7",
        ),
        "./node_modules/morgan/index.js:logger:144": ("dependency", "morgan"),
        "node:events:emit:515": ("stdlib", None),
        ":(idle):0": ("runtime", None),
        "lib/utility/utility.py:-1 - find_nearest_vehicle": ("repo", None),
        "socketserver.py:-1 - serve_forever": ("stdlib", None),
        "libunwind.rs:93 - backtrace::backtrace::libunwind::trace": ("profiler", None),
        "fmt": ("dependency", "rustc-demangle@0.1.21"),
        "do_syscall_64": ("native", None),
        "get": ("dependency", "requests"),
    }
    found = {name: (evidence[name].origin, evidence[name].module) for name in expected}
    assert found == expected
    assert evidence["lib/utility/utility.py:-1 - find_nearest_vehicle"].in_repo
    assert not evidence["runtime/pprof.Do"].in_repo


def test_evidence_carries_the_readable_name_and_keeps_pprofs(shared_dir: Path) -> None:
    rows = table(shared_dir, "pyroscope_wall_nodejs_rideshare.pb.gz.top-cum-lines.txt").rows
    row = next(r for r in rows if r.function == "./build/index.js:carSearchHandler:29")
    item = evidence_of(row)
    assert (item.function, item.name) == (
        "./build/index.js:carSearchHandler:29",
        "carSearchHandler",
    )
    # Evidence a chat model writes names only the function: the readable name is derived.
    written = Evidence(function="lib/server.py:-1 - car", file="lib/server.py", line=42)
    assert written.name == "car"
