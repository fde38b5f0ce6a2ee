"""The icicle flame graph: tree shape from real profiles, bounded size, the data the page draws."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from profile_insights.agent.code.models import SourceMatch
from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.report.flame_data import (
    CITED,
    IN_REPO,
    FlameGraphData,
    flame_graph_data,
    script_json,
)
from profile_insights.agent.report.flamegraph import (
    OTHER,
    FlameNode,
    Frame,
    build_flame_tree,
    count_nodes,
    hot_function_ranks,
    in_repo_predicate,
)
from tests.code.frame_rows import NODE_SDK

_PLAIN: dict[str, Any] = {"sample_type": "cpu", "format_value": str}


def rows(data: FlameGraphData) -> list[dict[str, object]]:
    """Return the payload's frames as dicts, strings resolved, keyed by the column names."""
    text_columns = {"name", "file", "cum_text", "flat_text", "label"}
    return [
        {
            column: data.strings[int(value)] if column in text_columns else value
            for column, value in zip(data.columns, node, strict=True)
        }
        for node in data.nodes
    ]


def load(path: Path) -> profile_pb2.Profile:
    return decode_profile(path.read_bytes(), name=path.name)


def oracle_total(path: Path, sample_index: int) -> float:
    oracle = json.loads(Path(f"{path}.oracle.json").read_text())
    return float(oracle["profile"]["sum_abs_values"][sample_index])


def child(node: FlameNode, name: str) -> FlameNode:
    found = [c for c in node.children if c.name == name]
    assert found, f"{name} not under {node.name}: {[c.name for c in node.children]}"
    return found[0]


def walk(node: FlameNode) -> list[FlameNode]:
    nodes = [node]
    for c in node.children:
        nodes.extend(walk(c))
    return nodes


def test_inlined_callees_become_their_own_frames(shared_dir: Path) -> None:
    path = shared_dir / "pprof-conformance/inline_frames.pb.gz"
    root = build_flame_tree(load(path), 1)
    assert root.cum == oracle_total(path, 1) == 750_000_000
    main = child(root, "main.main")
    helper = child(child(main, "main.caller"), "main.helper")
    assert (helper.cum, helper.flat, helper.file, helper.line) == (
        400_000_000,
        400_000_000,
        "/src/util.go",
        5,
    )
    # strings.IndexByte is inlined into main.scan (one location, two lines).
    assert child(child(main, "main.scan"), "strings.IndexByte").flat == 250_000_000


def test_recursion_nests_frames_and_counts_cum_once_per_sample(shared_dir: Path) -> None:
    root = build_flame_tree(load(shared_dir / "pprof-conformance/recursion.pb.gz"), 1)
    walk_outer = child(child(root, "main.main"), "main.walk")
    assert walk_outer.cum == 200_000_000
    assert child(walk_outer, "main.walk").cum == 180_000_000


@pytest.mark.parametrize(
    "name",
    [
        "profiles/pyroscope_cpu_go_labels.pb.gz",
        "profiles/pyroscope_heap_go_4types.pb.gz",
        "profiles/pyroscope_cpu_java_asyncprofiler.pb.gz",
        "pprof-conformance/negative_values.pb.gz",
        "pprof-conformance/zero_and_empty_samples.pb.gz",
        "pprof-conformance/unsymbolized.pb.gz",
    ],
)
def test_children_never_outgrow_their_parent_and_root_is_the_total(
    shared_dir: Path, name: str
) -> None:
    path = shared_dir / name
    index = len(load(path).sample_type) - 1
    root = build_flame_tree(load(path), index)
    assert root.cum == pytest.approx(oracle_total(path, index))
    for node in walk(root):
        assert sum(c.cum for c in node.children) + node.flat <= node.cum * (1 + 1e-9)
        assert node.flat <= node.cum * (1 + 1e-9)


def test_large_profile_stays_bounded_and_merges_thin_frames(shared_dir: Path) -> None:
    path = shared_dir / "bench/synthetic_go_cpu_large.pb.gz"
    profile = load(path)
    root = build_flame_tree(profile, 1, max_nodes=800)
    data = flame_graph_data(root, sample_type="cpu", format_value=lambda v: f"{v / 1e9:.2f}s")
    assert count_nodes(root) <= 800
    assert root.cum == oracle_total(path, 1)
    others = [n for n in walk(root) if n.name == OTHER]
    assert others and all(n.merged > 0 and not n.children for n in others)
    assert len(data.nodes) == count_nodes(root)
    # The page stays small: distinct strings once, a short array per frame.
    assert len(script_json(data)) < 150 * count_nodes(root)


def test_frames_carry_pprof_rewritten_names_and_value_texts(shared_dir: Path) -> None:
    path = shared_dir / "pprof-conformance/cxx_and_script_names.pb.gz"
    root = build_flame_tree(load(path), 1)
    frames = rows(
        flame_graph_data(root, sample_type="cpu", format_value=lambda v: f"{v / 1e6:g}ms")
    )
    names = {frame["name"] for frame in frames} - {"total"}
    # The same names as the rows of `go tool pprof -top` (demangled, templates removed).
    lines = Path(f"{path}.top.txt").read_text().splitlines()
    header = next(i for i, line in enumerate(lines) if line.strip().startswith("flat"))
    top_rows = {line.split(None, 5)[5] for line in lines[header + 1 :] if line.strip()}
    assert names == top_rows
    assert any(
        "operator new" in str(f["name"]) and f["flat_text"] == "90ms" and f["cum_text"] == "90ms"
        for f in frames
    )


def test_frames_are_labelled_by_their_readable_names(shared_dir: Path) -> None:
    # A Node.js service recorded with the real @pyroscope/nodejs, and pprof-rs's Rust names.
    node = rows(flame_graph_data(build_flame_tree(load(NODE_SDK / "cpu.pb.gz"), 0), **_PLAIN))
    labels = {frame["name"]: frame["label"] for frame in node}
    assert labels["./src/password.js:derive:4"] == "derive"
    assert labels[":run:0"] == "run"
    assert labels["total"] == "total"
    rust = shared_dir / "profiles/pyroscope_cpu_rust_rideshare.pb.gz"
    frames = rows(flame_graph_data(build_flame_tree(load(rust), 0), **_PLAIN))
    nearest = next(f for f in frames if f["name"] == "main.rs:127 - server::find_nearest_vehicle")
    assert nearest["label"] == "server::find_nearest_vehicle"


def test_frames_are_in_pre_order_with_their_parent_before_them(shared_dir: Path) -> None:
    root = build_flame_tree(load(shared_dir / "pprof-conformance/inline_frames.pb.gz"), 1)
    frames = rows(flame_graph_data(root, sample_type="cpu", format_value=str))
    assert frames[0]["parent"] == -1 and frames[0]["name"] == "total"
    for index, frame in enumerate(frames[1:], start=1):
        parent = int(str(frame["parent"]))
        assert 0 <= parent < index
        children = [f for f in frames if f["parent"] == parent]
        assert sum(float(str(c["cum"])) for c in children) <= float(str(frames[parent]["cum"]))


def tiny_profile(function_name: str) -> profile_pb2.Profile:
    profile = profile_pb2.Profile()
    profile.string_table.extend(["", "cpu", "nanoseconds", function_name, "a&b.go"])
    profile.sample_type.add(type=1, unit=2)
    profile.function.add(id=1, name=3, system_name=3, filename=4)
    profile.location.add(id=1).line.add(function_id=1, line=7)
    profile.sample.add(location_id=[1], value=[10])
    return profile


def test_script_json_keeps_names_whole_and_out_of_the_html_parser() -> None:
    name = 'main.(*T[go.shape.int]).Do<"x">&y</script><!--\u2028'
    data = flame_graph_data(
        build_flame_tree(tiny_profile(name), 0), sample_type="cpu", format_value=str
    )
    text = script_json(data)
    # Nothing the HTML tokenizer reacts to inside a script element survives.
    assert not {"<", ">", "&", "\u2028"} & set(text)
    frame = rows(FlameGraphData.model_validate(json.loads(text)))[1]
    assert (frame["name"], frame["file"], frame["line"]) == (name, "a&b.go", 7)


def test_in_repo_frames_and_hot_rows_are_marked(shared_dir: Path) -> None:
    path = shared_dir / "pprof-conformance/inline_frames.pb.gz"
    root = build_flame_tree(load(path), 1)
    matches = [
        SourceMatch(
            function="main.caller",
            profile_file="/src/main.go",
            line=30,
            kind="in_repo",
            language="go",
            repo_path="main.go",
        ),
        SourceMatch(
            function="strings.IndexByte",
            profile_file="strings/strings.go",
            line=120,
            kind="stdlib",
            language="go",
        ),
    ]
    predicate = in_repo_predicate(matches)
    assert predicate(Frame("main.other", "/src/main.go", 50)), "same file as an in-repo match"
    assert not predicate(Frame("strings.IndexByte", "strings/strings.go", 120))
    data = flame_graph_data(
        root,
        sample_type="cpu",
        format_value=str,
        is_in_repo=predicate,
        hot_functions=hot_function_ranks([(1, "main.helper"), (2, "strings.IndexByte")]),
        cited=[("Helper is hot", ["main.helper"]), ("Scan too", ["main.scan", "main.helper"])],
    )
    frames = {str(frame["name"]): frame for frame in rows(data)}
    assert int(str(frames["main.caller"]["flags"])) & IN_REPO
    assert not int(str(frames["strings.IndexByte"]["flags"])) & IN_REPO
    assert frames["main.helper"]["rank"] == 1 and frames["strings.IndexByte"]["rank"] == 2
    # A frame names the first finding that cites it; the page shows that finding's title.
    assert int(str(frames["main.helper"]["flags"])) & CITED
    assert frames["main.helper"]["finding"] == 1 and frames["main.scan"]["finding"] == 2
    assert frames["main.caller"]["finding"] == 0
    assert data.findings == ["Helper is hot", "Scan too"]
    assert frames["total"]["flags"] == 0 and frames["total"]["rank"] == 0


def test_empty_profile_draws_only_the_root(shared_dir: Path) -> None:
    root = build_flame_tree(load(shared_dir / "pprof-conformance/empty_cpu.pb.gz"), 1)
    assert root.cum == 0 and root.children == []
    data = flame_graph_data(root, sample_type="cpu", format_value=str)
    assert len(data.nodes) == 1 and data.total == 0


def test_sample_index_out_of_range_is_refused(shared_dir: Path) -> None:
    with pytest.raises(ValueError, match="outside"):
        build_flame_tree(load(shared_dir / "pprof-conformance/basic_cpu.pb.gz"), 7)
