"""How a profile's frame names its language and origin: the rules per language, in one place.

:func:`language_of` tells a frame's language from its file's extension or its name's shape;
:func:`library_origin` tells runtime, profiler, native, standard-library and dependency frames
apart by their names and paths before the checkout is searched, and
:func:`origin_outside_checkout` says what a frame the checkout does not hold is. The rules are
listed in ``docs/source-mapping.md``; frames are taken apart by :mod:`.frame_names`.
"""

from __future__ import annotations

import re
import sys
from pathlib import PurePosixPath

from profile_insights.agent.code.models import Frame, Language, Origin

_EXTENSION_LANGUAGE: dict[str, Language] = {
    ".go": "go",
    ".s": "go",
    ".py": "python",
    ".pyx": "python",
    ".rb": "ruby",
    ".js": "nodejs",
    ".mjs": "nodejs",
    ".cjs": "nodejs",
    ".ts": "nodejs",
    ".tsx": "nodejs",
    ".jsx": "nodejs",
    ".java": "java",
    ".kt": "java",
    ".scala": "java",
    ".rs": "rust",
    ".cs": "dotnet",
    ".fs": "dotnet",
    ".c": "cpp",
    ".cc": "cpp",
    ".cpp": "cpp",
    ".cxx": "cpp",
    ".h": "cpp",
    ".hpp": "cpp",
}


# Third-party code, whatever the language: Go module cache (`@vX` in a path element,
# /pkg/mod/), vendored trees, Python/Node/Ruby/Rust package directories.
THIRD_PARTY_RE = re.compile(
    r"(^|/)[^/]+@v\d[^/]*/"
    r"|/pkg/mod/"
    r"|(^|/)vendor/"
    r"|(^|/)(site|dist)-packages/"
    r"|(^|/)node_modules/"
    r"|(^|/)gems/[^/]+-\d[^/]*/"
    r"|/\.cargo/registry/|(^|/)cargo/registry/"
    r"|/\.m2/repository/"
)


# Go's standard library in a GOROOT (/usr/local/go/src, /usr/lib/go-1.19/src, an asdf or
# google-golang install, or the $GOROOT placeholder): the element after src/ has no dot,
# unlike a GOPATH (/go/src/github.com/...).
GOROOT_RE = re.compile(r"(^\$GOROOT/src/|/(go|go-[\d.]+|google-golang|goroot)/src/)(?P<rest>.+)$")


_PYTHON_STDLIB_RE = re.compile(r"(^|/)lib/python\d+(\.\d+)?/(?!(site|dist)-packages/)")


_RUBY_STDLIB_RE = re.compile(r"(^|/)lib/ruby/\d+\.\d+\.\d+/|(^|/)ruby/\d+\.\d+\.\d+/lib/")


_RUST_STDLIB_RE = re.compile(r"^/rustc/[0-9a-f]+/library/|(^|/)(std|core|alloc)/src/")


_PYTHON_STDLIB_MODULES = frozenset(getattr(sys, "stdlib_module_names", ()))


_JAVA_STDLIB_PREFIXES = (
    "java/",
    "javax/",
    "jdk/",
    "sun/",
    "com/sun/",
    "java.",
    "javax.",
    "jdk.",
    "sun.",
    "com.sun.",
)


_DOTNET_STDLIB_PREFIXES = ("System.", "System!", "Microsoft.Win32", "Interop", "Internal.")
# The assembly a frame's method is in (the Pyroscope .NET profiler's file column).
_DOTNET_STDLIB_ASSEMBLIES = ("System.", "mscorlib", "netstandard")


_NATIVE_RUNTIME = frozenset({"[kernel.kallsyms]", "[vdso]", "[vsyscall]"})


_JVM_INTERNAL_RE = re.compile(
    r"^(\[(GC|unknown|vdso)|Interpreter$|call_stub|JVM_|Unsafe_|"
    r"(G1|Parallel|Serial|ZGC|Shenandoah|CompileBroker|JavaThread|VMThread|GCTaskThread|"
    r"C1Compiler|C2Compiler|CompiledMethod|SafepointSynchronize|ObjectMonitor|"
    r"InstanceKlass|ClassLoader|SystemDictionary|Runtime1|OptoRuntime|SharedRuntime)\w*::)"
)


# V8's pseudo-frames (no script): the event loop waiting, the collector, code V8 cannot
# attribute; @datadog/pprof's CPU-time pseudo-frames ("Node.js" > "Garbage Collection").
_NODE_RUNTIME_NAMES = frozenset(
    {
        "(idle)",
        "(garbage collector)",
        "(program)",
        "(root)",
        "(external)",
        "(EXTERNAL)",
        "(anonymous)",
        "Garbage Collection",
        "Non JS threads activity",
        "Node.js",
    }
)


# The profilers' and SDKs' own frames: they take the samples, unwind, encode and upload the
# profiles, or wrap the program's work to label it. Measurement, never the program's problem.
_PROFILER_NAME_RE = re.compile(
    # Go: runtime/pprof (the writers and labels) and net/http/pprof's handlers serving them,
    # the runtime's sampling hooks (the block, mutex and heap profilers record a stack per
    # event), and the push SDKs.
    r"^(runtime|net/http)/pprof\."
    r"|^runtime\.(sigprof|cpuprof|\(\*cpuProfile\)|\(\*profBuf\)|blockevent|saveblockevent|"
    r"mutexevent|mProf_|profilealloc|goroutineProfileWithLabels|pprof_)"
    r"|^github\.com/(grafana/pyroscope-go|pyroscope-io/client|pyroscope-io/godeltaprof|"
    r"felixge/fgprof)[/.]"
    r"|^(gopkg\.in/DataDog/dd-trace-go\.v1|github\.com/DataDog/dd-trace-go/v2)/profiler[/.]"
    # Rust: pprof-rs, the backtrace crate it unwinds with (also inside generic arguments of
    # its collector, as eBPF symbolises them), pyroscope-rs.
    r"|^(backtrace|pprof|pyroscope|pyroscope_pprofrs)::|(^|<)pprof::|perf_signal_handler"
    r"|^(_Unwind_Backtrace|unw_backtrace)$"
    # JVM: async-profiler (its Java API, its C++ engine, its markers for stacks it could not
    # walk), JFR's recorder, the Pyroscope Java agent.
    r"|^(one/profiler/|one\.profiler\.|io/pyroscope/|io\.pyroscope\.|jdk/jfr/|jdk\.jfr\.)"
    r"|^(Profiler|AsyncProfiler|Jfr\w*|PerfEvents|CTimer|ITimer|WallClock|Engine)::"
    r"|^\[?(no_Java_frame|not_walkable_Java|not_walkable_not_Java|unknown_Java)\]?$"
    # .NET: the Pyroscope and Datadog profilers.
    r"|^(Pyroscope|Datadog\.Trace|Datadog\.Profiler)[.!]"
)


_PROFILER_FILE_RE = re.compile(
    # Go SDKs by module path, in the module cache or -trimpath names.
    r"(^|/)github\.com/(grafana/pyroscope-go|pyroscope-io/client|pyroscope-io/godeltaprof)"
    r"(@[^/]+)?/"
    # Python: pyroscope-io (also its thread bootstrap wrapper), ddtrace's profiler.
    r"|(^|/)(site|dist)-packages/(pyroscope|pyroscope_io)/|(^|/)pyroscope/__init__\.py$"
    r"|(^|/)ddtrace/profiling/"
    # Node.js: @pyroscope/nodejs and the pprof packages it samples and encodes with.
    r"|(^|/)node_modules/(@pyroscope/nodejs|@datadog/pprof|pprof|pprof-format)/"
    r"|(^|/)pyroscope-nodejs/|(^|/)dd-trace/packages/dd-trace/src/profiling/"
    # Ruby: the pyroscope gem, Datadog's profiler.
    r"|(^|/)gems/pyroscope(-otel)?-\d[^/]*/|(^|/)gems/(ddtrace|datadog)-\d[^/]*/lib/datadog/profiling/"
    # Rust: pprof-rs's unwinding module, named only by its file in pprof-rs's own names.
    r"|(^|/)backtrace_rs\.rs$|(^|/)pprof-\d[^/]*/src/"
)


#: @datadog/pprof's native sampler, a script-less frame under the SDK's start-up.
_NODE_PROFILER_NATIVES = frozenset({"TimeProfiler"})


def language_of(function: str, file: str | None) -> Language:
    """Return the language of a frame from its file's extension, else from its name's shape.

    ``function`` is the name without any file or line embedded in it (see
    :func:`~profile_insights.agent.code.frame_names.parse_frame`).
    """
    if file:
        if file.startswith("node:"):
            return "nodejs"
        if file.startswith("<internal:"):
            return "ruby"  # the VM's own Ruby code: <internal:timev>, <internal:kernel>
        suffix = PurePosixPath(file.replace("\\", "/")).suffix.lower()
        if suffix in _EXTENSION_LANGUAGE:
            return _EXTENSION_LANGUAGE[suffix]
    name = function
    if name.endswith("[c function]"):
        return "ruby"
    if "!" in name:
        return "dotnet"
    if name.startswith(("__rust", "_ZN")) or re.search(r"\{\{(closure|vtable\.shim)\}\}", name):
        return "rust"
    if "::" in name:
        return "cpp"
    if re.match(r"^[a-z][\w$]*(/[\w$]+)*/[A-Z][\w$]*\.[\w$<>]+$", name):
        # JVM names use slashes between packages and a capitalised class: java/lang/Thread.run
        # (Go's encoding/json.Unmarshal has a lower-case package before the dot).
        return "java"
    if "/" not in name and (
        "$" in name or re.match(r"^([a-z_][a-z0-9_]*\.){2,}[A-Z][\w$]*\.[\w$<>]+$", name)
    ):
        # Dotted JVM names (com.example.Something.run, Foo$Bar.run); Go uses "/" in package
        # paths and never "$".
        return "java"
    if re.match(r"^\[?(no_Java_frame|not_walkable_Java|not_walkable_not_Java|unknown_Java)", name):
        return "java"
    if re.match(r"^([\w.-]+/)*[\w.-]+\.(\(\*?[\w\[\].,* ]+\)\.)?[\w\[\].,* ]+", name):
        return "go"
    return "unknown"


def runtime_note(frame: Frame) -> str:
    """Return why a frame is runtime or VM internals, or "" when it is not."""
    text, file, language = frame.display, frame.file or "", frame.language
    if language in ("go", "unknown") and (
        text.startswith("runtime.") or text in ("runtime", "gogo", "goexit")
    ):
        return "Go runtime"
    if language == "nodejs":
        if not file and text in _NODE_RUNTIME_NAMES:
            return f"Node.js/V8 internal ({text})"
        if file.startswith("node:internal/"):
            return "Node.js internals"
    if _JVM_INTERNAL_RE.match(text):
        return "JVM internals"
    if text.startswith("<frozen ") or file.startswith("<frozen "):
        return "Python import machinery"
    if text.startswith("<internal:") or file.startswith("<internal:"):
        return "Ruby VM internals"
    return ""


def profiler_note(frame: Frame) -> str:
    """Return why a frame is the profiler's or its SDK's own work, or "" when it is not."""
    file = (frame.file or "").replace("\\", "/")
    if frame.language == "nodejs" and not file and frame.display in _NODE_PROFILER_NATIVES:
        return "the profiler's native sampler"
    if _PROFILER_NAME_RE.search(frame.display) or (file and _PROFILER_FILE_RE.search(file)):
        return "the profiler's or its SDK's own frames"
    if frame.language == "nodejs" and _PROFILER_FILE_RE.search(frame.function):
        return "the profiler's or its SDK's own frames"
    return ""


def native_note(frame: Frame) -> str:
    """Return why a frame is native code with no source file, or "" when it is not."""
    file = frame.file or ""
    text = frame.display
    if f"[{text.strip('[]')}]" in _NATIVE_RUNTIME or file in _NATIVE_RUNTIME:
        return "kernel or VDSO frame"
    if frame.language == "nodejs" and not file and frame.line is None:
        # ":run:0", ":utf8Write:0", ":PBKDF2Job:0": builtins and C++ bindings, no script.
        return "native code of Node.js or V8 (no script)"
    if file:
        return ""
    if re.fullmatch(r"\[[^\]]+\]|<unknown>", text):
        return "native frame without a symbol"
    if frame.language in ("cpp", "unknown") and re.match(r"^[A-Za-z_~][\w:~<>, *&]*$", text):
        return "native code (no source file in the profile)"
    return ""


def stdlib_note(frame: Frame) -> str:
    """Return why a frame not found in the checkout is standard library, or ""."""
    function, file, language = frame.display, (frame.file or "").replace("\\", "/"), frame.language
    if language == "go" and file and not file.startswith("/") and file.endswith((".go", ".s")):
        if "." not in file.split("/", 1)[0]:
            # -trimpath prints std packages as runtime/proc.go: no dot in the first element.
            return "Go standard library (-trimpath name)"
    if language == "go" and not file:
        package = frame.package
        if package and "." not in package.split("/", 1)[0] and package != "main":
            return "Go standard library package"
    if language == "python" and file:
        first = file.lstrip("./").split("/", 1)[0].removesuffix(".py")
        if first in _PYTHON_STDLIB_MODULES:
            return "Python standard library module"
    if language == "ruby" and frame.function.endswith("[c function]"):
        # rbspy marks Ruby core methods implemented in C (each, new, instance_exec).
        return "Ruby core method implemented in C"
    if language == "java" and function.startswith(_JAVA_STDLIB_PREFIXES):
        return "Java class library (JDK)"
    if language == "dotnet" and (
        function.startswith(_DOTNET_STDLIB_PREFIXES)
        or (frame.module or "").startswith(_DOTNET_STDLIB_ASSEMBLIES)
    ):
        return ".NET base class library"
    if language == "rust" and function.startswith(("std::", "core::", "alloc::", "__rust")):
        return "Rust standard library"
    return ""


def library_origin(frame: Frame) -> tuple[Origin, str] | None:
    """Return (origin, note) of a frame its own name and path place outside the checkout.

    Decided before the checkout is searched: runtime, profiler and native frames, and
    dependency or standard-library files by their paths. None: it may be the checkout's.
    """
    file = (frame.file or "").replace("\\", "/")
    named: tuple[tuple[Origin, str], ...] = (
        ("profiler", profiler_note(frame)),
        ("runtime", runtime_note(frame)),
    )
    for origin, note in named:
        if note:
            return origin, note
    native = native_note(frame)
    if native:
        return "native", native
    if frame.language == "ruby" and frame.function.endswith("[c function]"):
        return "stdlib", "Ruby core method implemented in C"
    if frame.language == "rust" and stdlib_note(frame):
        # pprof-rs's std::time::Instant::elapsed in time.rs: the crate says it, not the file.
        return "stdlib", stdlib_note(frame)
    if file and THIRD_PARTY_RE.search(file):
        return "dependency", "dependency path (module cache, vendor or packages dir)"
    if frame.language == "nodejs" and THIRD_PARTY_RE.search(frame.function):
        return "dependency", "node_modules"
    goroot = GOROOT_RE.search(file) if file else None
    if goroot and "." not in goroot["rest"].split("/", 1)[0]:
        return "stdlib", "Go standard library (GOROOT)"
    for pattern, label in (
        (_PYTHON_STDLIB_RE, "Python standard library"),
        (_RUBY_STDLIB_RE, "Ruby standard library"),
        (_RUST_STDLIB_RE, "Rust standard library"),
    ):
        if file and pattern.search(file):
            return "stdlib", label
    if file.startswith("node:"):
        return "stdlib", "Node.js built-in module"
    return None


def origin_outside_checkout(frame: Frame, how: str) -> tuple[Origin, str]:
    """Return (origin, note) for a frame the checkout does not hold; ``how`` says why not."""
    function, file, language = frame.display, (frame.file or "").replace("\\", "/"), frame.language
    if how.startswith(("module ", "package directory ", "no definition of ")):
        # The file belongs to a module of this checkout but is not there (any more).
        return "unknown", how
    if language == "rust" and how.startswith("crate "):
        return "dependency", how
    stdlib = stdlib_note(frame)
    if stdlib:
        return "stdlib", stdlib
    if language == "go" and file and "." in file.split("/", 1)[0] and not file.startswith("/"):
        return "dependency", "Go module outside this repository"
    if language == "go" and not file and "." in function.split("/", 1)[0]:
        return "dependency", "Go package outside this repository"
    if language == "java" and not how:
        return "dependency", "JVM class not found in the checkout"
    if language == "dotnet" and function.startswith("Microsoft."):
        return "dependency", ".NET framework assembly"
    reason = how or ("no file name in the profile" if not file else "not found in the checkout")
    return "unknown", reason
