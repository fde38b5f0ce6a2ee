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
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from profile_insights.agent.code.cargo import crates_of, locate_rust_frame
from profile_insights.agent.code.checkout import MAX_WALKED_FILES, CheckoutFiles
from profile_insights.agent.code.definitions import definition_pattern, find_definition
from profile_insights.agent.code.frame_names import frame_of, parse_frame
from profile_insights.agent.code.languages import origin_outside_checkout
from profile_insights.agent.code.models import KIND_OF_ORIGIN, Frame, FrameKind, SourceMatch
from profile_insights.agent.code.reader import DEFAULT_RADIUS, read_lines, safe_path, window_of
from profile_insights.agent.errors import RepositoryAccessError
from profile_insights.agent.profiles.table import TopRow

logger = logging.getLogger(__name__)


@dataclass
class SourceResolver:
    """Resolve rows against one checkout; caches go.mod modules and a file-name index."""

    repo_root: Path
    service_root_path: str | None = None
    window: int = DEFAULT_RADIUS
    max_files: int = MAX_WALKED_FILES
    _root: Path = field(init=False)
    files: CheckoutFiles = field(init=False)
    _lines: dict[str, list[str]] = field(init=False, default_factory=dict)
    _located: dict[tuple[str, str], tuple[FrameKind, str | None]] = field(
        init=False, default_factory=dict
    )
    service_note: str = field(init=False, default="")

    def __post_init__(self) -> None:
        """Normalise the roots; a service root outside the repository is ignored."""
        self._root = self.repo_root.resolve()
        self.files = CheckoutFiles(self._root, max_files=self.max_files)
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
                    self.files.service = service

    # -- repository facts -----------------------------------------------------------------

    @property
    def walk_note(self) -> str:
        """Return what the bounded search by name left out, once it has run ("" otherwise)."""
        return self.files.describe_walk()

    @cached_property
    def crates(self) -> frozenset[str]:
        """Return the crates the checkout's Cargo.toml files build (see :mod:`.cargo`)."""
        return crates_of(self.files)

    def go_modules(self) -> list[tuple[str, str]]:
        """Return (module path, repo-relative directory) of every go.mod, deepest first."""
        return self.files.go_modules()

    # -- mapping file names ---------------------------------------------------------------

    def map_go_module_path(self, file: str) -> tuple[str | None, str]:
        """Return the repo path of a ``-trimpath`` Go file (``module/dir/file.go``) and a note.

        Modules are tried deepest first: Go gives a package to the longest module path.
        """
        owner = self.files.owning_module(file.rsplit("/", 1)[0])
        if not isinstance(owner, tuple):
            return None, owner
        module, directory = owner
        rest = file[len(module) + 1 :]
        rel = rest if directory in ("", ".") else f"{directory}/{rest}"
        found = self.files.existing(rel)
        note = f"module {module} (go.mod in {directory or '.'})"
        return found, note if found else f"{note}, but {rel} is not in the checkout"

    def map_by_suffix(self, file: str) -> tuple[str | None, str]:
        """Return the repo path matching the longest existing suffix of a file name."""
        path = file.replace("\\", "/")
        root = str(self._root)
        if path.startswith(root + "/"):
            found = self.files.existing(path[len(root) + 1 :])
            if found:
                return found, "absolute path inside the checkout"
        parts = [p for p in path.split("/") if p not in ("", ".")]
        # Only suffixes after the last '..' can be inside the repository.
        if ".." in parts:
            parts = parts[len(parts) - parts[::-1].index("..") :]
        for start in range(len(parts)):
            suffix = "/".join(parts[start:])
            for candidate in self.files.candidates(suffix):
                found = self.files.existing(candidate)
                if found:
                    how = "path" if start == 0 else f"longest existing suffix of {file}"
                    return found, f"matched by {how}"
        return None, ""

    def map_installed_package(self, file: str) -> tuple[str | None, str]:
        """Return the checkout file an installed copy of it was run from (site-packages).

        A service deployed with ``pip install .`` runs from ``.../site-packages/billing/x.py``
        while its checkout has ``src/billing/x.py``: the package path after site-packages
        names one file of the checkout (dependency folders are never searched).
        """
        path = file.replace("\\", "/")
        for marker in ("/site-packages/", "/dist-packages/"):
            if marker in path:
                rest = path.split(marker, 1)[1]
                break
        else:
            return None, ""
        if "/" not in rest:
            return None, ""  # a top-level module of the environment: not a package of ours
        base = rest.rsplit("/", 1)[-1]
        found = [r for r in self.files.files_named(base) if r == rest or r.endswith("/" + rest)]
        found = self.files.prefer_service(found)
        if len(found) == 1 or (found and found[0].startswith(self.files.service + "/")):
            return found[0], f"installed package of this checkout ({rest})"
        return None, ""

    def map_unique_basename(self, base: str, hints: Sequence[str] = ()) -> tuple[str | None, str]:
        """Return the one repo file with this base name (the hints break ties), if any."""
        matches = self.files.prefer_service(self.files.files_named(base))
        if hints and len(matches) > 1:
            scored = sorted(matches, key=lambda r: -sum(h.lower() in r.lower() for h in hints))
            best = [r for r in scored if sum(h.lower() in r.lower() for h in hints) > 0]
            matches = best[:1] if best else matches
        if len(matches) == 1:
            found = self.files.existing(matches[0])
            return found, f"only file named {base} in the checkout" if found else ""
        if len(matches) > 1:
            return None, f"{len(matches)} files named {base}; cannot tell which"
        return None, ""

    def map_java_class(self, frame: Frame) -> tuple[str | None, str]:
        """Return the source file of a JVM frame ``pkg/Class.method`` or ``pkg.Class.method``."""
        outer = frame.owner.split("$", 1)[0]
        if not outer:
            return None, ""
        cls = "/".join(part for part in (frame.package.replace(".", "/"), outer) if part)
        for ext in (".java", ".kt", ".scala"):
            for root in ("src/main/java/", "src/main/kotlin/", "src/main/scala/", "src/", ""):
                for candidate in self.files.candidates(f"{root}{cls}{ext}"):
                    found = self.files.existing(candidate)
                    if found:
                        return found, f"class {cls.replace('/', '.')}"
        for ext in (".java", ".kt", ".scala"):
            for rel in self.files.prefer_service(self.files.files_named(outer + ext)):
                if rel.endswith(f"{cls}{ext}"):
                    found = self.files.existing(rel)
                    if found:
                        return found, f"class {cls.replace('/', '.')}"
        return None, ""

    def map_go_function(self, frame: Frame) -> tuple[str | None, str]:
        """Return the file defining a Go function named without a file (``-top`` rows).

        ``github.com/acme/x/internal/render.(*Renderer).Product`` is package
        ``github.com/acme/x/internal/render``: its directory comes from go.mod, and the file is
        the one whose ``func (r *Renderer) Product(`` line is found.
        """
        package, function = frame.package, frame.function
        if not package:
            return None, ""
        owner = self.files.owning_module(package)
        if not isinstance(owner, tuple):
            return None, owner
        module, directory = owner
        rest = package[len(module) + 1 :] if package != module else ""
        rel_dir = "/".join(p for p in (directory, rest) if p and p != ".")
        pattern = definition_pattern(frame)
        if pattern is None:
            return None, ""
        folder = self._root / rel_dir if rel_dir else self._root
        if not folder.is_dir():
            return None, f"package directory {rel_dir} is not in the checkout"
        for path in sorted(folder.glob("*.go")):
            rel = f"{rel_dir}/{path.name}" if rel_dir else path.name
            if path.name.endswith("_test.go") or not self.files.existing(rel):
                continue
            lines = read_lines(self._root, rel)
            if any(pattern.search(text) for text in lines):
                return rel, f"package {package} (go.mod module {module})"
        return None, f"no definition of {function} in {rel_dir or '.'}"

    def map_dotnet(self, frame: Frame) -> tuple[str | None, str]:
        """Return the source of a .NET frame ``Namespace!Class.Method`` or ``Ns.Class.Method``."""
        # Nested and compiler-generated types live in their outermost class's file.
        outer = re.sub(r"<[^>]*>", "", frame.owner).split(".", 1)[0].split("`", 1)[0]
        if not outer:
            return None, ""
        hints = [p for p in frame.package.split(".") if p]
        return self.map_unique_basename(f"{outer}.cs", hints)

    # -- classification -------------------------------------------------------------------

    def repo_path_of(self, function: str, file: str | None) -> str | None:
        """Return the checkout file a frame belongs to, or None (cached per file or function).

        The same decision as :meth:`resolve`, without reading the code: for every frame of a
        profile, not only the rows a report shows.
        """
        return self.located(function, file)[1]

    def located(self, function: str, file: str | None) -> tuple[FrameKind, str | None]:
        """Return a frame's kind (in_repo, stdlib, runtime...) and its checkout file, if any."""
        # A bare base name (pprof-rs's mod.rs) is found by the frame's crate and fn as well.
        key = (function if not file or "/" not in file else "", file or "")
        if key not in self._located:
            kind, repo_path, _ = self._classify(parse_frame(function, file))
            self._located[key] = (kind, repo_path if kind == "in_repo" else None)
        return self._located[key]

    def resolve(self, row: TopRow) -> SourceMatch:
        """Return the classification and checkout location of one row."""
        frame = frame_of(row)
        self.files.searched = False
        kind, repo_path, note = self._classify(frame)
        extras = [self.service_note if kind in ("in_repo", "unknown") else ""]
        # Say what the search by name left out on the rows that searched.
        extras.append(self.walk_note if self.files.searched else "")
        for extra in extras:
            if extra and extra not in note:
                note = f"{note}; {extra}" if note else extra
        match = SourceMatch(
            function=row.function,
            name=frame.display,
            profile_file=frame.file,
            line=frame.line,
            kind=kind,
            language=frame.language,
            repo_path=repo_path,
            note=note,
            module=frame.module if kind == "third_party" else None,
        )
        if kind == "in_repo" and repo_path:
            return self._with_window(match, frame)
        return match

    def _classify(self, frame: Frame) -> tuple[FrameKind, str | None, str]:
        """Return (kind, repo path, note) for a frame."""
        file = (frame.file or "").replace("\\", "/")
        if frame.origin == "dependency" and file:
            installed, how = self.map_installed_package(file)
            if installed:
                return "in_repo", installed, how
        if frame.origin != "unknown":
            return KIND_OF_ORIGIN[frame.origin], None, frame.note
        try:
            repo_path, how = self._locate(frame, file)
        except RepositoryAccessError as error:
            return "unknown", None, f"refused: {error.message}"
        if repo_path:
            return "in_repo", repo_path, how
        origin, note = origin_outside_checkout(frame, how)
        return KIND_OF_ORIGIN[origin], None, note

    def _locate(self, frame: Frame, file: str) -> tuple[str | None, str]:
        """Return the repo path of a frame and how it was found (or why not)."""
        language = frame.language
        notes: list[str] = []
        if language == "rust" and file and "/" not in file:
            # pprof-rs names files by base name only: mod.rs, lib.rs are in every crate.
            return locate_rust_frame(self.files, frame, self.crates, self._lines)
        if file:
            # The exact relative path first: a direct look-up, no search of the tree.
            if not file.startswith("/"):
                for candidate in self.files.candidates(file.replace("\\", "/").removeprefix("./")):
                    found = self.files.existing(candidate)
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
            found, note = self.map_java_class(frame)
            if found:
                return found, note
        if language == "go" and not file:
            found, note = self.map_go_function(frame)
            if found:
                return found, note
            if note:
                notes.append(note)
        if language == "dotnet":
            found, note = self.map_dotnet(frame)
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
            line = find_definition(lines, frame)
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


def resolve_rows(
    rows: Sequence[TopRow],
    repo_root: Path,
    *,
    service_root_path: str | None = None,
    window: int = DEFAULT_RADIUS,
    notes: list[str] | None = None,
    resolver: SourceResolver | None = None,
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
        resolver: A resolver of this checkout to use (and keep using for other frames).

    Raises:
        RepositoryAccessError: ``repo_root`` is not a directory. (A service root outside the
            repository is ignored, with a note on the rows.)
    """
    if not repo_root.is_dir():
        raise RepositoryAccessError(
            f"The repository root {repo_root} is not a directory.",
            "Pass the path of your checkout (--repo).",
        )
    resolver = resolver or SourceResolver(
        repo_root, service_root_path=service_root_path, window=window
    )
    matches = [resolver.resolve(row) for row in rows]
    if notes is not None and resolver.walk_note:
        notes.append(f"Source mapping: {resolver.walk_note}.")
    return matches
