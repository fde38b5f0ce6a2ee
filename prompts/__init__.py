"""Every Jinja template the project renders (reports, model prompts), and ``render``."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

_environment = Environment(
    loader=PackageLoader("profile_insights.prompts", ""),
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
