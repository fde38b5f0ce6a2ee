"""The scenarios' planted functions resolve in the checkout from real builds of their sources."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from profile_insights.agent.code.gitref import check_git_ref
from profile_insights.agent.code.resolve import resolve_rows
from profile_insights.agent.profiles.pprof_cli import PprofCommand, run_pprof
from profile_insights.agent.profiles.pprof_text import parse_top_text
from tests.code.gitrepo import scenario_checkout

SCENARIO_HOT = {
    "cpu-json-catalog": (
        "github.com/acme/catalog/internal/render.(*Renderer).Product",
        "internal/render/render.go",
        (21, 32),
        "json.Unmarshal",
    ),
    "alloc-strings-search": (
        "github.com/acme/search/internal/query.Render",
        "internal/query/build.go",
        (21, 30),
        "q +=",
    ),
}


def go_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"GOPROXY": "off", "GOFLAGS": "-mod=mod", "CGO_ENABLED": "0", "GOWORK": "off"})
    env.setdefault("GOCACHE", str(Path.home() / ".cache" / "go-build"))
    if not os.access(Path(env["GOCACHE"]).parent, os.W_OK):
        env["GOCACHE"] = str(tmp / "gocache")
    return env


@pytest.fixture(scope="module")
def scenario_profiles(
    shared_dir: Path, go_binary: str, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[Path, str]]:
    """Build and run both scenarios like their README says; return {name: (profile, head)}."""
    out: dict[str, tuple[Path, str]] = {}
    for scenario in SCENARIO_HOT:
        tmp = tmp_path_factory.mktemp(scenario)
        repo, head = scenario_checkout(shared_dir, scenario, tmp / "checkout")
        service = "catalog" if scenario == "cpu-json-catalog" else "search"
        build_dir = tmp / "build" / service
        shutil.copytree(repo, build_dir, ignore=shutil.ignore_patterns(".git"))
        args = [go_binary, "build", "-o", str(tmp / service)]
        if scenario == "cpu-json-catalog":
            args.append(f"-ldflags=-B 0x{head}")  # the README: GNU build ID = commit hash
        else:
            args.append("-trimpath")
        subprocess.run(
            [*args, f"./cmd/{service}"],
            cwd=build_dir,
            env=go_env(tmp),
            check=True,
            timeout=300,
            capture_output=True,
        )
        subprocess.run(
            [str(tmp / service), "-duration", "1s", "-profile-dir", str(tmp)],
            check=True,
            timeout=60,
            capture_output=True,
        )
        profile = tmp / ("cpu.pb.gz" if service == "catalog" else "heap.pb.gz")
        out[scenario] = (profile, head)
        out[scenario + ":repo"] = (repo, head)
    return out


@pytest.mark.slow
@pytest.mark.integration
@pytest.mark.parametrize("scenario", list(SCENARIO_HOT))
def test_scenario_hot_function_resolves_in_repo_from_a_real_build(
    scenario: str,
    scenario_profiles: dict[str, tuple[Path, str]],
    go_binary: str,
    shared_dir: Path,
    tmp_path: Path,
) -> None:
    function, repo_file, (first, last), code = SCENARIO_HOT[scenario]
    profile, head = scenario_profiles[scenario]
    repo, _ = scenario_profiles[scenario + ":repo"]
    args = ["-lines", "-top", "-cum"]
    if scenario == "alloc-strings-search":
        args.insert(0, "-sample_index=alloc_space")
    command = PprofCommand((go_binary, "tool", "pprof"))
    text = run_pprof(profile, args, command=command)
    parsed = parse_top_text(text, lines=True)
    matches = resolve_rows(parsed.rows, repo)
    hot = [m for m in matches if m.function == function]
    assert hot, f"{function} not in the profile"
    for match in hot:
        assert (match.kind, match.language, match.repo_path) == ("in_repo", "go", repo_file)
        assert match.line is not None and first <= match.line <= last
        assert match.window is not None
    assert any(code in line for m in hot if m.window for line in m.window.lines)
    assert all(
        m.kind != "in_repo"
        for m in matches
        if m.function.startswith(("runtime.", "encoding/json.", "strings."))
    )
    functions_only = parse_top_text(
        run_pprof(profile, [a for a in args if a not in ("-lines", "-cum")], command=command),
        lines=False,
    )
    (by_name,) = [m for m in resolve_rows(functions_only.rows, repo) if m.function == function]
    assert (by_name.kind, by_name.repo_path) == ("in_repo", repo_file)
    assert by_name.line is not None and first <= by_name.line <= last
    if scenario == "cpu-json-catalog":
        assert parsed.build_id == head
        check = check_git_ref(repo, parsed.build_ids, [repo_file])
        assert check.status == "matches_head" and check.profile_refs == [head]
    check_shipped_truth(scenario, shared_dir, tmp_path)


def check_shipped_truth(scenario: str, shared_dir: Path, tmp_path: Path) -> None:
    """Check the published profiles' oracle rows against expected.json, where they ship.

    Some copies of ../shared hold the scenarios' profiles and expected.json out (the evaluation
    keeps its own); there the real build above is the whole check.
    """
    folder = shared_dir / "scenarios" / scenario
    expected_path = folder / "expected.json"
    if not expected_path.is_file():
        return
    expected = json.loads(expected_path.read_text())
    repo, head = scenario_checkout(shared_dir, scenario, tmp_path / "truth")
    assert head == expected["git_ref"]
    for profile in expected["profiles"]:
        candidates = [folder / "profiles" / name for name in oracle_names(profile)]
        existing = [path for path in candidates if path.is_file()]
        assert existing, f"no -lines -top -cum oracle among {candidates}"
        parsed = parse_top_text(existing[0].read_text(), lines=True)
        matches = resolve_rows(parsed.rows, repo)
        for hot in profile["hot_functions"]:
            name = hot.get("name") or hot.get("function")
            found = [m for m in matches if m.function == name]
            assert found, name
            low, high = hot["line_range"]
            for match in found:
                assert (match.kind, match.repo_path) == ("in_repo", hot["file"])
                assert match.line is not None and low <= match.line <= high


def oracle_names(profile: dict[str, object]) -> list[str]:
    """Return candidate -lines -top -cum oracle file names of an expected.json profile entry."""
    names = [str(v) for k, v in profile.items() if "oracle" in k and isinstance(v, str)]
    for value in profile.values():
        if isinstance(value, dict):
            names += [str(v) for v in value.values() if isinstance(v, str)]
        if isinstance(value, list):
            names += [str(v) for v in value if isinstance(v, str)]
    index = profile.get("pprof_sample_index")
    file = str(profile.get("file", "")).rsplit("/", 1)[-1]
    guesses = [f"{file}.si-{index}.top-cum-lines.txt", f"{file}.top-cum-lines.txt"] if file else []
    named = [n.rsplit("/", 1)[-1] for n in names if n.endswith("top-cum-lines.txt")]
    return sorted(named, key=lambda n: ".si-" not in n) + guesses
