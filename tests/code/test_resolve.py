"""Classifying rows and finding their files in a checkout, for each language's real names."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

from profile_insights.agent.code.gitref import check_git_ref
from profile_insights.agent.code.models import SourceMatch
from profile_insights.agent.code.resolve import SourceResolver, resolve_rows
from profile_insights.agent.profiles.pprof_cli import PprofCommand, parse_top_text, run_pprof
from profile_insights.agent.profiles.table import TopRow, TopTable
from tests.code.gitrepo import scenario_checkout


def write(root: Path, rel: str, lines: int = 200, at: dict[int, str] | None = None) -> None:
    """Create a source file with numbered filler lines and some chosen lines."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    chosen = at or {}
    path.write_text("".join(f"{chosen.get(i, f'// line {i}')}\n" for i in range(1, lines + 1)))


def table(shared: Path, name: str) -> TopTable:
    return parse_top_text(
        (shared / "profiles" / name).read_text(), lines="-lines" in name or "cum-lines" in name
    )


def by_function(matches: Sequence[SourceMatch], function: str) -> SourceMatch:
    return next(m for m in matches if m.function == function)


def make_row(function: str, file: str | None = None, line: int | None = None) -> TopRow:
    return TopRow(
        rank=1,
        name=function,
        function=function,
        file=file,
        line=line,
        flat=0,
        flat_pct=0,
        sum_pct=0,
        cum=1,
        cum_pct=1,
    )


# Go -------------------------------------------------------------------------------------------


def test_go_trimpath_names_map_through_nested_go_mod_files(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module github.com/acme/search\n\ngo 1.19\n")
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "go.mod").write_text("module github.com/acme/search/tools\n")
    write(tmp_path, "internal/query/build.go", 30, {22: '\tq := ""'})
    write(tmp_path, "tools/gen/gen.go", 30)
    rows = [
        make_row(
            "github.com/acme/search/internal/query.Render",
            "github.com/acme/search/internal/query/build.go",
            22,
        ),
        make_row(
            "github.com/acme/search/tools/gen.Main", "github.com/acme/search/tools/gen/gen.go", 5
        ),
        make_row("runtime.mallocgc", "runtime/malloc.go", 1000),
        make_row("strings.(*Builder).WriteString", "strings/builder.go", 123),
        make_row(
            "github.com/gorilla/mux.(*Router).ServeHTTP",
            "github.com/gorilla/mux@v1.8.0/mux.go",
            210,
        ),
        make_row("github.com/other/lib.Do", "github.com/other/lib/do.go", 3),
        make_row(
            "github.com/acme/search/internal/gone.F", "github.com/acme/search/internal/gone/f.go", 3
        ),
    ]
    matches = resolve_rows(rows, tmp_path, window=2)
    render = matches[0]
    assert (render.kind, render.language, render.repo_path) == (
        "in_repo",
        "go",
        "internal/query/build.go",
    )
    assert render.window is not None and render.window.lines[2] == '\tq := ""'
    assert "module github.com/acme/search" in render.note
    assert matches[1].repo_path == "tools/gen/gen.go"
    assert "tools" in matches[1].note
    assert [m.kind for m in matches[2:]] == [
        "runtime",
        "stdlib",
        "third_party",
        "third_party",
        "unknown",
    ]
    assert "not in the checkout" in matches[6].note


def test_go_absolute_build_paths_map_by_the_longest_existing_suffix(tmp_path: Path) -> None:
    write(tmp_path, "internal/render/render.go", 50)
    write(tmp_path, "render.go", 5)  # a decoy with the same base name at the root
    rows = [
        make_row(
            "github.com/acme/catalog/internal/render.(*Renderer).Product",
            "/build/catalog/internal/render/render.go",
            31,
        ),
        make_row("encoding/json.Unmarshal", "/usr/local/go/src/encoding/json/decode.go", 108),
        make_row("encoding/json.Marshal", "/usr/lib/go-1.19/src/encoding/json/encode.go", 160),
        make_row(
            "runtime/pprof.Do",
            "/Users/x/.asdf/installs/golang/1.20.5/go/src/runtime/pprof/runtime.go",
            44,
        ),
        make_row("sync.(*Mutex).Lock", "$GOROOT/src/sync/mutex.go", 81),
        make_row(
            "k8s.io/client-go/rest.Result.Into",
            "/go/pkg/mod/k8s.io/client-go@v0.28.4/rest/request.go",
            1373,
        ),
        make_row(
            "github.com/grafana/loki/pkg/x.F",
            "/src/enterprise-logs/vendor/github.com/grafana/loki/pkg/x/f.go",
            1,
        ),
    ]
    matches = resolve_rows(rows, tmp_path)
    assert matches[0].repo_path == "internal/render/render.go"
    assert "longest existing suffix" in matches[0].note
    assert [m.kind for m in matches[1:5]] == ["stdlib"] * 4
    assert [m.kind for m in matches[5:]] == ["third_party", "third_party"]


def test_go_functions_without_files_are_found_through_their_package(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module github.com/acme/catalog\n")
    write(tmp_path, "internal/render/doc.go", 3)
    write(
        tmp_path,
        "internal/render/render.go",
        40,
        {21: "func (r *Renderer) Product(id, currency string) ([]byte, error) {"},
    )
    rows = [
        make_row("github.com/acme/catalog/internal/render.(*Renderer).Product"),
        make_row("github.com/acme/catalog/internal/render.(*Renderer).Product.func1"),
        make_row("github.com/acme/catalog/internal/render.missing"),
        make_row("github.com/acme/catalog/internal/gone.F"),
        make_row("encoding/json.Unmarshal"),
        make_row("github.com/gorilla/mux.(*Router).ServeHTTP"),
    ]
    matches = resolve_rows(rows, tmp_path, window=1)
    for match in matches[:2]:
        assert (match.kind, match.repo_path, match.line) == (
            "in_repo",
            "internal/render/render.go",
            21,
        )
        assert match.window is not None and "Product" in match.window.lines[1]
    assert [m.kind for m in matches[2:]] == ["unknown", "unknown", "stdlib", "third_party"]


def test_go_gopath_layout_is_not_mistaken_for_the_standard_library(tmp_path: Path) -> None:
    write(tmp_path, "pkg/controller/promquery.go", 200)
    rows = [
        make_row(
            "github.com/grafana/hosted-grafana/pkg/controller.(*PromQuerier).queryProm",
            "/go/src/github.com/grafana/hosted-grafana/pkg/controller/promquery.go",
            180,
        )
    ]
    (match,) = resolve_rows(rows, tmp_path)
    assert (match.kind, match.repo_path) == ("in_repo", "pkg/controller/promquery.go")


# Python, Ruby ---------------------------------------------------------------------------------


def test_python_rideshare_rows_map_under_the_service_root(shared_dir: Path, tmp_path: Path) -> None:
    service = "examples/python/flask"
    write(
        tmp_path,
        f"{service}/lib/utility/utility.py",
        80,
        {18: "def find_nearest_vehicle(n, vehicle):"},
    )
    write(tmp_path, f"{service}/lib/server.py", 80)
    write(tmp_path, "lib/server.py", 80)  # the same path outside the service must lose
    rows = table(shared_dir, "pyroscope_cpu_python_rideshare_flask.pb.gz.top-cum-lines.txt").rows
    matches = resolve_rows(rows, tmp_path, service_root_path=service)
    nearest = by_function(matches, "lib/utility/utility.py:-1 - find_nearest_vehicle")
    assert (nearest.kind, nearest.language) == ("in_repo", "python")
    assert nearest.repo_path == f"{service}/lib/utility/utility.py"
    assert nearest.line is not None and nearest.window is not None
    server = by_function(matches, "lib/server.py:-1 - <module>")
    assert server.repo_path == f"{service}/lib/server.py"
    assert by_function(matches, "socketserver.py:-1 - serve_forever").kind == "stdlib"
    assert by_function(matches, "flask/app.py:-1 - run").kind == "unknown"


def test_python_names_without_lines_carry_the_file(shared_dir: Path, tmp_path: Path) -> None:
    write(tmp_path, "lib/utility/utility.py", 40, {18: "def find_nearest_vehicle(n, vehicle):"})
    rows = table(shared_dir, "pyroscope_cpu_python_rideshare_flask.pb.gz.top.txt").rows
    match = by_function(
        resolve_rows(rows, tmp_path), "lib/utility/utility.py:-1 - find_nearest_vehicle"
    )
    assert match.repo_path == "lib/utility/utility.py"
    # No line in the name (-1): the definition is searched for instead.
    assert match.line == 18 and match.window is not None
    assert "definition" in match.note


def test_python_absolute_paths_and_site_packages(tmp_path: Path) -> None:
    write(tmp_path, "app/main.py", 20)
    rows = [
        make_row("handler", "/usr/src/app/app/main.py", 4),
        make_row("loads", "/usr/lib/python3.11/json/__init__.py", 346),
        make_row("get", "/venv/lib/python3.11/site-packages/requests/api.py", 73),
        make_row("x", "/usr/lib/python3/dist-packages/yaml/x.py", 1),
    ]
    kinds = [(m.kind, m.repo_path) for m in resolve_rows(rows, tmp_path)]
    assert kinds == [
        ("in_repo", "app/main.py"),
        ("stdlib", None),
        ("third_party", None),
        ("third_party", None),
    ]


def test_ruby_app_files_gems_and_c_functions(shared_dir: Path, tmp_path: Path) -> None:
    write(tmp_path, "app/helpers/application_helper.rb", 60)
    rows = table(shared_dir, "pyroscope_cpu_ruby_rideshare.pb.gz.top-cum-lines.txt").rows
    matches = resolve_rows(rows, tmp_path)
    helper = by_function(
        matches, "app/helpers/application_helper.rb:-1 - block in find_nearest_vehicle"
    )
    assert (helper.kind, helper.language, helper.repo_path, helper.line) == (
        "in_repo",
        "ruby",
        "app/helpers/application_helper.rb",
        38,
    )
    puma = next(m for m in matches if m.function.startswith("gems/puma"))
    assert puma.kind == "third_party"
    c_function = next(m for m in matches if "[c function]" in m.function)
    assert c_function.kind == "stdlib"


# JVM, .NET, Node.js, Rust ---------------------------------------------------------------------


def test_java_classes_are_found_in_the_source_tree(shared_dir: Path, tmp_path: Path) -> None:
    write(tmp_path, "src/main/java/com/example/Something.java", 60)
    rows = table(shared_dir, "pyroscope_cpu_java_asyncprofiler.pb.gz.top-cum-lines.txt").rows
    matches = resolve_rows(rows, tmp_path)
    do_something = by_function(matches, "com/example/Something.doSomething")
    assert (do_something.kind, do_something.language) == ("in_repo", "java")
    assert do_something.repo_path == "src/main/java/com/example/Something.java"
    assert do_something.line == 25 and do_something.window is not None
    assert by_function(matches, "java/lang/Thread.run").kind == "stdlib"
    dotted = resolve_rows([make_row("com.example.Something$Inner.run", None, 3)], tmp_path)
    assert dotted[0].repo_path == "src/main/java/com/example/Something.java"


def test_dotnet_frames_find_the_class_file_and_the_method(shared_dir: Path, tmp_path: Path) -> None:
    write(
        tmp_path,
        "WebApplication1/Controllers/CpuController.cs",
        40,
        {12: "    public string Get()"},
    )
    write(tmp_path, "Other/CpuController.cs", 10)
    rows = table(shared_dir, "pyroscope_multi_dotnet_labels.pb.si-cpu.top-cum-lines.txt").rows
    matches = resolve_rows(rows, tmp_path)
    get = by_function(matches, "WebApplication1.Controllers!CpuController.Get")
    assert (get.kind, get.language) == ("in_repo", "dotnet")
    assert get.repo_path == "WebApplication1/Controllers/CpuController.cs"
    assert get.line == 12
    framework = next(m for m in matches if m.function.startswith("Microsoft.AspNetCore"))
    assert framework.kind == "third_party"


def test_node_names_map_with_and_without_lines(shared_dir: Path, tmp_path: Path) -> None:
    write(tmp_path, "index.ts", 60)
    write(tmp_path, "build/index.js", 60)
    with_lines = resolve_rows(
        table(shared_dir, "pyroscope_wall_nodejs_rideshare.pb.gz.top-cum-lines.txt").rows, tmp_path
    )
    car = by_function(with_lines, "./build/index.js:carSearchHandler:29")
    assert (car.kind, car.language, car.repo_path, car.line) == (
        "in_repo",
        "nodejs",
        "build/index.js",
        29,
    )
    assert by_function(with_lines, ":(idle):0").kind == "runtime"
    assert by_function(with_lines, "node:events:emit:515").kind == "stdlib"
    express = by_function(with_lines, "./node_modules/express/lib/express.js:app:39")
    assert express.kind == "third_party"
    names_only = resolve_rows(
        table(shared_dir, "pyroscope_wall_nodejs_rideshare.pb.gz.top.txt").rows, tmp_path
    )
    ts = by_function(names_only, "./index.ts:carSearchHandler:31")
    assert (ts.kind, ts.repo_path, ts.line) == ("in_repo", "index.ts", 31)


def test_rust_names_find_a_unique_file_by_base_name(shared_dir: Path, tmp_path: Path) -> None:
    write(tmp_path, "src/main.rs", 200)
    rows = table(shared_dir, "pyroscope_cpu_rust_rideshare.pb.gz.top.txt").rows
    matches = resolve_rows(rows, tmp_path)
    order = by_function(matches, "main.rs:127 - server::find_nearest_vehicle")
    assert (order.kind, order.language, order.repo_path, order.line) == (
        "in_repo",
        "rust",
        "src/main.rs",
        127,
    )
    std = [m for m in matches if " - std::" in m.function]
    assert std and all(m.kind == "stdlib" for m in std)


def test_a_resolver_reuses_its_index_and_go_modules(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module example.com/x\n")
    resolver = SourceResolver(tmp_path)
    assert resolver.go_modules() == [("example.com/x", ".")]
    assert resolver.go_modules() is resolver.go_modules()


# The scenarios: real Go builds, real profiles, real pprof --------------------------------------

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


def _go_env(tmp: Path) -> dict[str, str]:
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
            env=_go_env(tmp),
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
    _check_shipped_truth(scenario, shared_dir, tmp_path)


def _check_shipped_truth(scenario: str, shared_dir: Path, tmp_path: Path) -> None:
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
        candidates = [folder / "profiles" / name for name in _oracle_names(profile)]
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


def _oracle_names(profile: dict[str, object]) -> list[str]:
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
