"""Every Jinja template the project renders (reports, model prompts), and ``render``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from jinja2.bccache import Bucket


class _CompiledTemplates(FileSystemBytecodeCache):
    """Compiled templates kept in the user's cache: compiling the report's costs ~0.1 s a run.

    Jinja keys each entry by the template's name and source checksum and checks its own
    version, so an edited template or another Jinja compiles afresh.
    """

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Store a compiled template; a read-only cache only costs the next run a compile."""
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _cache_directory() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return str(Path(base) / "profile-insights" / "templates")


_environment = Environment(
    loader=PackageLoader("profile_insights.prompts", ""),
    bytecode_cache=_CompiledTemplates(_cache_directory()),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    autoescape=False,
)


def environment() -> Environment:
    """Return the shared Jinja environment (filters are registered on it by their owners)."""
    return _environment


def render(name: str, /, **variables: Any) -> str:
    """Render the template ``name`` (e.g. ``report.md.j2``) with ``variables``."""
    return _environment.get_template(name).render(**variables)
