"""The bundled demo: its source becomes the very commit its recording was profiled at."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from profile_insights.agent import demo
from profile_insights.agent.code import repos as demo_repo
from profile_insights.agent.profiles import profile_pb2
from tests.conftest import require


@pytest.fixture(scope="module")
def demo_checkout(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    require(shutil.which("git") is not None, "git is not installed")
    dest = tmp_path_factory.mktemp("demo") / "checkout"
    return dest, demo.create_demo_repo(dest)


def _recording() -> dict[str, object]:
    text = (demo.demo_recording_dir() / "recording.json").read_text()
    data: dict[str, object] = json.loads(text)
    return data


def test_demo_repo_head_is_the_git_ref_the_recording_was_profiled_at(
    demo_checkout: tuple[Path, str],
) -> None:
    _, head = demo_checkout
    series = _recording()["series"]
    assert isinstance(series, list)
    assert series[0]["labels"]["service_git_ref"] == head == demo.DEMO_HEAD
    assert series[0]["labels"]["service_repository"] == demo.DEMO_REPOSITORY


def test_demo_repo_hash_does_not_depend_on_file_modes_or_the_destination(
    tmp_path: Path, demo_checkout: tuple[Path, str]
) -> None:
    _, head = demo_checkout
    source = tmp_path / "src"
    shutil.copytree(demo.demo_service_dir(), source)
    for path in source.rglob("*.go"):
        path.chmod(0o755)
    again = demo_repo.create_repo(
        source, tmp_path / "elsewhere", demo.DEMO_COMMIT_MESSAGE, origin="git@x:y/z.git"
    )
    assert again == head


def test_demo_repo_has_origin_and_a_clean_worktree(demo_checkout: tuple[Path, str]) -> None:
    dest, _ = demo_checkout
    origin = subprocess.run(
        ["git", "remote", "get-url", "origin"], cwd=dest, capture_output=True, text=True, check=True
    ).stdout.strip()
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=dest, capture_output=True, text=True, check=True
    ).stdout
    assert origin == demo.DEMO_REPOSITORY
    assert status == ""


def test_demo_profile_names_the_planted_function_at_a_file_of_the_repo(
    demo_checkout: tuple[Path, str],
) -> None:
    dest, head = demo_checkout
    raw = (demo.demo_recording_dir() / "profiles" / "checkout-cpu-0.pb.gz").read_bytes()
    profile = profile_pb2.Profile()
    profile.ParseFromString(gzip.decompress(raw))
    strings = profile.string_table
    names = {strings[f.name]: strings[f.filename] for f in profile.function}
    planted = "github.com/acme/checkout/internal/pricing.validCoupon"
    assert names[planted] == "github.com/acme/checkout/internal/pricing/pricing.go"
    # -trimpath file names are module path + repo-relative path.
    assert (dest / "internal/pricing/pricing.go").is_file()
    build_ids = {strings[m.build_id] for m in profile.mapping}
    assert build_ids == {
        json.dumps({"repository": demo.DEMO_REPOSITORY, "git_ref": head}, separators=(",", ":"))
    }


def test_commit_tree_moves_head_past_the_profiled_ref(tmp_path: Path) -> None:
    require(shutil.which("git") is not None, "git is not installed")
    source = tmp_path / "src"
    (source / "pkg").mkdir(parents=True)
    (source / "pkg" / "a.go").write_text("package pkg\n")
    overlay = tmp_path / "overlay"
    (overlay / "pkg").mkdir(parents=True)
    (overlay / "pkg" / "a.go").write_text("package pkg\n\n// changed\n")
    repo = tmp_path / "repo"
    first = demo_repo.create_repo(source, repo, "first")
    second = demo_repo.commit_tree(repo, "second", index=1, overlay=overlay)
    log = subprocess.run(
        ["git", "log", "--format=%H", f"{first}..HEAD", "--", "pkg/a.go"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert log == [second]
    assert (repo / "pkg" / "a.go").read_text().endswith("// changed\n")


def test_an_executable_file_stays_executable_when_modes_are_kept(tmp_path: Path) -> None:
    require(shutil.which("git") is not None, "git is not installed")
    source = tmp_path / "src"
    (source / "bin").mkdir(parents=True)
    (source / "bin" / "serve.js").write_text("#!/usr/bin/env node\n")
    (source / "bin" / "serve.js").chmod(0o775)
    (source / "lib.js").write_text("module.exports = {};\n")
    (source / "lib.js").chmod(0o664)
    repo = tmp_path / "repo"
    demo_repo.create_repo(source, repo, "first", keep_modes=True)
    modes = subprocess.run(
        ["git", "ls-tree", "-r", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout
    assert "100755 blob" in modes.splitlines()[0] and modes.splitlines()[0].endswith("serve.js")
    assert modes.splitlines()[1].startswith("100644") and modes.splitlines()[1].endswith("lib.js")
