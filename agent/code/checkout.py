"""The files of one checkout: found by name, by Go module, or by path, inside the root only.

The tree is walked at most once per run (bounded: :data:`MAX_WALKED_FILES`, dependency and
build directories skipped, nested clones refused), so mapping 40 rows costs one walk.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from profile_insights.agent.code.reader import read_lines, safe_path
from profile_insights.agent.errors import RepositoryAccessError

#: Longer paths and deeper ones are no file of a checkout (Linux PATH_MAX; far below it).
_PATH_MAX = 4096
_MAX_DEPTH = 128
logger = logging.getLogger(__name__)

# Directories never searched when looking a file up by name (dependencies, build output, VCS);
# hidden directories (.git, .venv, .cache, ...) are skipped as well, and so is any directory
# holding its own .git directory: another clone inside the root is not this checkout (with
# --repo /tmp, leftover checkouts of other projects matched the profile's files).
SKIP_DIRS = frozenset(
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


@dataclass
class FileIndex:
    """Files of the checkout by base name, built once on first use by one bounded walk."""

    by_name: dict[str, list[str]] = field(default_factory=dict)
    capped: bool = False
    """The walk stopped at the file cap: files by name may be missing."""
    nested_checkouts: list[str] = field(default_factory=list)
    """Sub-directories skipped because they are git clones of their own."""


@dataclass
class CheckoutFiles:
    """Files of a checkout by name and by go.mod module; caches what it has looked up."""

    root: Path
    """The repository root (resolved)."""
    service: str = ""
    """The service's directory inside the root ("" when the root is the service)."""
    max_files: int = MAX_WALKED_FILES
    searched: bool = False
    """Set when a look-up searched the tree (so the row can say what the walk left out)."""
    _modules: list[tuple[str, str]] | None = field(init=False, default=None)
    _index: FileIndex | None = field(init=False, default=None)
    _clones: dict[str, bool] = field(init=False, default_factory=dict)
    _nested_seen: set[str] = field(init=False, default_factory=set)
    _listings: dict[str, frozenset[str] | None] = field(init=False, default_factory=dict)

    def go_modules(self) -> list[tuple[str, str]]:
        """Return (module path, repo-relative directory) of every go.mod, deepest first."""
        self.searched = True
        if self._modules is None:
            found: list[tuple[str, str]] = []
            for rel in self.files_named("go.mod"):
                module = self.module_of(rel)
                if module:
                    found.append((module, str(PurePosixPath(rel).parent)))
            found.sort(key=lambda item: len(item[0]), reverse=True)
            self._modules = found
        return self._modules

    def module_of(self, rel: str) -> str | None:
        """Return the module path declared by the go.mod at ``rel``, if it can be read."""
        try:
            text = read_lines(self.root, rel)
        except RepositoryAccessError:
            return None
        for raw in text:
            match = re.match(r"^\s*module\s+\"?([^\s\"]+)\"?", raw)
            if match:
                return match.group(1)
        return None

    def build_index(self) -> FileIndex:
        """Walk the checkout once (bounded, see ``SKIP_DIRS``) and index files by base name."""
        index = FileIndex()
        count = 0
        for dirpath, dirnames, filenames in os.walk(self.root):
            kept = []
            for name in sorted(dirnames):
                if name in SKIP_DIRS or name.startswith("."):
                    continue
                if os.path.isdir(os.path.join(dirpath, name, ".git")):
                    rel = os.path.relpath(os.path.join(dirpath, name), self.root)
                    index.nested_checkouts.append(rel.replace(os.sep, "/"))
                    continue
                kept.append(name)
            dirnames[:] = kept
            rel_dir = os.path.relpath(dirpath, self.root)
            for name in sorted(filenames):
                count += 1
                if count > self.max_files:
                    index.capped = True
                    logger.warning("%s", self.describe_walk(index))
                    return index
                rel = name if rel_dir == "." else f"{rel_dir}/{name}".replace(os.sep, "/")
                index.by_name.setdefault(name, []).append(rel)
        return index

    def files_named(self, base: str) -> list[str]:
        """Return repo-relative paths of files with this base name."""
        self.searched = True
        if self._index is None:
            self._index = self.build_index()
        return self._index.by_name.get(base, [])

    def describe_walk(self, index: FileIndex | None = None) -> str:
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

    def existing(self, rel: str) -> str | None:
        """Return ``rel`` when it is a file inside the root, None when absent.

        Raises:
            RepositoryAccessError: The path exists but escapes the root (symlink).
        """
        if not rel or rel.startswith("/") or ".." in rel.split("/"):
            return None
        if len(rel) >= _PATH_MAX or "\0" in rel or rel.count("/") >= _MAX_DEPTH:
            # No file system holds it (a hostile frame name): say no before any lookup, as
            # every prefix of a 2,500-name path would otherwise be checked for a clone.
            return None
        if not self._listed(rel):
            return None
        try:
            if self.in_nested_clone(rel):
                return None
            candidate = self.root / rel
            if not (candidate.is_file() or candidate.is_symlink()):
                return None
        except (OSError, ValueError):
            # A name no file system holds (too long, a NUL byte): it is not in the checkout.
            return None
        safe_path(self.root, rel)
        return rel if candidate.is_file() else None

    def _listed(self, rel: str) -> bool:
        """Return whether ``rel``'s directory lists its name (one listing per directory).

        A profile of many files asks for every suffix of every file name; most directories
        asked about do not exist, and one listing answers every name of one that does.
        """
        directory, _, name = rel.rpartition("/")
        if directory not in self._listings:
            try:
                with os.scandir(self.root / directory if directory else self.root) as entries:
                    self._listings[directory] = frozenset(entry.name for entry in entries)
            except (OSError, ValueError):
                self._listings[directory] = None
        names = self._listings[directory]
        return names is not None and name in names

    def in_nested_clone(self, rel: str) -> bool:
        """Return whether ``rel`` lies in a sub-directory that is a git clone of its own."""
        parts = rel.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            directory = "/".join(parts[:depth])
            nested = self._clones.get(directory)
            if nested is None:
                nested = (self.root / directory / ".git").is_dir()
                self._clones[directory] = nested
            if nested:
                # Refused: say so on this row and in the report's note.
                self._nested_seen.add(directory)
                self.searched = True
                return True
        return False

    def prefer_service(self, rels: Sequence[str]) -> list[str]:
        """Return candidates under the service root first."""
        if not self.service:
            return list(rels)
        inside = [r for r in rels if r.startswith(self.service + "/")]
        return inside + [r for r in rels if r not in inside]

    def candidates(self, rel: str) -> list[str]:
        """Return where a relative path may live: under the service root, then the root."""
        out = [f"{self.service}/{rel}"] if self.service else []
        return [*out, rel]

    def owning_module(self, package: str) -> tuple[str, str] | str:
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
            if len(directories) > 1 and self.service:
                under = self.service + "/"
                inside = [d for d in directories if d == self.service or d.startswith(under)]
                directories = inside if len(inside) == 1 else directories
            if len(directories) == 1:
                return module, directories[0]
            shown = ", ".join(directories[:3]) + (" ..." if len(directories) > 3 else "")
            return (
                f"module {module} is declared by {len(directories)} go.mod files ({shown}), "
                "so the built one is unknown: point --repo at the service's checkout"
            )
        return ""
