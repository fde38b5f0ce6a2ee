"""Every profiler's frame names taken apart: name, class or package, file, line and origin.

The frames are the profilers' own: rows of pprof's saved output for the real profiles in
../shared/profiles, and every stack frame of a Node.js service recorded with the real
@pyroscope/nodejs (tests/code/nodejs_sdk) and of a Python one recorded with the real pyroscope-io
(tests/code/python_sdk).
"""

from __future__ import annotations

from pathlib import Path

from profile_insights.agent.code.frame_names import parse_frame
from profile_insights.agent.code.languages import stdlib_note
from profile_insights.agent.profiles.pprof_text import parse_top_text
from tests.code.frame_rows import NODE_SDK, PYTHON_SDK, row_frame, stack_frames

NODE_WALL = "pyroscope_wall_nodejs_rideshare.pb.gz.top-cum-lines.txt"
NODE_HEAP = "pyroscope_heap_nodejs_express.pb.gz.top-cum-lines.txt"
PY_FLASK = "pyroscope_cpu_python_rideshare_flask.pb.gz.top-cum-lines.txt"
PY_SPY = "pyroscope_cpu_python_pyspy_labels.pb.top-cum-lines.txt"
RUBY = "pyroscope_cpu_ruby_rideshare.pb.gz.top-cum-lines.txt"
RUST = "pyroscope_cpu_rust_rideshare.pb.gz.top-cum-lines.txt"
EBPF = "pyroscope_cpu_ebpf_rust_native_buildids.pb.gz.top-cum-lines.txt"
GO_LABELS = "pyroscope_cpu_go_labels.pb.gz.top-cum-lines.txt"
GO_MUTEX = "pyroscope_mutex_go.pb.gz.top-cum-lines.txt"
GO_GOROUTINES = "pyroscope_goroutine_go.pb.gz.top-cum-lines.txt"
GO_HEAP = "pyroscope_heap_go_4types.pb.gz.top-cum-lines.txt"
GO_GENERICS = "pyroscope_heap_inuse_space_go_buildid_gitref.pb.gz.top-cum-lines.txt"
JAVA_ASYNC = "pyroscope_cpu_java_asyncprofiler.pb.gz.top-cum-lines.txt"
JAVA_JFR = "pyroscope_alloc_bytes_java_jfr_kafka.pb.gz.top-cum-lines.txt"
DOTNET = "pyroscope_multi_dotnet_labels.pb.si-cpu.top-cum-lines.txt"


def test_node_names_give_the_function_with_file_and_line_apart(shared_dir: Path) -> None:
    frame = row_frame(shared_dir, NODE_WALL, "./build/index.js:carSearchHandler:29")
    assert (frame.language, frame.name, frame.display) == (
        "nodejs",
        "carSearchHandler",
        "carSearchHandler",
    )
    assert (frame.file, frame.line, frame.origin) == ("/app/build/index.js", 29, "unknown")
    # The name's line is the function's first; the row's (pprof -lines) is the sampled one.
    ts = row_frame(shared_dir, NODE_WALL, "./index.ts:carSearchHandler:31")
    assert (ts.display, ts.file, ts.line) == ("carSearchHandler", "/app/index.ts", 29)
    lookup = stack_frames(NODE_SDK / "cpu.pb.gz")["./src/password.js:Store.lookup:9"]
    assert (lookup.owner, lookup.name, lookup.display) == ("Store", "lookup", "Store.lookup")


def test_node_anonymous_functions_keep_their_line_and_column() -> None:
    frames = stack_frames(NODE_SDK / "cpu.pb.gz")
    anonymous = frames["./src/password.js:(anonymous:L#13:C#37):13"]
    assert (anonymous.display, anonymous.line, anonymous.column) == ("(anonymous)", 13, 37)
    assert anonymous.file is not None and anonymous.file.endswith("/src/password.js")
    assert anonymous.closure and anonymous.origin == "unknown"
    core = frames["node:internal/crypto/util:(anonymous:L#138:C#46):138"]
    assert (core.file, core.line, core.column, core.origin) == (
        "node:internal/crypto/util",
        138,
        46,
        "runtime",
    )
    # Without a file (pprof -top), the name alone still gives file, function and line.
    bare = parse_frame("./src/password.js:(anonymous:L#13:C#37):13")
    assert (bare.file, bare.display, bare.line) == ("./src/password.js", "(anonymous)", 13)


def test_node_frames_without_a_script_are_native_or_the_runtimes(shared_dir: Path) -> None:
    frames = stack_frames(NODE_SDK / "cpu.pb.gz")
    run = frames[":run:0"]
    assert (run.display, run.file, run.line, run.origin) == ("run", None, None, "native")
    for pseudo in (":(idle):0", ":Garbage Collection:0", ":Non JS threads activity:0"):
        assert frames[pseudo].origin == "runtime", pseudo
    assert row_frame(shared_dir, NODE_HEAP, ":Promise:0").origin == "native"
    assert row_frame(shared_dir, NODE_HEAP, ":(external):0").origin == "runtime"
    assert row_frame(shared_dir, NODE_WALL, ":(garbage collector):0").origin == "runtime"


def test_node_sdk_and_pprof_frames_are_the_profilers(shared_dir: Path) -> None:
    frames = stack_frames(NODE_SDK / "cpu.pb.gz")
    sdk = [name for name in frames if "@pyroscope/nodejs" in name or "@datadog/pprof" in name]
    assert len(sdk) == 5
    assert all(frames[name].origin == "profiler" for name in sdk)
    assert frames[":TimeProfiler:0"].origin == "profiler"
    # A development checkout of the SDK (not under node_modules) and the encoder it uses.
    upload = row_frame(
        shared_dir,
        NODE_HEAP,
        "/Users/shaleynikov/Workspace/pyroscope-nodejs/dist/cjs/index.js:uploadProfile:126",
    )
    assert (upload.display, upload.origin) == ("uploadProfile", "profiler")
    assert row_frame(shared_dir, NODE_HEAP, ":next:0").origin == "native"


def test_node_dependencies_and_built_in_modules(shared_dir: Path) -> None:
    express = row_frame(
        shared_dir, NODE_WALL, "./node_modules/express/lib/router/index.js:(anonymous):286"
    )
    assert (express.display, express.origin, express.module) == (
        "(anonymous)",
        "dependency",
        "express",
    )
    http = row_frame(shared_dir, NODE_WALL, "node:_http_server:parserOnIncoming:1143")
    assert (http.display, http.file, http.origin) == (
        "parserOnIncoming",
        "node:_http_server",
        "stdlib",
    )


def test_pyroscope_script_names_give_the_python_function(shared_dir: Path) -> None:
    nearest = row_frame(shared_dir, PY_FLASK, "lib/utility/utility.py:-1 - find_nearest_vehicle")
    assert (nearest.language, nearest.display, nearest.name) == (
        "python",
        "find_nearest_vehicle",
        "find_nearest_vehicle",
    )
    assert (nearest.file, nearest.line, nearest.origin) == ("lib/utility/utility.py", 35, "unknown")
    module = row_frame(shared_dir, PY_FLASK, "lib/server.py:-1 - <module>")
    assert module.display == "<module>" and not module.closure
    # Not the checkout's by path alone: socketserver.py is decided after the checkout is read.
    assert row_frame(shared_dir, PY_FLASK, "socketserver.py:-1 - serve_forever").name == (
        "serve_forever"
    )


def test_pyroscope_io_qualified_names_give_class_and_enclosing_function() -> None:
    cases = Path(__file__).resolve().parents[2] / "evals" / "cases"
    etag = stack_frames(
        cases / "py-json-etag/recording/profiles/report-renderer-process_cpu-1.pb.gz"
    )
    encode = etag["JSONEncoder.encode"]
    assert (encode.owner, encode.name, encode.origin) == ("JSONEncoder", "encode", "stdlib")
    inner = etag["_make_iterencode.<locals>._iterencode"]
    assert (inner.name, inner.closure, inner.origin) == ("_iterencode", False, "stdlib")
    shipping = stack_frames(
        cases / "py-cpu-shipping/recording/profiles/shipping-rates-process_cpu-1.pb.gz"
    )
    comprehension = shipping["distance_matrix.<locals>.<listcomp>"]
    assert (comprehension.name, comprehension.closure) == ("distance_matrix", True)
    assert comprehension.display == "distance_matrix.<locals>.<listcomp>"


def test_a_service_recorded_with_pyroscope_io_names_methods_comprehensions_and_closures() -> None:
    frames = stack_frames(PYTHON_SDK / "cpu.pb.gz")
    listcomp = frames["Catalog.find.<locals>.<listcomp>"]
    assert (listcomp.owner, listcomp.name, listcomp.closure, listcomp.line) == (
        "Catalog",
        "find",
        True,
        19,
    )
    assert listcomp.file is not None and listcomp.file.endswith("/catalog/store.py")
    snapshot = frames["Catalog.snapshot"]
    assert (snapshot.owner, snapshot.name, snapshot.display, snapshot.origin) == (
        "Catalog",
        "snapshot",
        "Catalog.snapshot",
        "unknown",
    )
    # A named function defined in another is no closure: its own name is what is defined.
    encode = frames["render.<locals>.encode"]
    assert (encode.owner, encode.name, encode.closure) == ("", "encode", False)
    for stdlib in ("deepcopy", "_deepcopy_list", "Thread.run", "dumps"):
        assert frames[stdlib].origin == "stdlib", stdlib
    # The SDK's pid and thread options are labels, never frames.
    assert not [name for name in frames if "pid" in name or "thread_id" in name]


def test_the_python_sdks_tag_wrapper_is_the_profilers(shared_dir: Path) -> None:
    wrapper = row_frame(shared_dir, PY_SPY, "tag_wrapper")
    assert (wrapper.file, wrapper.line, wrapper.origin) == ("pyroscope/__init__.py", 96, "profiler")
    work = row_frame(shared_dir, PY_SPY, "work", 22)
    assert (work.language, work.file, work.origin) == ("python", "main.py", "unknown")


def test_ruby_blocks_gems_and_c_functions(shared_dir: Path) -> None:
    block = row_frame(
        shared_dir, RUBY, "gems/puma-5.6.7/lib/puma/thread_pool.rb:-1 - block in spawn_thread"
    )
    assert (block.language, block.display, block.name, block.closure) == (
        "ruby",
        "block in spawn_thread",
        "spawn_thread",
        True,
    )
    assert (block.line, block.origin, block.module) == (152, "dependency", "puma@5.6.7")
    timev = row_frame(shared_dir, RUBY, "<internal:timev>:-1 - initialize")
    assert (timev.language, timev.name, timev.origin) == ("ruby", "initialize", "runtime")
    each = row_frame(shared_dir, RUBY, "(unknown):-1 - each [c function]")
    assert (each.name, each.file, each.line) == ("each", None, None)
    assert (each.origin, each.note) == ("stdlib", "Ruby core method implemented in C")
    otel = row_frame(
        shared_dir,
        RUBY,
        "gems/opentelemetry-api-1.1.0/lib/opentelemetry/context.rb:-1 - with_current",
    )
    assert otel.module == "opentelemetry-api@1.1.0"


def test_rust_names_carry_file_line_and_module_path(shared_dir: Path) -> None:
    nearest = row_frame(shared_dir, RUST, "main.rs:127 - server::find_nearest_vehicle")
    assert (nearest.language, nearest.display, nearest.package, nearest.name) == (
        "rust",
        "server::find_nearest_vehicle",
        "server",
        "find_nearest_vehicle",
    )
    assert (nearest.file, nearest.line, nearest.origin) == ("main.rs", 127, "unknown")
    poll = row_frame(
        shared_dir, RUST, "harness.rs:153 - tokio::runtime::task::harness::Harness::poll"
    )
    assert (poll.package, poll.owner, poll.name) == (
        "tokio::runtime::task::harness",
        "Harness",
        "poll",
    )
    closure = row_frame(
        shared_dir, RUST, "mod.rs:528 - std::thread::Builder::spawn_unchecked_::{{closure}}"
    )
    assert (closure.name, closure.closure) == ("spawn_unchecked_", True)
    rust_try = row_frame(shared_dir, RUST, ":0 - __rust_try")
    assert (rust_try.language, rust_try.file, rust_try.line) == ("rust", None, None)


def test_pprof_rs_unwinding_is_the_profilers(shared_dir: Path) -> None:
    for function in (
        "backtrace_rs.rs:23 - ::trace",
        "libunwind.rs:93 - backtrace::backtrace::libunwind::trace",
        "mod.rs:66 - backtrace::backtrace::trace_unsynchronized",
    ):
        assert row_frame(shared_dir, RUST, function).origin == "profiler", function


def test_ebpf_frames_native_kernel_and_symbolised(shared_dir: Path) -> None:
    assert row_frame(shared_dir, EBPF, "[[vdso]]").origin == "native"
    for function in ("clock_settime", "do_syscall_64", "entry_SYSCALL_64_after_hwframe"):
        frame = row_frame(shared_dir, EBPF, function)
        assert (frame.file, frame.origin) == (None, "native"), function
    collector = row_frame(
        shared_dir, EBPF, "as_ptr<pprof::collector::Bucket<pprof::frames::UnresolvedFrames>>"
    )
    assert collector.origin == "profiler"
    nearest = row_frame(shared_dir, EBPF, "find_nearest_vehicle")
    assert (nearest.language, nearest.file, nearest.origin) == (
        "rust",
        "/usr/src/server/src/main.rs",
        "unknown",
    )
    demangle = row_frame(shared_dir, EBPF, "fmt")
    assert (demangle.origin, demangle.module) == ("dependency", "rustc-demangle@0.1.21")
    assert row_frame(shared_dir, EBPF, "as_secs").origin == "stdlib"


def test_go_names_give_package_receiver_and_function(shared_dir: Path) -> None:
    start = row_frame(shared_dir, GO_LABELS, "go.opentelemetry.io/otel/sdk/trace.(*tracer).Start")
    assert (start.package, start.owner, start.name, start.short) == (
        "go.opentelemetry.io/otel/sdk/trace",
        "tracer",
        "Start",
        "trace.(*tracer).Start",
    )
    assert (start.origin, start.module) == ("dependency", "go.opentelemetry.io/otel/sdk@v1.7.0")
    closure = row_frame(shared_dir, GO_LABELS, "main.main.func2", 68)
    assert (closure.package, closure.name, closure.closure) == ("main", "main", True)
    assert row_frame(shared_dir, GO_LABELS, "runtime.main").origin == "runtime"
    lock = row_frame(shared_dir, GO_MUTEX, "sync.(*Mutex).Lock")
    assert (lock.owner, lock.name, lock.origin) == ("Mutex", "Lock", "stdlib")


def _generic_row(shared: Path, start: str, end: str) -> str:
    """Return the function of the first GO_GENERICS row naming an instantiation like this."""
    text = (shared / "profiles" / GO_GENERICS).read_text()
    return next(
        row.function
        for row in parse_top_text(text, lines=True).rows
        if row.function and row.function.startswith(start) and row.function.endswith(end)
    )


def test_go_generics_read_as_go_prints_them_with_their_receiver(shared_dir: Path) -> None:
    # Pyroscope keeps the instantiation's shapes: a struct with methods, "At() Row", inside
    # the receiver's parentheses.
    function = _generic_row(
        shared_dir, "github.com/grafana/pyroscope/pkg/util/loser.(*Tree[go.shape.", ").moveNext"
    )
    assert "interface { At() " in function
    tree = row_frame(shared_dir, GO_GENERICS, function)
    assert (tree.package, tree.owner, tree.name) == (
        "github.com/grafana/pyroscope/pkg/util/loser",
        "Tree",
        "moveNext",
    )
    assert tree.display == "github.com/grafana/pyroscope/pkg/util/loser.(*Tree[...]).moveNext"
    assert tree.short == "loser.(*Tree[...]).moveNext"
    assert tree.function == function  # pprof's own name is kept as it prints it
    closure = row_frame(
        shared_dir,
        GO_GENERICS,
        "github.com/grafana/pyroscope/pkg/ingester.forInstanceUnary[go.shape.*uint8].func1",
    )
    assert (closure.name, closure.closure, closure.short) == (
        "forInstanceUnary",
        True,
        "ingester.forInstanceUnary[...].func1",
    )
    handler = row_frame(
        shared_dir,
        GO_GENERICS,
        _generic_row(shared_dir, "connectrpc.com/connect.NewUnaryHandler[go.shape.", "].func2"),
    )
    assert (handler.short, handler.origin, handler.module) == (
        "connect.NewUnaryHandler[...].func2",
        "dependency",
        "connectrpc.com/connect@v1.14.0",
    )
    writer = row_frame(
        shared_dir,
        GO_GENERICS,
        "github.com/parquet-go/parquet-go.(*GenericWriter[go.shape.*uint8]).WriteRows",
    )
    assert (writer.owner, writer.name, writer.short) == (
        "GenericWriter",
        "WriteRows",
        "parquet-go.(*GenericWriter[...]).WriteRows",
    )


def test_go_profiler_writer_hooks_and_sdk_frames_are_the_profilers(shared_dir: Path) -> None:
    for table, function in (
        (GO_LABELS, "github.com/pyroscope-io/client/pyroscope.TagWrapper"),
        (GO_LABELS, "runtime/pprof.Do"),
        (GO_MUTEX, "github.com/pyroscope-io/client/upstream/remote.(*Remote).handleJobs"),
        (GO_MUTEX, "github.com/pyroscope-io/client/pyroscope.(*Session).takeSnapshots"),
        (GO_MUTEX, "runtime/pprof.StopCPUProfile"),
        (GO_GOROUTINES, "runtime/pprof.writeGoroutine"),
        (GO_GOROUTINES, "runtime.goroutineProfileWithLabels"),
        (GO_HEAP, "runtime/pprof.(*Profile).WriteTo"),
        (GO_HEAP, "net/http/pprof.handler.ServeHTTP"),
    ):
        assert row_frame(shared_dir, table, function).origin == "profiler", function
    # The block and mutex profilers' hooks record a stack per event.
    for function in ("runtime.saveblockevent", "runtime.mutexevent", "runtime.mProf_Malloc"):
        assert parse_frame(function, "runtime/mprof.go", 1).origin == "profiler", function


def test_java_names_give_package_class_and_method(shared_dir: Path) -> None:
    method = row_frame(shared_dir, JAVA_ASYNC, "com/example/Something.doSomething")
    assert (method.language, method.package, method.owner, method.name, method.short) == (
        "java",
        "com.example",
        "Something",
        "doSomething",
        "Something.doSomething",
    )
    assert (method.file, method.line) == (None, 25)
    inner = row_frame(shared_dir, JAVA_ASYNC, "java/io/File$TempDirectory.generateFile")
    assert (inner.owner, inner.name) == ("File$TempDirectory", "generateFile")
    assert row_frame(shared_dir, JAVA_ASYNC, "no_Java_frame").origin == "profiler"
    lambda_apply = row_frame(shared_dir, JAVA_JFR, "kafka/server/ReplicaManager$$Lambda_.apply")
    assert (lambda_apply.owner, lambda_apply.name, lambda_apply.closure) == (
        "ReplicaManager$$Lambda_",
        "apply",
        True,
    )


def test_jvm_lambda_bodies_and_scala_local_functions_give_their_method(shared_dir: Path) -> None:
    append = row_frame(
        shared_dir, JAVA_JFR, "kafka/server/ReplicaManager.$anonfun$appendToLocalLog$6"
    )
    assert (append.owner, append.name, append.closure, append.line) == (
        "ReplicaManager",
        "appendToLocalLog",
        True,
        957,
    )
    assert append.short == "ReplicaManager.$anonfun$appendToLocalLog$6"
    to_data = row_frame(
        shared_dir,
        JAVA_JFR.replace("top-cum-lines", "top"),
        "org/apache/kafka/common/requests/ProduceResponse.lambda$toData$1",
    )
    assert (to_data.owner, to_data.name, to_data.closure) == ("ProduceResponse", "toData", True)
    local = row_frame(shared_dir, JAVA_JFR, "kafka/server/ReplicaManager.read$1")
    forwarder = row_frame(shared_dir, JAVA_JFR, "scala/collection/TraversableLike.map$")
    assert (local.name, forwarder.name) == ("read", "map")


def test_dotnet_names_give_namespace_type_and_method(shared_dir: Path) -> None:
    fib = row_frame(shared_dir, DOTNET, "WebApplication1.Controllers!CpuController.fib")
    assert (fib.language, fib.package, fib.owner, fib.name, fib.short) == (
        "dotnet",
        "WebApplication1.Controllers",
        "CpuController",
        "fib",
        "CpuController.fib",
    )
    # The file column is the assembly, not a source file.
    assert (fib.file, fib.module) == (None, "WebApplication1")
    state_machine = row_frame(
        shared_dir,
        DOTNET,
        "Microsoft.AspNetCore.Authentication!AuthenticationMiddleware.<Invoke>d__6.MoveNext",
    )
    assert (state_machine.owner, state_machine.name) == ("AuthenticationMiddleware", "Invoke")
    generic = row_frame(
        shared_dir,
        DOTNET,
        "System.Runtime.CompilerServices!AsyncMethodBuilderCore.Start<!<Invoke>d__10>",
    )
    assert (generic.owner, generic.name) == ("AsyncMethodBuilderCore", "Start")
    # Neither namespace nor type, only the method; the assembly says it is the BCL's.
    concat = row_frame(shared_dir, DOTNET, "!.Concat")
    assert (concat.display, concat.name, concat.module) == (
        "Concat",
        "Concat",
        "System.Private.CoreLib",
    )
    assert stdlib_note(concat) == ".NET base class library"


def test_dependency_modules_come_from_the_path() -> None:
    registry = "/root/.cargo/registry/src/index.crates.io-6f17d22bba15001f"
    cases = {
        # Go's module cache spells capitals as "!x".
        "/root/go/pkg/mod/github.com/!burnt!sushi/toml@v1.2.0/decode.go": (
            "github.com/BurntSushi/toml@v1.2.0"
        ),
        "/go/mod/github.com/x/y@v1.2.3/z.go": "github.com/x/y@v1.2.3",
        "/venv/lib/python3.11/site-packages/requests/api.py": "requests",
        "/app/node_modules/express/node_modules/debug/src/node.js": "debug",
        "/app/node_modules/@grpc/grpc-js/build/src/call.js": "@grpc/grpc-js",
        f"{registry}/tokio-1.28.0/src/lib.rs": "tokio@1.28.0",
    }
    for file, module in cases.items():
        frame = parse_frame("f", file, 1)
        assert (frame.origin, frame.module) == ("dependency", module), file
