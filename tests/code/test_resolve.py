"""Classifying rows and finding their files in a checkout, for each language's real names."""

from __future__ import annotations

from pathlib import Path

from profile_insights.agent.code.resolve import SourceResolver, resolve_rows
from tests.code.resolve_helpers import make_row, write

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
            "net/http.(*conn).serve",
            "/Users/x/.asdf/installs/golang/1.20.5/go/src/net/http/server.go",
            2009,
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
    assert [m.module for m in matches[5:]] == [
        "k8s.io/client-go@v0.28.4",
        "github.com/grafana/loki",  # vendored: the repository's path, no version
    ]


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


# JVM, .NET, Node.js, Rust ---------------------------------------------------------------------


def test_a_resolver_reuses_its_index_and_go_modules(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module example.com/x\n")
    resolver = SourceResolver(tmp_path)
    assert resolver.go_modules() == [("example.com/x", ".")]
    assert resolver.go_modules() is resolver.go_modules()


# The scenarios: real Go builds, real profiles, real pprof --------------------------------------
