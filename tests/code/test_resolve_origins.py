"""Profiler, native and runtime frames are named as such, never mapped to a checkout file."""

from __future__ import annotations

from pathlib import Path

from profile_insights.agent.code.resolve import SourceResolver, resolve_rows
from profile_insights.agent.profiles.decoded import decoded_file
from profile_insights.agent.profiles.top import top_table
from tests.code.frame_rows import NODE_SDK, PYTHON_SDK, RUST_MAIN
from tests.code.resolve_helpers import by_function, table, write

NODE_HEAP = "pyroscope_heap_nodejs_express.pb.gz.top-cum-lines.txt"
SDK_UPLOAD = "/Users/shaleynikov/Workspace/pyroscope-nodejs/dist/cjs/index.js:uploadProfile:126"


def test_the_sdks_own_file_never_maps_to_the_checkouts_file_of_that_name(
    shared_dir: Path, tmp_path: Path
) -> None:
    # The express example's checkout has index.js at its root, as the SDK has dist/cjs/index.js:
    # by its longest existing suffix the SDK's frame would be the service's own line 126.
    write(tmp_path, "index.js", 300)
    matches = resolve_rows(table(shared_dir, NODE_HEAP).rows, tmp_path)
    upload = by_function(matches, SDK_UPLOAD)
    assert (upload.kind, upload.repo_path, upload.window) == ("profiler", None, None)
    assert upload.name == "uploadProfile"
    app = by_function(matches, "./index.js:(anonymous):19")
    assert (app.kind, app.repo_path, app.line, app.name) == (
        "in_repo",
        "index.js",
        19,
        "(anonymous)",
    )
    encoder = next(m for m in matches if "protobufjs" in m.function)
    assert encoder.kind == "profiler"  # the SDK's own node_modules


def test_native_runtime_and_profiler_rows_are_never_not_found(
    shared_dir: Path, tmp_path: Path
) -> None:
    write(tmp_path, "src/main.rs", 200)
    rows = [
        *table(shared_dir, NODE_HEAP).rows,
        *table(shared_dir, "pyroscope_cpu_rust_rideshare.pb.gz.top-cum-lines.txt").rows,
        *table(shared_dir, "pyroscope_cpu_ebpf_rust_native_buildids.pb.gz.top-cum-lines.txt").rows,
    ]
    matches = resolve_rows(rows, tmp_path)
    kinds = {m.function or m.name: m.kind for m in matches}
    assert kinds[":Promise:0"] == kinds[":test:0"] == "native"
    assert kinds[":(external):0"] == "runtime"
    assert kinds["libunwind.rs:93 - backtrace::backtrace::libunwind::trace"] == "profiler"
    assert kinds["backtrace_rs.rs:23 - ::trace"] == "profiler"
    assert kinds["do_syscall_64"] == kinds["clock_settime"] == "native"
    assert kinds[":0 - __rust_try"] == "stdlib"
    named = [m for m in matches if m.kind in ("native", "runtime", "profiler", "stdlib")]
    assert named and not [m.note for m in named if "not found" in m.note]


def test_a_recorded_node_service_maps_its_functions_and_leaves_the_sdk_out() -> None:
    decoded = decoded_file(NODE_SDK / "cpu.pb.gz")
    rows = top_table(decoded.profile, lines=True, cum=True, prepared=decoded.prepared).rows
    resolver = SourceResolver(NODE_SDK)
    matches = resolve_rows(rows, NODE_SDK, resolver=resolver)
    derive = by_function(matches, "./src/password.js:derive:4")
    assert (derive.kind, derive.name, derive.repo_path, derive.line) == (
        "in_repo",
        "derive",
        "src/password.js",
        4,
    )
    assert derive.window is not None and "pbkdf2Sync" in "".join(derive.window.lines)
    anonymous = by_function(matches, "./src/password.js:(anonymous:L#13:C#37):13")
    assert (anonymous.kind, anonymous.name, anonymous.line) == ("in_repo", "(anonymous)", 13)
    assert by_function(matches, ":run:0").kind == "native"
    # The SDK's frames are in the stacks (below the pprof cut-off): none is the checkout's.
    sdk = [
        info
        for info in decoded.prepared.frames(True).infos
        if "@pyroscope/nodejs" in info[0] or "@datadog/pprof" in info[0]
    ]
    assert sdk and all(resolver.repo_path_of(info[0], info[1]) is None for info in sdk)


def test_a_recorded_python_service_maps_methods_and_comprehensions_to_its_lines() -> None:
    # Recorded in a temporary directory: the checkout's files are found by their path suffix.
    decoded = decoded_file(PYTHON_SDK / "cpu.pb.gz")
    rows = top_table(decoded.profile, lines=True, cum=True, prepared=decoded.prepared).rows
    matches = resolve_rows(rows, PYTHON_SDK)
    listcomp = by_function(matches, "Catalog.find.<locals>.<listcomp>")
    assert (listcomp.kind, listcomp.repo_path, listcomp.line) == ("in_repo", "catalog/store.py", 19)
    assert (
        listcomp.window is not None
        and "in wanted"
        in listcomp.window.lines[listcomp.window.focus_line - listcomp.window.start_line]
    )
    snapshot = by_function(matches, "Catalog.snapshot")
    assert (snapshot.kind, snapshot.name, snapshot.repo_path) == (
        "in_repo",
        "Catalog.snapshot",
        "catalog/store.py",
    )
    assert by_function(matches, "deepcopy").kind == "stdlib"
    assert by_function(matches, "worker").repo_path == "app.py"


def test_dependency_rows_carry_their_module(shared_dir: Path, tmp_path: Path) -> None:
    rows = [
        *table(shared_dir, "pyroscope_cpu_ruby_rideshare.pb.gz.top-cum-lines.txt").rows[:3],
        *table(shared_dir, "pyroscope_cpu_go_labels.pb.gz.top-cum-lines.txt").rows,
    ]
    matches = resolve_rows(rows, tmp_path)
    puma = by_function(
        matches, "gems/puma-5.6.7/lib/puma/thread_pool.rb:-1 - block in spawn_thread"
    )
    assert (puma.kind, puma.module) == ("third_party", "puma@5.6.7")
    otel = by_function(matches, "go.opentelemetry.io/otel/trace.NewSpanStartConfig")
    assert (otel.kind, otel.module) == ("third_party", "go.opentelemetry.io/otel/trace@v1.7.0")
    wrapper = by_function(matches, "github.com/pyroscope-io/client/pyroscope.TagWrapper")
    assert (wrapper.kind, wrapper.module) == ("profiler", None)


RUST = "pyroscope_cpu_rust_rideshare.pb.gz.top-cum-lines.txt"


def _rust_checkout(root: Path) -> None:
    (root / "Cargo.toml").write_text('[package]\nname = "server"\nversion = "0.1.0"\n')
    write(root, "src/main.rs", 200, RUST_MAIN)
    # Base names pprof-rs's tokio, scoped-tls and std frames have too.
    write(root, "src/lib.rs", 300, {130: "pub fn set(key: &str) {"})
    write(root, "src/time.rs", 500)
    write(root, "src/handlers/mod.rs", 600, {440: "pub fn run() {"})


def test_pprof_rs_base_names_map_only_to_the_checkouts_own_crate(
    shared_dir: Path, tmp_path: Path
) -> None:
    _rust_checkout(tmp_path)
    matches = resolve_rows(table(shared_dir, RUST).rows, tmp_path)
    nearest = by_function(matches, "main.rs:127 - server::find_nearest_vehicle")
    assert (nearest.kind, nearest.repo_path, nearest.line) == ("in_repo", "src/main.rs", 127)
    closure = by_function(matches, "main.rs:64 - server::main::{{closure}}::{{closure}}")
    assert (closure.kind, closure.repo_path) == ("in_repo", "src/main.rs")
    # tokio's mod.rs and scoped-tls's lib.rs: other crates, though the checkout has both
    # file names and even a fn of that name.
    for function in (
        "mod.rs:445 - tokio::runtime::task::UnownedTask::run",
        "lib.rs:137 - scoped_tls::ScopedKey::set",
    ):
        other = by_function(matches, function)
        assert (other.kind, other.repo_path) == ("third_party", None), function
        assert other.note.startswith("crate "), other.note
    # std and core by their crate, before any file is looked up.
    for function in (
        "time.rs:379 - std::time::Instant::elapsed",
        "cmp.rs:1495 - core::cmp::impls::::ge",
    ):
        assert by_function(matches, function).kind == "stdlib", function
    in_repo = {m.function for m in matches if m.kind == "in_repo"}
    assert in_repo and all(" - server::" in function for function in in_repo), in_repo


def test_without_a_cargo_manifest_a_base_name_needs_the_functions_definition(
    shared_dir: Path, tmp_path: Path
) -> None:
    write(tmp_path, "src/main.rs", 200, RUST_MAIN)
    write(tmp_path, "src/lib.rs", 300)
    matches = resolve_rows(table(shared_dir, RUST).rows, tmp_path)
    assert by_function(matches, "main.rs:127 - server::find_nearest_vehicle").kind == "in_repo"
    scoped = by_function(matches, "lib.rs:137 - scoped_tls::ScopedKey::set")
    assert (scoped.kind, scoped.repo_path) == ("unknown", None)
    assert "defines fn set" in scoped.note


def test_a_crates_module_path_picks_among_files_of_one_base_name(tmp_path: Path) -> None:
    (tmp_path / "Cargo.toml").write_text('[package]\nname = "fleet-server"\n')
    write(tmp_path, "src/handlers/mod.rs", 40, {10: "pub fn run(n: u64) {"})
    write(tmp_path, "src/store/mod.rs", 40, {10: "pub fn run(n: u64) {"})
    resolver = SourceResolver(tmp_path)
    # A package name's '-' is '_' in the crate's paths, as rustc names it.
    assert resolver.located("mod.rs:12 - fleet_server::store::run", "mod.rs") == (
        "in_repo",
        "src/store/mod.rs",
    )
    assert resolver.located("mod.rs:12 - fleet_server::handlers::run", "mod.rs") == (
        "in_repo",
        "src/handlers/mod.rs",
    )
