"""Values that describe where a profiled frame lives in (or outside) the user's checkout."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

FrameKind = Literal["in_repo", "third_party", "stdlib", "runtime", "unknown"]
Language = Literal["go", "python", "java", "nodejs", "ruby", "rust", "dotnet", "cpp", "unknown"]
GitRefStatus = Literal[
    "matches_head",  # every profile ref equals HEAD (short refs by prefix)
    "behind_head",  # the ref is an ancestor of HEAD: lines may have moved
    "diverged",  # the ref is known but not an ancestor of HEAD (other branch, or HEAD older)
    "unknown_ref",  # the ref is not in the local repository (shallow clone, other fork)
    "no_ref",  # the profile carries no git_ref: cannot verify
    "not_a_repo",  # the checkout is not a git repository
]


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
    profile_file: str | None = Field(description="The file name as the profile has it.")
    line: int | None
    kind: FrameKind
    language: Language
    repo_path: str | None = Field(default=None, description="Repo-relative path when in_repo.")
    window: CodeWindow | None = None
    note: str = Field(default="", description="Why it was classified so, or why not found.")


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
