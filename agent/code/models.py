"""Values that describe where a profiled frame lives in (or outside) the user's checkout."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

FrameKind = Literal["in_repo", "third_party", "stdlib", "runtime", "native", "profiler", "unknown"]
"""What a frame of a table row is, for the checkout (``SourceMatch.kind``)."""
Origin = Literal["repo", "stdlib", "dependency", "runtime", "native", "profiler", "unknown"]
"""Where a frame's code lives: only ``repo`` code is the checkout's (evidence's vocabulary)."""
Language = Literal["go", "python", "java", "nodejs", "ruby", "rust", "dotnet", "cpp", "unknown"]
GitRefStatus = Literal[
    "matches_head",  # every profile ref equals HEAD (short refs by prefix)
    "behind_head",  # the ref is an ancestor of HEAD: lines may have moved
    "diverged",  # the ref is known but not an ancestor of HEAD (other branch, or HEAD older)
    "unknown_ref",  # the ref is not in the local repository (shallow clone, other fork)
    "no_ref",  # the profile carries no git_ref: cannot verify
    "not_a_repo",  # the checkout is not a git repository
]


#: The kind of a row whose frame has this origin (and back).
KIND_OF_ORIGIN: dict[Origin, FrameKind] = {
    "repo": "in_repo",
    "stdlib": "stdlib",
    "dependency": "third_party",
    "runtime": "runtime",
    "native": "native",
    "profiler": "profiler",
    "unknown": "unknown",
}
ORIGIN_OF_KIND: dict[FrameKind, Origin] = {kind: origin for origin, kind in KIND_OF_ORIGIN.items()}


@dataclass(frozen=True)
class Frame:
    """A profile's frame taken apart: what its name, file and line say (``parse_frame``).

    ``function`` is the name exactly as pprof prints it (its own output reproduces it); the
    other fields are what that name means in its language, for matching, mapping and display.
    """

    function: str
    file: str | None = None
    line: int | None = None
    language: Language = "unknown"
    name: str = ""
    """The function or method: ``derive``, ``fib``, ``Product``; a closure, block or
    comprehension gives the function it is defined in (``main.main.func1`` -> ``main``)."""
    owner: str = ""
    """The class, receiver type or module object: ``CpuController``, ``Renderer``, ``Harness``."""
    package: str = ""
    """Package, namespace or module path: ``github.com/acme/x/render``, ``com.example``."""
    display: str = ""
    """A readable name, with no file or line in it: ``derive`` for ``./src/p.js:derive:12``, Go's
    type arguments as ``[...]`` (``loser.(*Tree[...]).Next``)."""
    short: str = ""
    """The display name without its package path, for titles: ``render.(*Renderer).Product``."""
    column: int | None = None
    closure: bool = False
    """The code runs in an unnamed function defined in ``name``: a closure, lambda, block,
    comprehension or anonymous function (``main.main.func1``, ``<listcomp>``, ``{{closure}}``)."""
    origin: Origin = "unknown"
    """What the name and path alone say; ``unknown`` may still be a file of the checkout."""
    note: str = ""
    """Why ``origin`` was decided (empty when it is ``unknown``)."""
    module: str | None = None
    """A dependency's module, with its version when the path has it (``github.com/x/y@v1.2.3``)."""


class CodeWindow(BaseModel):
    """Lines read around a hot line; ``path`` is relative to the repository root."""

    path: str
    start_line: int = Field(description="1-based number of the first line in ``lines``.")
    focus_line: int
    lines: list[str]

    @property
    def end_line(self) -> int:
        """Return the 1-based number of the last line read."""
        return self.start_line + len(self.lines) - 1


class SourceMatch(BaseModel):
    """One top-table row resolved against the checkout."""

    function: str
    name: str = Field(default="", description="The readable name (see ``Frame.display``).")
    profile_file: str | None = Field(description="The file name as the profile has it.")
    line: int | None
    kind: FrameKind
    language: Language
    repo_path: str | None = Field(default=None, description="Repo-relative path when in_repo.")
    window: CodeWindow | None = None
    note: str = Field(default="", description="Why it was classified so, or why not found.")
    module: str | None = Field(
        default=None, description="For a dependency: its module, with the version when known."
    )


class GitRefCheck(BaseModel):
    """How the profiled build's git refs relate to the checkout's HEAD."""

    profile_refs: list[str] = Field(default_factory=list)
    repositories: list[str] = Field(default_factory=list)
    root_paths: list[str] = Field(
        default_factory=list, description="service_root_path values found in the build IDs."
    )
    origin_url: str | None = Field(default=None, description="git remote get-url origin.")
    same_repository: bool | None = Field(
        default=None, description="Whether origin is a repository the profile names (None: n/a)."
    )
    head: str | None = None
    status: GitRefStatus
    message: str
    changed_files: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Hot repo-relative file -> commits (oneline) touching it since the ref.",
    )
    dirty_files: list[str] = Field(
        default_factory=list, description="Hot files with uncommitted changes in the checkout."
    )
