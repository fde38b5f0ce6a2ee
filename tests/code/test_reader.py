"""Reading source windows never leaves the repository root, whatever the profile says."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from profile_insights.agent.code.reader import read_window, safe_path
from profile_insights.agent.code.resolve import resolve_rows
from profile_insights.agent.errors import RepositoryAccessError
from profile_insights.agent.profiles.table import TopRow


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "hot.go").write_text("".join(f"line {i}\n" for i in range(1, 101)))
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "passwd").write_text("root:x:0:0\n")
    (root / "escape").symlink_to(outside, target_is_directory=True)
    (root / "pkg" / "linked.go").symlink_to(outside / "passwd")
    (root / "pkg" / "inside.go").symlink_to(root / "pkg" / "hot.go")
    return root


def row(function: str, file: str | None, line: int | None) -> TopRow:
    name = f"{function} {file}:{line}" if file else function
    return TopRow(
        rank=1,
        name=name,
        function=function,
        file=file,
        line=line,
        flat=1,
        flat_pct=50,
        sum_pct=50,
        cum=1,
        cum_pct=50,
    )


def test_window_is_centred_on_the_line_and_clipped_at_the_edges(repo: Path) -> None:
    window = read_window(repo, "pkg/hot.go", 50, radius=20)
    assert (window.start_line, window.focus_line, window.end_line) == (30, 50, 70)
    assert window.lines[20] == "line 50"
    top = read_window(repo, "pkg/hot.go", 3, radius=5)
    assert (top.start_line, top.end_line) == (1, 8)
    bottom = read_window(repo, "pkg/hot.go", 99, radius=5)
    assert bottom.end_line == 100


def test_a_line_past_the_end_says_the_checkout_differs(repo: Path) -> None:
    with pytest.raises(RepositoryAccessError, match="line 500 is not in it"):
        read_window(repo, "pkg/hot.go", 500)


@pytest.mark.parametrize(
    "path",
    [
        "../secret/passwd",
        "pkg/../../secret/passwd",
        "/etc/passwd",
        "escape/passwd",
        "pkg/linked.go",
        "C:\\Windows\\win.ini",
    ],
)
def test_paths_outside_the_root_are_refused(repo: Path, path: str) -> None:
    with pytest.raises(RepositoryAccessError, match="Refused"):
        read_window(repo, path, 1)


def test_a_symlink_that_stays_inside_is_allowed(repo: Path) -> None:
    assert safe_path(repo, "pkg/inside.go") == (repo / "pkg" / "hot.go").resolve()
    assert read_window(repo, "pkg/inside.go", 1, radius=0).lines == ["line 1"]


def test_crafted_profile_names_never_read_outside_the_repository(repo: Path) -> None:
    rows = [
        row("main.steal", "../../etc/passwd", 1),
        row("main.steal", "/etc/passwd", 1),
        row("main.steal", f"{repo.parent}/secret/passwd", 1),
        row("main.steal", "escape/passwd", 1),
        row("main.steal", "/build/app/pkg/linked.go", 1),
        row("main.ok", "/build/app/pkg/hot.go", 10),
    ]
    matches = resolve_rows(rows, repo)
    for match in matches[:5]:
        assert match.kind != "in_repo", match
        assert match.window is None
        assert match.repo_path is None
    assert "refused" in matches[3].note and "refused" in matches[4].note
    ok = matches[5]
    assert ok.kind == "in_repo" and ok.repo_path == "pkg/hot.go"
    assert ok.window is not None and ok.window.lines[
        ok.window.focus_line - ok.window.start_line
    ] == ("line 10")


def test_a_service_root_outside_the_repository_is_ignored(repo: Path) -> None:
    (match,) = resolve_rows([row("main.ok", "passwd", 1)], repo, service_root_path="../secret")
    assert match.kind == "unknown" and match.window is None
    assert "ignored" in match.note
    # Pyroscope's root path is repository-relative: "/etc" means <repo>/etc, not /etc.
    (hot,) = resolve_rows([row("main.ok", "pkg/hot.go", 1)], repo, service_root_path="/etc")
    assert hot.repo_path == "pkg/hot.go" and "ignored" not in hot.note
    with pytest.raises(RepositoryAccessError):
        resolve_rows([row("main.ok", "pkg/hot.go", 1)], repo / "missing")


def test_files_are_read_even_without_read_permission_on_siblings(repo: Path) -> None:
    locked = repo / "locked"
    locked.mkdir()
    (locked / "x.go").write_text("package x\n")
    os.chmod(locked, 0)
    try:
        matches = resolve_rows([row("main.ok", "/src/pkg/hot.go", 2)], repo)
    finally:
        os.chmod(locked, 0o755)
    assert matches[0].repo_path == "pkg/hot.go"
