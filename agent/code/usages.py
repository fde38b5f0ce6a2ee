"""Whether a function of the checkout is used anywhere: a remover nothing calls removes nothing.

A hub whose ``Unsubscribe`` deletes entries still grows without bound when no code ever calls
``Unsubscribe``. This answers, conservatively, whether a name is mentioned anywhere in the
checkout's source of one language besides where it is defined: any mention (a call, a reference
passed as a callback) counts as a use. Test files are left out, since a remover called only by
tests is never called by the service. Only regular files inside the checkout are read, bounded
in number and size.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from profile_insights.agent.code.syntax import grammar_for

#: Folders that hold no source of the service itself.
_SKIPPED_DIRS = {".git", "node_modules", "vendor", "__pycache__", ".venv", "venv", "dist", "build"}
#: Test files, whose calls the running service never makes.
_TEST_FILE = re.compile(r"(_test\.go|\.test\.[jt]sx?|\.spec\.[jt]sx?|^test_.*\.py|_test\.py)$")
#: A comment to the end of the line (a name in prose is no use of it).
_COMMENT = re.compile(r"(^\s*(\*|/\*)|\s//|^//|\s#|^#).*$")
_MAX_FILES = 3000
_MAX_BYTES = 1024 * 1024


def _definition(name: str) -> re.Pattern[str]:
    """Return a pattern for a line that defines ``name`` (in any of the parsed languages)."""
    word = re.escape(name)
    return re.compile(
        rf"^\s*(func\s*(\([^)]*\)\s*)?{word}\s*[\[(]|(async\s+)?def\s+{word}\s*\(|"
        rf"(export\s+)?(async\s+)?function\*?\s+{word}\s*\(|(static\s+|async\s+)*{word}\s*\([^)]*\)\s*\{{)"
    )


@lru_cache(maxsize=256)
def mentioned_elsewhere(repo: str, grammar: str, name: str) -> bool:
    """Return whether ``name`` appears in the checkout's ``grammar`` sources off its definition.

    True when in doubt (too many files): a use is only denied when every file was read.
    """
    mention = re.compile(rf"(?<![\w$]){re.escape(name)}(?![\w$])")
    defines = _definition(name)
    seen = 0
    for folder, dirs, files in os.walk(repo, followlinks=False):
        dirs[:] = [d for d in dirs if d not in _SKIPPED_DIRS and not d.startswith(".")]
        for file in files:
            if grammar_for(file) != grammar or _TEST_FILE.search(file):
                continue
            path = Path(folder, file)
            if path.is_symlink() or not path.is_file():
                continue
            seen += 1
            if seen > _MAX_FILES or path.stat().st_size > _MAX_BYTES:
                return True
            text = path.read_text(errors="replace")
            if name not in text:
                continue
            for line in text.splitlines():
                code = _COMMENT.sub("", line)
                if mention.search(code) and not defines.search(code):
                    return True
    return False


@lru_cache(maxsize=256)
def definition_of(repo: str, grammar: str, name: str) -> tuple[str, int] | None:
    """Return (path relative to the checkout, line) of the one definition of ``name``, if any.

    None when no file defines it, or more than one does (which is meant is then a guess).
    """
    defines = _definition(name)
    found: list[tuple[str, int]] = []
    seen = 0
    for folder, dirs, files in os.walk(repo, followlinks=False):
        dirs[:] = [d for d in dirs if d not in _SKIPPED_DIRS and not d.startswith(".")]
        for file in files:
            if grammar_for(file) != grammar or _TEST_FILE.search(file):
                continue
            path = Path(folder, file)
            seen += 1
            if seen > _MAX_FILES or path.is_symlink() or path.stat().st_size > _MAX_BYTES:
                continue
            text = path.read_text(errors="replace")
            if name not in text:
                continue
            for number, line in enumerate(text.splitlines(), start=1):
                if defines.search(_COMMENT.sub("", line)):
                    found.append((path.relative_to(repo).as_posix(), number))
    return found[0] if len(found) == 1 else None


def definition_near(repo: str, grammar: str, rel_path: str, name: str) -> tuple[str, int] | None:
    """Return where ``name`` is defined: in ``rel_path`` itself when it is, else in the checkout.

    A method called on its own receiver (``b.spent()``, ``self._total()``) is most often
    defined beside its caller; only when the file does not define it is the checkout searched.
    """
    defines = _definition(name)
    try:
        text = Path(repo, rel_path).read_text(errors="replace")
    except OSError:
        text = ""
    here = [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if defines.search(_COMMENT.sub("", line))
    ]
    if len(here) == 1:
        return rel_path, here[0]
    return definition_of(repo, grammar, name) if not here else None
