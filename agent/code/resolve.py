"""Map top-table rows to the user's checkout: which frames are ours, and where they live.

Each row is classified ``in_repo`` (a file of the checkout), ``third_party`` (module caches,
vendored code, site-packages, node_modules, gems), ``stdlib`` (Go GOROOT, Python's lib, the JDK,
Node's ``node:`` modules...), ``runtime`` (Go ``runtime.*``, VM internals such as Node's
``(garbage collector)``) or ``unknown``. Profiles name files in many ways; the rules per language
are in ``docs/source-mapping.md``. Files are only read inside the repository root
(:mod:`profile_insights.agent.code.reader`).
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from profile_insights.agent.code.models import FrameKind, Language, SourceMatch
from profile_insights.agent.code.reader import DEFAULT_RADIUS, read_lines, safe_path, window_of
from profile_insights.agent.errors import RepositoryAccessError
from profile_insights.agent.profiles.table import TopRow

logger = logging.getLogger(__name__)

# Directories never searched when looking a file up by name (dependencies, build output, VCS);
# hidden directories (.git, .venv, .cache, ...) are skipped as well, and so is any directory
# holding its own .git directory: another clone inside the root is not this checkout (with
# --repo /tmp, leftover checkouts of other projects matched the profile's files).
_SKIP_DIRS = frozenset(
    {
        "node_modules",
        "vendor",
        "target",
        "venv",
        "__pycache__",
        "build",
        "dist",
        "bin",
        "obj",
    }
)
# Files walked at most when searching by name; a bigger tree is probably not one checkout.
MAX_WALKED_FILES = 50_000

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
_THIRD_PARTY_RE = re.compile(
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
_GOROOT_RE = re.compile(r"(^\$GOROOT/src/|/(go|go-[\d.]+|google-golang|goroot)/src/)(?P<rest>.+)$")
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
    """Return the function, file and line of a row, taking them from the name when needed.

    Pyroscope's Python/Ruby/Rust profiles name frames ``file.py:LINE - func`` and Node.js
    profiles ``./file.ts:func:LINE``; without ``-lines`` that is the only place the file is.
    """
    file = row.file or None
    line = row.line if row.line and row.line > 0 else None
    # A frame without a function name prints as [MAPPING] or <unknown>; classify by that.
    function = row.function or (row.name if not file else "")
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


# --------------------------------------------------------------------------------------------
# The resolver


@dataclass
class _Index:
    """Files of the checkout by base name, built once on first use by one bounded walk."""

    by_name: dict[str, list[str]] = field(default_factory=dict)
    capped: bool = False
    """The walk stopped at the file cap: files by name may be missing."""
    nested_checkouts: list[str] = field(default_factory=list)
    """Sub-directories skipped because they are git clones of their own."""


@dataclass
class SourceResolver:
    """Resolve rows against one checkout; caches go.mod modules and a file-name index."""

    repo_root: Path
    service_root_path: str | None = None
    window: int = DEFAULT_RADIUS
    max_files: int = MAX_WALKED_FILES
    _root: Path = field(init=False)
    _service: str = field(init=False, default="")
    _modules: list[tuple[str, str]] | None = field(init=False, default=None)
    _index: _Index | None = field(init=False, default=None)
    _lines: dict[str, list[str]] = field(init=False, default_factory=dict)
    _clones: dict[str, bool] = field(init=False, default_factory=dict)
    _nested_seen: set[str] = field(init=False, default_factory=set)
    service_note: str = field(init=False, default="")
    _searched: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        """Normalise the roots; a service root outside the repository is ignored."""
        self._root = self.repo_root.resolve()
        self.service_note = ""
        if self.service_root_path:
            service = self.service_root_path.strip().strip("/")
            if service and service != ".":
                try:
                    safe_path(self._root, service)
                except RepositoryAccessError:
                    # The root path comes from profile labels: never let it lead outside.
                    self.service_note = (
                        f"service_root_path {self.service_root_path!r} ignored: it is outside "
                        "the repository"
                    )
                    logger.warning("%s", self.service_note)
                else:
                    self._service = service

    # -- repository facts -----------------------------------------------------------------

    def go_modules(self) -> list[tuple[str, str]]:
        """Return (module path, repo-relative directory) of every go.mod, deepest first."""
        self._searched = True
        if self._modules is None:
            found: list[tuple[str, str]] = []
            for rel in self._files_named("go.mod"):
                module = self._module_of(rel)
                if module:
                    found.append((module, str(PurePosixPath(rel).parent)))
            found.sort(key=lambda item: len(item[0]), reverse=True)
            self._modules = found
        return self._modules

    def _module_of(self, rel: str) -> str | None:
        """Return the module path declared by the go.mod at ``rel``, if it can be read."""
        try:
            text = read_lines(self._root, rel)
        except RepositoryAccessError:
            return None
        for raw in text:
            match = re.match(r"^\s*module\s+\"?([^\s\"]+)\"?", raw)
            if match:
                return match.group(1)
        return None

    def _build_index(self) -> _Index:
        """Walk the checkout once (bounded, see ``_SKIP_DIRS``) and index files by base name."""
        index = _Index()
        count = 0
        for dirpath, dirnames, filenames in os.walk(self._root):
            kept = []
            for name in sorted(dirnames):
                if name in _SKIP_DIRS or name.startswith("."):
                    continue
                if os.path.isdir(os.path.join(dirpath, name, ".git")):
                    rel = os.path.relpath(os.path.join(dirpath, name), self._root)
                    index.nested_checkouts.append(rel.replace(os.sep, "/"))
                    continue
                kept.append(name)
            dirnames[:] = kept
            rel_dir = os.path.relpath(dirpath, self._root)
            for name in sorted(filenames):
                count += 1
                if count > self.max_files:
                    index.capped = True
                    logger.warning("%s", self._walk_note(index))
                    return index
                rel = name if rel_dir == "." else f"{rel_dir}/{name}".replace(os.sep, "/")
                index.by_name.setdefault(name, []).append(rel)
        return index

    def _files_named(self, base: str) -> list[str]:
        """Return repo-relative paths of files with this base name."""
        self._searched = True
        if self._index is None:
            self._index = self._build_index()
        return self._index.by_name.get(base, [])

    def _walk_note(self, index: _Index | None = None) -> str:
        """Return what the search by name left out (file cap, nested clones), or ""."""
        index = index or self._index
        nested = sorted(set(index.nested_checkouts if index else ()) | self._nested_seen)
        notes = []
        if index is not None and index.capped:
            notes.append(
                f"the search for files by name stopped after {self.max_files} files, so it "
                "is incomplete: point --repo at the service's checkout"
            )
        if nested:
            shown = ", ".join(nested[:3])
            more = len(nested) - 3
            notes.append(
                f"skipped {len(nested)} nested git checkout(s) ({shown}"
                f"{f' and {more} more' if more > 0 else ''}): they are not this repository, "
                "point --repo at the service's own checkout"
            )
        return "; ".join(notes)

    @property
    def walk_note(self) -> str:
        """Return what the bounded search by name left out, once it has run ("" otherwise)."""
        return self._walk_note()

    def _exists(self, rel: str) -> str | None:
        """Return ``rel`` when it is a file inside the root, None when absent.

        Raises:
            RepositoryAccessError: The path exists but escapes the root (symlink).
        """
        if not rel or rel.startswith("/") or ".." in rel.split("/"):
            return None
        if self._in_nested_clone(rel):
            return None
        candidate = self._root / rel
        if not (candidate.is_file() or candidate.is_symlink()):
            return None
        safe_path(self._root, rel)
        return rel if candidate.is_file() else None

    def _in_nested_clone(self, rel: str) -> bool:
        """Return whether ``rel`` lies in a sub-directory that is a git clone of its own."""
        parts = rel.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            directory = "/".join(parts[:depth])
            nested = self._clones.get(directory)
            if nested is None:
                nested = (self._root / directory / ".git").is_dir()
                self._clones[directory] = nested
            if nested:
                # Refused: say so on this row and in the report's note.
                self._nested_seen.add(directory)
                self._searched = True
                return True
        return False

    def _prefer_service(self, rels: Sequence[str]) -> list[str]:
        """Return candidates under the service root first."""
        if not self._service:
            return list(rels)
        inside = [r for r in rels if r.startswith(self._service + "/")]
        return inside + [r for r in rels if r not in inside]

    # -- mapping file names ---------------------------------------------------------------

    def _candidates(self, rel: str) -> list[str]:
        """Return where a relative path may live: under the service root, then the root."""
        out = [f"{self._service}/{rel}"] if self._service else []
        return [*out, rel]

    def map_go_module_path(self, file: str) -> tuple[str | None, str]:
        """Return the repo path of a ``-trimpath`` Go file (``module/dir/file.go``) and a note.

        Modules are tried deepest first: Go gives a package to the longest module path.
        """
        owner = self._owning_module(file.rsplit("/", 1)[0])
        if not isinstance(owner, tuple):
            return None, owner
        module, directory = owner
        rest = file[len(module) + 1 :]
        rel = rest if directory in ("", ".") else f"{directory}/{rest}"
        found = self._exists(rel)
        note = f"module {module} (go.mod in {directory or '.'})"
        return found, note if found else f"{note}, but {rel} is not in the checkout"

    def _owning_module(self, package: str) -> tuple[str, str] | str:
        """Return (module path, directory) of the go.mod owning an import path, or why not.

        Go gives a package to the longest module path that prefixes it. Two go.mod files
        declaring that same module (copies of a project below --repo) leave no way to tell
        which one was built: the note says so instead of picking one.
        """
        modules = self.go_modules()
        for module, _ in modules:
            if package != module and not package.startswith(module + "/"):
                continue
            directories = [d for m, d in modules if m == module]
            if len(directories) > 1 and self._service:
                under = self._service + "/"
                inside = [d for d in directories if d == self._service or d.startswith(under)]
                directories = inside if len(inside) == 1 else directories
            if len(directories) == 1:
                return module, directories[0]
            shown = ", ".join(directories[:3]) + (" ..." if len(directories) > 3 else "")
            return (
                f"module {module} is declared by {len(directories)} go.mod files ({shown}), "
                "so the built one is unknown: point --repo at the service's checkout"
            )
        return ""

    def map_by_suffix(self, file: str) -> tuple[str | None, str]:
        """Return the repo path matching the longest existing suffix of a file name."""
        path = file.replace("\\", "/")
        root = str(self._root)
        if path.startswith(root + "/"):
            found = self._exists(path[len(root) + 1 :])
            if found:
                return found, "absolute path inside the checkout"
        parts = [p for p in path.split("/") if p not in ("", ".")]
        # Only suffixes after the last '..' can be inside the repository.
        if ".." in parts:
            parts = parts[len(parts) - parts[::-1].index("..") :]
        for start in range(len(parts)):
            suffix = "/".join(parts[start:])
            for candidate in self._candidates(suffix):
                found = self._exists(candidate)
                if found:
                    how = "path" if start == 0 else f"longest existing suffix of {file}"
                    return found, f"matched by {how}"
        return None, ""

    def map_unique_basename(self, base: str, hints: Sequence[str] = ()) -> tuple[str | None, str]:
        """Return the one repo file with this base name (the hints break ties), if any."""
        matches = self._prefer_service(self._files_named(base))
        if hints and len(matches) > 1:
            scored = sorted(matches, key=lambda r: -sum(h.lower() in r.lower() for h in hints))
            best = [r for r in scored if sum(h.lower() in r.lower() for h in hints) > 0]
            matches = best[:1] if best else matches
        if len(matches) == 1:
            found = self._exists(matches[0])
            return found, f"only file named {base} in the checkout" if found else ""
        if len(matches) > 1:
            return None, f"{len(matches)} files named {base}; cannot tell which"
        return None, ""

    def map_java_class(self, function: str) -> tuple[str | None, str]:
        """Return the source file of a JVM frame ``pkg/Class.method`` or ``pkg.Class.method``."""
        name = function.split("(", 1)[0]
        if "/" in name:
            cls = name.rsplit(".", 1)[0]
        else:
            cls = name.rsplit(".", 1)[0].replace(".", "/")
        cls = cls.split("$", 1)[0]
        for ext in (".java", ".kt", ".scala"):
            for root in ("src/main/java/", "src/main/kotlin/", "src/main/scala/", "src/", ""):
                for candidate in self._candidates(f"{root}{cls}{ext}"):
                    found = self._exists(candidate)
                    if found:
                        return found, f"class {cls.replace('/', '.')}"
        base = cls.rsplit("/", 1)[-1]
        for ext in (".java", ".kt", ".scala"):
            for rel in self._prefer_service(self._files_named(base + ext)):
                if rel.endswith(f"{cls}{ext}"):
                    found = self._exists(rel)
                    if found:
                        return found, f"class {cls.replace('/', '.')}"
        return None, ""

    def map_go_function(self, function: str) -> tuple[str | None, str]:
        """Return the file defining a Go function named without a file (``-top`` rows).

        ``github.com/acme/x/internal/render.(*Renderer).Product`` is package
        ``github.com/acme/x/internal/render``: its directory comes from go.mod, and the file is
        the one whose ``func (r *Renderer) Product(`` line is found.
        """
        slash = function.rfind("/")
        dot = function.find(".", slash + 1)
        if dot < 0:
            return None, ""
        package = function[:dot]
        owner = self._owning_module(package)
        if not isinstance(owner, tuple):
            return None, owner
        module, directory = owner
        rest = package[len(module) + 1 :] if package != module else ""
        rel_dir = "/".join(p for p in (directory, rest) if p and p != ".")
        pattern = _definition_pattern(function, "go")
        if pattern is None:
            return None, ""
        folder = self._root / rel_dir if rel_dir else self._root
        if not folder.is_dir():
            return None, f"package directory {rel_dir} is not in the checkout"
        for path in sorted(folder.glob("*.go")):
            rel = f"{rel_dir}/{path.name}" if rel_dir else path.name
            if path.name.endswith("_test.go") or not self._exists(rel):
                continue
            lines = read_lines(self._root, rel)
            if any(pattern.search(text) for text in lines):
                return rel, f"package {package} (go.mod module {module})"
        return None, f"no definition of {function} in {rel_dir or '.'}"

    def map_dotnet(self, function: str) -> tuple[str | None, str]:
        """Return the source of a .NET frame ``Namespace!Class.Method`` or ``Ns.Class.Method``."""
        namespace, _, rest = function.rpartition("!")
        parts = re.sub(r"<[^>]*>", "", rest).split(".")
        if namespace:
            cls = parts[0] if len(parts) > 1 else rest
        else:
            cls = parts[-2] if len(parts) > 1 else parts[0]
            namespace = ".".join(parts[:-2])
        cls = cls.split("`", 1)[0]
        hints = [p for p in namespace.split(".") if p]
        return self.map_unique_basename(f"{cls}.cs", hints)

    # -- classification -------------------------------------------------------------------

    def resolve(self, row: TopRow) -> SourceMatch:
        """Return the classification and checkout location of one row."""
        frame = frame_of(row)
        language = detect_language(frame)
        self._searched = False
        kind, repo_path, note = self._classify(frame, language)
        extras = [self.service_note if kind in ("in_repo", "unknown") else ""]
        # Say what the search by name left out on the rows that searched.
        extras.append(self.walk_note if self._searched else "")
        for extra in extras:
            if extra and extra not in note:
                note = f"{note}; {extra}" if note else extra
        match = SourceMatch(
            function=row.function,
            profile_file=frame.file,
            line=frame.line,
            kind=kind,
            language=language,
            repo_path=repo_path,
            note=note,
        )
        if kind == "in_repo" and repo_path:
            return self._with_window(match, frame)
        return match

    def _classify(self, frame: Frame, language: Language) -> tuple[FrameKind, str | None, str]:
        """Return (kind, repo path, note) for a frame."""
        function, file = frame.function, (frame.file or "").replace("\\", "/")
        runtime = _runtime_note(function, file, language)
        if runtime:
            return "runtime", None, runtime
        if file and _THIRD_PARTY_RE.search(file):
            return "third_party", None, "dependency path (module cache, vendor or packages dir)"
        if file and language == "nodejs" and _THIRD_PARTY_RE.search(function):
            return "third_party", None, "node_modules"
        goroot = _GOROOT_RE.search(file) if file else None
        if goroot and "." not in goroot["rest"].split("/", 1)[0]:
            return "stdlib", None, "Go standard library (GOROOT)"
        for pattern, label in (
            (_PYTHON_STDLIB_RE, "Python standard library"),
            (_RUBY_STDLIB_RE, "Ruby standard library"),
            (_RUST_STDLIB_RE, "Rust standard library"),
        ):
            if file and pattern.search(file):
                return "stdlib", None, label
        if file.startswith("node:"):
            return "stdlib", None, "Node.js built-in module"

        try:
            repo_path, how = self._locate(frame, language, file)
        except RepositoryAccessError as error:
            return "unknown", None, f"refused: {error.message}"
        if repo_path:
            return "in_repo", repo_path, how

        if how.startswith(("module ", "package directory ", "no definition of ")):
            # The file belongs to a module of this checkout but is not there (any more).
            return "unknown", None, how
        stdlib = _stdlib_note(function, file, language)
        if stdlib:
            return "stdlib", None, stdlib
        if language == "go" and file and "." in file.split("/", 1)[0] and not file.startswith("/"):
            return "third_party", None, "Go module outside this repository"
        if language == "go" and not file and "." in function.split("/", 1)[0]:
            return "third_party", None, "Go package outside this repository"
        if language == "java" and not how:
            return "third_party", None, "JVM class not found in the checkout"
        if language == "dotnet" and function.startswith("Microsoft."):
            return "third_party", None, ".NET framework assembly"
        reason = how or ("no file name in the profile" if not file else "not found in the checkout")
        return "unknown", None, reason

    def _locate(self, frame: Frame, language: Language, file: str) -> tuple[str | None, str]:
        """Return the repo path of a frame and how it was found (or why not)."""
        notes: list[str] = []
        if file and file != "?":
            # The exact relative path first: a direct look-up, no search of the tree.
            if not file.startswith("/"):
                for candidate in self._candidates(file.replace("\\", "/").removeprefix("./")):
                    found = self._exists(candidate)
                    if found:
                        return found, "matched by path"
            if language == "go" and not file.startswith("/"):
                found, note = self.map_go_module_path(file)
                if found:
                    return found, note
                if note:
                    notes.append(note)
            found, note = self.map_by_suffix(file)
            if found:
                return found, note
            if "/" not in file.strip("./"):
                found, note = self.map_unique_basename(file.rsplit("/", 1)[-1])
                if found:
                    return found, note
                if note:
                    notes.append(note)
        if language == "java":
            found, note = self.map_java_class(frame.function)
            if found:
                return found, note
        if language == "go" and not file:
            found, note = self.map_go_function(frame.function)
            if found:
                return found, note
            if note:
                notes.append(note)
        if language == "dotnet":
            found, note = self.map_dotnet(frame.function)
            if found:
                return found, note
            if note:
                notes.append(note)
        return None, "; ".join(notes)

    def _with_window(self, match: SourceMatch, frame: Frame) -> SourceMatch:
        """Attach the code window around the row's line (or its method, if no line)."""
        assert match.repo_path is not None
        try:
            lines = self._lines.get(match.repo_path)
            if lines is None:
                lines = read_lines(self._root, match.repo_path)
                self._lines[match.repo_path] = lines
        except RepositoryAccessError as error:
            return match.model_copy(update={"note": f"{match.note}; {error.message}"})
        line = frame.line
        note = match.note
        if line is None:
            line = _find_definition(lines, frame.function, match.language)
            if line is not None:
                note = f"{note}; line found by searching for the function's definition"
        if line is None:
            return match.model_copy(update={"note": f"{note}; no line number in the profile"})
        window = window_of(lines, match.repo_path, line, self.window)
        if window is None:
            return match.model_copy(
                update={
                    "note": f"{note}; line {line} is past the end of the file ({len(lines)} "
                    "lines): the checkout differs from the profiled build"
                }
            )
        return match.model_copy(update={"window": window, "note": note, "line": line})


def _runtime_note(function: str, file: str, language: Language) -> str:
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


def _stdlib_note(function: str, file: str, language: Language) -> str:
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


def _definition_pattern(function: str, language: Language) -> re.Pattern[str] | None:
    """Return a regex for the definition line of a frame's function, per language."""
    name = function.split(" - ", 1)[-1]
    if language == "nodejs":
        parts = function.rsplit(":", 2)
        name = parts[1] if len(parts) == 3 else name
    elif language == "dotnet":
        name = name.rsplit("!", 1)[-1]
    name = re.sub(r"\(.*?\)|<[^>]*>|\[.*?\]", "", name)
    # Closures belong to the function that defines them: F.func1, F.func1.2, F.gowrap1.
    name = re.sub(r"(\.(func|gowrap)\d+|\.\d+)+$", "", name)
    method = re.split(r"[./:]", name.strip())[-1] if name.strip() else ""
    method = re.sub(r"^func\d+$", "", method)
    if not method or not re.match(r"^[A-Za-z_$][\w$]*$", method):
        return None
    word = re.escape(method)
    patterns = {
        "go": rf"^\s*func\s+(\([^)]*\)\s*)?{word}\b",
        "python": rf"^\s*(async\s+)?def\s+{word}\b",
        "ruby": rf"^\s*def\s+(self\.)?{word}\b",
        "rust": rf"\bfn\s+{word}\b",
    }
    return re.compile(patterns.get(language, rf"\b{word}\s*\("))


def _find_definition(lines: Sequence[str], function: str, language: Language) -> int | None:
    """Return the 1-based line defining ``function`` in a file, when it can be found."""
    pattern = _definition_pattern(function, language)
    if pattern is None:
        return None
    for number, text in enumerate(lines, start=1):
        if pattern.search(text):
            return number
    return None


def resolve_rows(
    rows: Sequence[TopRow],
    repo_root: Path,
    *,
    service_root_path: str | None = None,
    window: int = DEFAULT_RADIUS,
    notes: list[str] | None = None,
) -> list[SourceMatch]:
    """Classify each row and map in-repo rows to files and code windows of the checkout.

    Args:
        rows: Rows of a top table (``-lines`` rows give file and line; others are mapped by
            what their names carry).
        repo_root: The checkout.
        service_root_path: Sub-directory of the repository the service lives in (Pyroscope's
            ``service_root_path`` label); its files are preferred.
        window: Lines of source to read either side of each hot line.
        notes: When given, receives what the bounded search by name left out (the file cap
            was hit, nested git clones were skipped), for the report.

    Raises:
        RepositoryAccessError: ``repo_root`` is not a directory. (A service root outside the
            repository is ignored, with a note on the rows.)
    """
    if not repo_root.is_dir():
        raise RepositoryAccessError(
            f"The repository root {repo_root} is not a directory.",
            "Pass the path of your checkout (--repo).",
        )
    resolver = SourceResolver(repo_root, service_root_path=service_root_path, window=window)
    matches = [resolver.resolve(row) for row in rows]
    if notes is not None and resolver.walk_note:
        notes.append(f"Source mapping: {resolver.walk_note}.")
    return matches
