"""The search for files by name stays inside this checkout and is bounded."""

from __future__ import annotations

import os
from pathlib import Path

from profile_insights.agent.code.resolve import SourceResolver, resolve_rows
from tests.code.resolve_helpers import make_row, write

COUPON = "github.com/acme/checkout/internal/pricing.validCoupon"
COUPON_FILE = "github.com/acme/checkout/internal/pricing/pricing.go"


def leftover_checkout(root: Path, rel: str) -> None:
    """Create another project's git clone (go.mod + the hot file) at ``root/rel``."""
    clone = root / rel
    (clone / ".git").mkdir(parents=True)
    (clone / "go.mod").write_text("module github.com/acme/checkout\n")
    write(clone, "internal/pricing/pricing.go", 80)


def test_a_nested_clone_is_not_this_checkout_and_the_note_says_it_was_skipped(
    tmp_path: Path,
) -> None:
    leftover_checkout(tmp_path, "pytest-of-ci/test0/checkout")

    [match] = resolve_rows([make_row(COUPON, COUPON_FILE, 61)], tmp_path)

    assert match.kind != "in_repo" and match.repo_path is None
    assert "skipped 1 nested git checkout(s) (pytest-of-ci/test0/checkout)" in match.note


def test_hidden_build_and_dependency_directories_are_not_searched(tmp_path: Path) -> None:
    for skipped in (".cache/x", "build/lib", "dist", "node_modules/pkg", ".venv/lib", "venv"):
        write(tmp_path, f"{skipped}/report.py", 10)
    write(tmp_path, "app/report.py", 10, {4: "def render():"})

    [match] = resolve_rows([make_row("render", "report.py", 4)], tmp_path)

    assert (match.kind, match.repo_path) == ("in_repo", "app/report.py")
    assert "only file named report.py" in match.note


def test_the_walk_stops_at_the_file_cap_and_the_note_says_so(tmp_path: Path) -> None:
    for number in range(20):
        write(tmp_path, f"a/file{number:02}.py", 1)
    write(tmp_path, "z/report.py", 10)
    resolver = SourceResolver(tmp_path, max_files=5)

    match = resolver.resolve(make_row("render", "report.py", 4))

    assert match.kind == "unknown"
    assert "stopped after 5 files" in match.note and "incomplete" in match.note


def test_an_exact_relative_path_is_found_without_searching_the_tree(tmp_path: Path) -> None:
    write(tmp_path, "pkg/report.py", 10, {3: "def render():"})
    write(tmp_path, "old/pkg/report.py", 10)
    resolver = SourceResolver(tmp_path, max_files=1)

    match = resolver.resolve(make_row("render", "pkg/report.py", 3))

    assert (match.kind, match.repo_path) == ("in_repo", "pkg/report.py")
    # No walk happened: the cap of one file would otherwise have left its note.
    assert resolver.walk_note == "" and "stopped after" not in match.note


def test_a_symlinked_directory_leading_outside_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, "report.py", 10)
    repo = tmp_path / "repo"
    repo.mkdir()
    os.symlink(outside, repo / "linked")

    [match] = resolve_rows([make_row("render", "report.py", 4)], repo)

    assert match.kind != "in_repo" and match.repo_path is None


def test_a_direct_look_up_does_not_reach_into_a_nested_clone(tmp_path: Path) -> None:
    # "checkout/internal/..." is a suffix of the profile's path and exists below the root,
    # but inside another repository.
    leftover_checkout(tmp_path, "checkout")
    resolver = SourceResolver(tmp_path)

    match = resolver.resolve(
        make_row("main.handler", "/build/checkout/internal/pricing/pricing.go", 10)
    )

    assert match.kind != "in_repo" and match.repo_path is None
    assert "skipped 1 nested git checkout(s) (checkout)" in match.note
    assert "skipped 1 nested" in resolver.walk_note


def test_two_copies_of_the_module_below_the_root_are_ambiguous_not_guessed(
    tmp_path: Path,
) -> None:
    for copy in ("old-copy", "scenarios/checkout"):
        (tmp_path / copy).mkdir(parents=True)
        (tmp_path / copy / "go.mod").write_text("module github.com/acme/checkout\n")
        write(tmp_path / copy, "internal/pricing/pricing.go", 80, {61: "func validCoupon() {"})

    file_row, function_row = resolve_rows(
        [make_row(COUPON, COUPON_FILE, 61), make_row(COUPON)], tmp_path
    )

    for match in (file_row, function_row):
        assert (match.kind, match.repo_path) == ("unknown", None)
        assert "declared by 2 go.mod files (old-copy, scenarios/checkout)" in match.note


def test_the_service_root_picks_one_of_two_copies_of_the_module(tmp_path: Path) -> None:
    for copy in ("old-copy", "services/checkout"):
        (tmp_path / copy).mkdir(parents=True)
        (tmp_path / copy / "go.mod").write_text("module github.com/acme/checkout\n")
        write(tmp_path / copy, "internal/pricing/pricing.go", 80)

    [match] = resolve_rows(
        [make_row(COUPON, COUPON_FILE, 61)], tmp_path, service_root_path="services/checkout"
    )

    assert match.repo_path == "services/checkout/internal/pricing/pricing.go"
