"""The profiler's own frames never own samples, and never stand for the cost under an owner.

Real profiles with the owner rule the graph uses (a frame of the checkout, as the resolver
decides) and the knowledge base's labels (``knowledge.cost_label``).
"""

from __future__ import annotations

from pathlib import Path

from profile_insights.agent.analysis.knowledge import cost_label
from profile_insights.agent.code.resolve import SourceResolver
from profile_insights.agent.profiles.decoded import decoded_file
from profile_insights.agent.profiles.frames import NodeInfo
from profile_insights.agent.profiles.ownership import Ownership, ownership
from tests.code.frame_rows import RUST_MAIN
from tests.code.resolve_helpers import write


def _owned(profile: Path, repo: Path, sample_index: str | None = None) -> Ownership:
    resolver = SourceResolver(repo)

    def is_owner(info: NodeInfo) -> bool:
        return resolver.repo_path_of(info[0], info[1] or None) is not None

    def label(info: NodeInfo) -> str | None:
        return cost_label(info[0], info[1] or None)

    prepared = decoded_file(profile).prepared
    return ownership(prepared, is_owner=is_owner, label=label, sample_index=sample_index)


def test_the_node_sdks_upload_is_owned_by_nobody(shared_dir: Path, tmp_path: Path) -> None:
    # The express example's own index.js, and the SDK's dist/cjs/index.js of the same name.
    write(tmp_path, "index.js", 300)
    owned = _owned(shared_dir / "profiles/pyroscope_heap_nodejs_express.pb.gz", tmp_path)
    owners = {(line.function, line.line) for line in owned.lines}
    assert owners and all(function.startswith("./index.js:") for function, _ in owners)
    # uploadProfile's 6.27% (protobufjs encoding the profile) stays unowned.
    assert owned.unowned_pct >= 6.27


def test_pprof_rs_unwinding_is_not_the_cost_under_the_rust_code(
    shared_dir: Path, tmp_path: Path
) -> None:
    write(tmp_path, "src/main.rs", 200, RUST_MAIN)
    owned = _owned(shared_dir / "profiles/pyroscope_cpu_rust_rideshare.pb.gz", tmp_path)
    nearest = next(
        line
        for line in owned.lines
        if line.function == "main.rs:127 - server::find_nearest_vehicle"
    )
    assert nearest.own_pct > 14
    # Below it: the clock reads it makes, not the unwinder every pprof-rs sample ends in.
    assert "rust-clock" in nearest.cause_pct
    assert "rust-profiler-unwind" not in {*nearest.cause_pct, *nearest.leaf_pct}
    assert "rust-profiler-unwind" not in owned.unowned_leaf_pct
    assert all(line.function.startswith("main.rs:") for line in owned.lines)


def test_go_sdk_goroutines_and_the_profile_writer_own_nothing(
    shared_dir: Path, tmp_path: Path
) -> None:
    # The checkout is the SDK's example: its main package and the client next to it.
    (tmp_path / "go.mod").write_text("module github.com/pyroscope-io/client\n")
    write(tmp_path, "example/main.go", 100)
    write(tmp_path, "upstream/remote/remote.go", 300)
    write(tmp_path, "pyroscope/session.go", 300)
    owned = _owned(shared_dir / "profiles/pyroscope_mutex_go.pb.gz", tmp_path, "delay")
    shares = {line.function: round(line.own_pct, 2) for line in owned.lines}
    assert shares == {"main.main.func1": 25.87, "main.fastFunction": 20.68}
    # The SDK's upload goroutine (handleJobs, takeSnapshots waiting in select) is unowned.
    assert round(owned.unowned_pct, 2) == 53.45
