"""The profiled git ref against a real checkout: statuses, changed hot files, repository URLs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from profile_insights.agent.code.build_ids import ServiceVersion, parse_build_id, service_versions
from profile_insights.agent.code.gitref import check_git_ref, origin_url
from profile_insights.agent.code.repository_urls import normalize_repository_url, same_repository
from profile_insights.agent.profiles.pprof_text import parse_top_text
from tests.code.gitrepo import commit_all, git, scenario_checkout

HOT_FILE = "internal/render/render.go"


def version_id(ref: str, repository: str = "https://github.com/acme/catalog", **extra: str) -> str:
    """Return a build ID spelled the way Pyroscope's distributor writes it."""
    return json.dumps({"repository": repository, "git_ref": ref, **extra}, separators=(",", ":"))


@pytest.fixture()
def catalog(shared_dir: Path, tmp_path: Path) -> tuple[Path, str]:
    return scenario_checkout(shared_dir, "cpu-json-catalog", tmp_path)


def test_the_pyroscope_export_build_id_yields_repository_and_ref(shared_dir: Path) -> None:
    text = (
        shared_dir / "profiles/pyroscope_heap_inuse_space_go_buildid_gitref.pb.gz.top.txt"
    ).read_text()
    table = parse_top_text(text)
    assert service_versions(table.build_ids) == [
        ServiceVersion(repository="https://github.com/grafana/pyroscope", git_ref="14f90bfbb")
    ]


def test_build_ids_that_are_not_pyroscope_json_give_no_version() -> None:
    assert parse_build_id("0123456789abcdef0123456789abcdef01234567") is None
    assert parse_build_id("") is None
    assert parse_build_id("{not json") is None
    assert parse_build_id('{"other":"x"}') is None
    full = parse_build_id(
        '{"repository":"grafana/pyroscope","git_ref":"foobar","build_id":"foo","root_path":"p"}'
    )
    assert full == ServiceVersion(
        repository="grafana/pyroscope", git_ref="foobar", build_id="foo", root_path="p"
    )


def test_a_merged_profile_reports_every_distinct_ref() -> None:
    ids = [version_id("aaaa111"), version_id("bbbb222"), version_id("aaaa111"), "deadbeef"]
    assert [v.git_ref for v in service_versions(ids)] == ["aaaa111", "bbbb222"]


def test_short_ref_equal_to_head_matches(catalog: tuple[Path, str]) -> None:
    repo, head = catalog
    check = check_git_ref(repo, [version_id(head[:9])], [HOT_FILE])
    assert check.status == "matches_head"
    assert check.head == head and check.profile_refs == [head[:9]]
    assert check.changed_files == {}
    assert "lines match" in check.message


def test_ref_behind_head_lists_the_commits_touching_each_hot_file(
    catalog: tuple[Path, str],
) -> None:
    repo, profiled = catalog
    render = repo / HOT_FILE
    render.write_text(render.read_text() + "\n// cache the encoded document\n")
    commit_all(repo, "Cache rendered products")
    (repo / "README.md").write_text("docs only\n")
    commit_all(repo, "Reword the README")

    check = check_git_ref(repo, [version_id(profiled[:9])], [HOT_FILE, "internal/store/store.go"])
    assert check.status == "behind_head"
    assert check.head != profiled
    assert list(check.changed_files) == [HOT_FILE]
    (commit,) = check.changed_files[HOT_FILE]
    assert commit.endswith("Cache rendered products")
    assert HOT_FILE in check.message and "older than HEAD" in check.message
    assert f"{HOT_FILE} (1 commit)" in check.message
    assert check.dirty_files == []


def test_uncommitted_changes_to_a_hot_file_are_reported(catalog: tuple[Path, str]) -> None:
    repo, head = catalog
    render = repo / HOT_FILE
    render.write_text("// edited\n" + render.read_text())
    check = check_git_ref(repo, [version_id(head)], [HOT_FILE, "internal/store/store.go"])
    assert check.status == "matches_head"
    assert check.dirty_files == [HOT_FILE]
    assert "Uncommitted changes in internal/render/render.go" in check.message


def test_ref_on_another_branch_is_diverged(catalog: tuple[Path, str]) -> None:
    repo, base = catalog
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / HOT_FILE).write_text("package render\n")
    feature = commit_all(repo, "Rewrite render on a branch")
    git(repo, "checkout", "-q", "main")
    check = check_git_ref(repo, [version_id(feature)], [HOT_FILE])
    assert check.status == "diverged"
    assert check.head == base


def test_unknown_ref_says_it_is_not_in_the_clone(catalog: tuple[Path, str]) -> None:
    repo, _ = catalog
    check = check_git_ref(repo, [version_id("0badc0ffee")], [HOT_FILE])
    assert check.status == "unknown_ref"
    assert "not in this repository" in check.message


def test_the_worst_status_wins_when_a_profile_merges_builds(catalog: tuple[Path, str]) -> None:
    repo, head = catalog
    check = check_git_ref(repo, [version_id(head), version_id("0badc0ffee")])
    assert check.status == "unknown_ref"
    assert check.profile_refs == [head, "0badc0ffee"]
    assert "merges 2 builds" in check.message


def test_no_ref_in_the_profile(catalog: tuple[Path, str]) -> None:
    repo, head = catalog
    check = check_git_ref(repo, ["0123456789abcdef", ""], [HOT_FILE])
    assert check.status == "no_ref" and check.head == head
    assert "cannot be verified" in check.message or "no git_ref" in check.message


def test_a_plain_directory_is_not_a_repo(tmp_path: Path) -> None:
    check = check_git_ref(tmp_path, [version_id("abc1234")], [HOT_FILE])
    assert check.status == "not_a_repo"
    assert check.profile_refs == ["abc1234"]


def test_origin_is_compared_with_the_profiled_repository(catalog: tuple[Path, str]) -> None:
    repo, head = catalog
    assert origin_url(repo) is None
    git(repo, "remote", "add", "origin", "git@github.com:Acme/Catalog.git")
    assert origin_url(repo) == "git@github.com:Acme/Catalog.git"
    same = check_git_ref(repo, [version_id(head, root_path="services/catalog")])
    assert same.same_repository is True and same.root_paths == ["services/catalog"]
    other = check_git_ref(repo, [version_id(head, repository="https://github.com/other/fork")])
    assert other.same_repository is False
    assert "other/fork" in other.message


@pytest.mark.parametrize(
    "spelling",
    [
        "https://github.com/grafana/pyroscope",
        "https://github.com/grafana/pyroscope.git",
        "https://github.com/grafana/pyroscope/",
        "http://GitHub.com/Grafana/Pyroscope",
        "https://www.github.com/grafana/pyroscope",
        "git@github.com:grafana/pyroscope.git",
        "ssh://git@github.com/grafana/pyroscope",
        "ssh://git@github.com:22/grafana/pyroscope.git",
        "git://github.com/grafana/pyroscope.git",
        "https://user:secret@github.com/grafana/pyroscope.git",
        "github.com/grafana/pyroscope",
        "grafana/pyroscope",
    ],
)
def test_repository_url_spellings_are_the_same_repository(spelling: str) -> None:
    assert same_repository(spelling, "https://github.com/grafana/pyroscope")
    assert not same_repository(spelling, "https://github.com/grafana/loki")


def test_repository_normal_form_and_different_hosts() -> None:
    assert normalize_repository_url("git@gitlab.example.com:Team/App.git") == (
        "gitlab.example.com/Team/App"
    )
    assert not same_repository(
        "https://gitlab.com/grafana/pyroscope", "github.com/grafana/pyroscope"
    )
    assert not same_repository("", "github.com/grafana/pyroscope")
