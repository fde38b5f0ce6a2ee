"""Rows of every language's profiles map to the checkout's files, or to what they are."""

from __future__ import annotations

from pathlib import Path

from profile_insights.agent.code.resolve import resolve_rows
from tests.code.frame_rows import RUST_MAIN
from tests.code.resolve_helpers import by_function, make_row, table, write


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
    write(tmp_path, "src/main.rs", 200, RUST_MAIN)
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


def test_a_method_without_lines_is_found_at_its_declaration_not_at_a_call(
    shared_dir: Path, tmp_path: Path
) -> None:
    write(
        tmp_path,
        "WebApplication1/Controllers/CpuController.cs",
        40,
        {
            12: "    public string Get() { return fib(35).ToString(); }",
            13: "        // fib(n) is slow on purpose",
            14: "    private static string fib(long n)",
        },
    )
    rows = table(shared_dir, "pyroscope_multi_dotnet_labels.pb.si-cpu.top-cum-lines.txt").rows
    matches = resolve_rows(rows, tmp_path)
    fib = by_function(matches, "WebApplication1.Controllers!CpuController.fib")
    assert (fib.repo_path, fib.line, fib.name) == (
        "WebApplication1/Controllers/CpuController.cs",
        14,
        "WebApplication1.Controllers!CpuController.fib",
    )
    assert by_function(matches, "WebApplication1.Controllers!CpuController.Get").line == 12
