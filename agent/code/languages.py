"""How a profile's frame names its language and origin: the rules per language, in one place.

A row of the top table becomes a :class:`Frame` (function, file, line: Pyroscope's script
names such as ``file.py:LINE - func`` and Node's ``./src/x.js:fn:LINE`` taken apart); its
language comes from the file's extension or the name's shape, and runtime, standard-library and
dependency frames are told apart by their paths (rules in ``docs/source-mapping.md``).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import PurePosixPath

from profile_insights.agent.code.models import FrameKind, Language
from profile_insights.agent.profiles.table import TopRow

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
    r"|/\.cargo/registry/"
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


# Names that carry their own file and line (Pyroscope's rewrites for scripting languages).
_SCRIPT_NAME_RE = re.compile(r"^(?P<file>[^ ]+\.(?:py|rb|rs)):(?P<line>-?\d+) - (?P<func>.*)$")


_NODE_NAME_RE = re.compile(r"^(?P<file>.*):(?P<func>[^:]*):(?P<line>\d+)$")


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


_NATIVE_RUNTIME = frozenset({"[kernel.kallsyms]", "[vdso]", "[vsyscall]"})


_JVM_INTERNAL_RE = re.compile(
    r"^(\[(GC|unknown|not_walkable|vdso)|Interpreter$|call_stub|JVM_|Unsafe_|"
    r"(G1|Parallel|Serial|ZGC|Shenandoah|CompileBroker|JavaThread|VMThread|GCTaskThread|"
    r"C1Compiler|C2Compiler|CompiledMethod|SafepointSynchronize|ObjectMonitor|"
    r"InstanceKlass|ClassLoader|SystemDictionary|Runtime1|OptoRuntime|SharedRuntime)\w*::)"
)


_NODE_INTERNAL_NAMES = frozenset(
    {"(idle)", "(garbage collector)", "(program)", "(root)", "(external)", "(anonymous)"}
)


@dataclass(frozen=True)
class Frame:
    """The parts of a row that say where its code is."""

    function: str
    file: str | None
    line: int | None


def frame_of(row: TopRow) -> Frame:
    """Return the function, file and line of a table row (see :func:`frame_from`)."""
    # A frame without a function name prints as [MAPPING] or <unknown>; classify by that.
    return frame_from(row.function or (row.name if not row.file else ""), row.file, row.line)


def frame_from(function: str, file: str | None = None, line: int | None = None) -> Frame:
    """Return the function, file and line of a frame, taking them from the name when needed.

    Pyroscope's Python/Ruby/Rust profiles name frames ``file.py:LINE - func`` and Node.js
    profiles ``./file.ts:func:LINE``; without ``-lines`` that is the only place the file is.
    """
    file = file or None
    line = line if line and line > 0 else None
    script = _SCRIPT_NAME_RE.match(function)
    if script:
        embedded = int(script["line"])
        return Frame(function, file or script["file"], line or (embedded if embedded > 0 else None))
    node = _NODE_NAME_RE.match(function) if not file and " " not in function else None
    if node and (node["file"].startswith(("./", "/", "node:")) or "." in node["file"]):
        embedded = int(node["line"])
        return Frame(function, node["file"], line or (embedded if embedded > 0 else None))
    return Frame(function, file, line)


def detect_language(frame: Frame) -> Language:
    """Return the language of a frame from its file extension, else from its name's shape."""
    name = frame.function
    if frame.file:
        if frame.file.startswith("node:"):
            return "nodejs"
        suffix = PurePosixPath(frame.file.replace("\\", "/")).suffix.lower()
        if suffix in _EXTENSION_LANGUAGE:
            return _EXTENSION_LANGUAGE[suffix]
    script = _SCRIPT_NAME_RE.match(name)
    if script:
        return _EXTENSION_LANGUAGE["." + script["file"].rsplit(".", 1)[1]]
    if name.startswith(":(") or _NODE_NAME_RE.match(name) and name.startswith(("./", "node:")):
        return "nodejs"
    if "!" in name:
        return "dotnet"
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
    if re.match(r"^([\w.-]+/)*[\w.-]+\.(\(\*?[\w\[\].,* ]+\)\.)?[\w\[\].,* ]+", name):
        return "go"
    return "unknown"


def runtime_note(function: str, file: str, language: Language) -> str:
    """Return why a frame is runtime/VM internals, or "" when it is not."""
    if language in ("go", "unknown") and (
        function.startswith("runtime.") or function in ("runtime", "gogo", "goexit")
    ):
        return "Go runtime"
    if f"[{function.strip('[]')}]" in _NATIVE_RUNTIME or file in _NATIVE_RUNTIME:
        return "kernel or VDSO frame"
    if language == "nodejs" or function.startswith(":("):
        bare = function.split(":")
        if function.startswith(":(") and len(bare) >= 2 and bare[1] in _NODE_INTERNAL_NAMES:
            return "Node.js/V8 internal (" + bare[1] + ")"
        if file.startswith("node:internal/") or function.startswith("node:internal/"):
            return "Node.js internals"
    if _JVM_INTERNAL_RE.match(function):
        return "JVM internals"
    if function.startswith("<frozen ") or file.startswith("<frozen "):
        return "Python import machinery"
    if function.startswith("<internal:"):
        return "Ruby VM internals"
    return ""


def stdlib_note(function: str, file: str, language: Language) -> str:
    """Return why a frame not found in the checkout is standard library, or ""."""
    if language == "go" and file and not file.startswith("/") and file.endswith((".go", ".s")):
        if "." not in file.split("/", 1)[0]:
            # -trimpath prints std packages as runtime/proc.go: no dot in the first element.
            return "Go standard library (-trimpath name)"
    if language == "go" and not file:
        package = function[: function.find(".", function.rfind("/") + 1)]
        if package and "." not in package.split("/", 1)[0] and package != "main":
            return "Go standard library package"
    if language == "python" and file:
        first = file.lstrip("./").split("/", 1)[0].removesuffix(".py")
        if first in _PYTHON_STDLIB_MODULES:
            return "Python standard library module"
    if "[c function]" in function:
        # rbspy marks Ruby core methods implemented in C (each, new, instance_exec).
        return "Ruby core method implemented in C"
    if language == "java" and function.startswith(_JAVA_STDLIB_PREFIXES):
        return "Java class library (JDK)"
    if language == "dotnet" and function.startswith(_DOTNET_STDLIB_PREFIXES):
        return ".NET base class library"
    if language == "rust":
        symbol = function.split(" - ", 1)[-1]
        if symbol.startswith(("std::", "core::", "alloc::", "__rust")):
            return "Rust standard library"
    return ""


def library_origin(frame: Frame, language: Language) -> tuple[FrameKind, str] | None:
    """Return (kind, note) for a runtime, dependency or standard-library frame, else None.

    Decided from the frame's own name and path, before the checkout is searched.
    """
    function, file = frame.function, (frame.file or "").replace("\\", "/")
    runtime = runtime_note(function, file, language)
    if runtime:
        return "runtime", runtime
    if file and THIRD_PARTY_RE.search(file):
        return "third_party", "dependency path (module cache, vendor or packages dir)"
    if file and language == "nodejs" and THIRD_PARTY_RE.search(function):
        return "third_party", "node_modules"
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


def origin_outside_checkout(frame: Frame, language: Language, how: str) -> tuple[FrameKind, str]:
    """Return (kind, note) for a frame the checkout does not hold; ``how`` says why not."""
    function, file = frame.function, (frame.file or "").replace("\\", "/")
    if how.startswith(("module ", "package directory ", "no definition of ")):
        # The file belongs to a module of this checkout but is not there (any more).
        return "unknown", how
    stdlib = stdlib_note(function, file, language)
    if stdlib:
        return "stdlib", stdlib
    if language == "go" and file and "." in file.split("/", 1)[0] and not file.startswith("/"):
        return "third_party", "Go module outside this repository"
    if language == "go" and not file and "." in function.split("/", 1)[0]:
        return "third_party", "Go package outside this repository"
    if language == "java" and not how:
        return "third_party", "JVM class not found in the checkout"
    if language == "dotnet" and function.startswith("Microsoft."):
        return "third_party", ".NET framework assembly"
    reason = how or ("no file name in the profile" if not file else "not found in the checkout")
    return "unknown", reason


def may_be_checkout(row: TopRow) -> bool:
    """Return whether a row's frame may be the user's code (its name says no library)."""
    frame = frame_of(row)
    language = detect_language(frame)
    if library_origin(frame, language) is not None:
        return False
    return not stdlib_note(frame.function, (frame.file or "").replace("\\", "/"), language)
