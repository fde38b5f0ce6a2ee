"""The ``map`` command: hot rows of a real profile mapped to a checkout from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from profile_insights.agent.cli.app import main
from tests.code.frame_rows import NODE_SDK


@pytest.fixture()
def app_repo(tmp_path: Path) -> Path:
    """A checkout holding the files of pprof-conformance/basic_cpu (built in /src/app)."""
    repo = tmp_path / "app"
    for name, size in (("main.go", 50), ("parse.go", 20), ("encode.go", 10)):
        (repo).mkdir(exist_ok=True)
        (repo / name).write_text("".join(f"// {name} line {i}\n" for i in range(1, size + 1)))
    return repo


def test_map_prints_matches_and_the_git_check_as_json(
    shared_dir: Path, app_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = shared_dir / "pprof-conformance/basic_cpu.pb.gz"
    assert main(["map", str(profile), "--repo", str(app_repo), "--json", "--rows", "3"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["git"]["status"] == "not_a_repo"
    matches = document["matches"]
    assert [(m["function"], m["repo_path"], m["line"]) for m in matches] == [
        ("main.main", "main.go", 20),
        ("main.handle", "main.go", 42),
        ("main.parse", "parse.go", 10),
    ]
    assert matches[2]["window"]["lines"][0] == "// parse.go line 1"


def test_map_prints_a_table_by_default(
    shared_dir: Path, app_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = shared_dir / "pprof-conformance/basic_cpu.pb.gz"
    assert main(["map", str(profile), "--repo", str(app_repo)]) == 0
    out = capsys.readouterr().out
    assert "parse.go:10" in out and "in_repo" in out
    assert "git: not_a_repo" in out


def test_map_reports_a_bad_profile_as_a_user_error(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = shared_dir / "profiles/pyroscope_malformed_dotnet_funcid0.pb"
    assert main(["map", str(bad), "--repo", str(tmp_path)]) == 1
    assert "reserved ID=0" in capsys.readouterr().err


def test_map_shows_readable_names_with_the_file_and_line_apart(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A Node.js service recorded with the real @pyroscope/nodejs; it is its own checkout.
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["map", str(NODE_SDK / "cpu.pb.gz"), "--repo", str(NODE_SDK)]) == 0
    out = capsys.readouterr().out
    derive = next(line for line in out.splitlines() if " derive " in line)
    assert "in_repo" in derive and "src/password.js:4" in derive
    assert "./src/password.js:derive:4" not in out
