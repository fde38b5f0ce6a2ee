"""Random profiles read by the native reader and by a live `go tool pprof` print the same.

The stored oracles cover the cases someone thought of; these generated profiles mix
recursion, inlining, lineless and nameless frames, unclean paths, C++-looking and mangled
names, zero and negative values, empty stacks, several mappings and drop_frames, and each is
checked against pprof itself (default, ``-lines -cum``, a sample index and a node count).
"""

from __future__ import annotations

import gzip
import os
import random
import subprocess
from pathlib import Path

import numpy as np
import pytest

from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.decode import decode_profile_with_columns
from profile_insights.agent.profiles.frames import prepare
from profile_insights.agent.profiles.top import format_top_table, top_table

NAMES = [
    "main.main", "main.handle", "main.parse", "runtime.mallocgc", "sync.(*Mutex).Lock",
    "std::vector<int>::push_back(int)", "ns::Widget::draw(Canvas&) const", "_Z3fooi",
    "_ZN2ns6Widget4drawER6Canvas", "", "<module>", "app.py:<lambda>", "Foo.<init>",
    "github.com/acme/x.(*Set[...]).Add", "operator new(unsigned long)", "malloc",
]  # fmt: skip
FILES = ["/src/main.go", "/proc/self/cwd/./pkg/a.go", "/src//lib/../lib/b.go", "", "c.py"]


def _random_profile(seed: int) -> bytes:
    rng = random.Random(seed)
    strings: list[str] = [""]

    def s(text: str) -> int:
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    p = profile_pb2.Profile()
    p.sample_type.add(type=s("samples"), unit=s("count"))
    p.sample_type.add(type=s("cpu"), unit=s("nanoseconds"))
    for mapping_id in range(1, rng.randint(0, 3) + 1):
        # Mappings with the same file and size are one mapping to pprof's merge.
        start = rng.choice([0, 0x400000, 0x7F0000])
        p.mapping.add(
            id=mapping_id,
            filename=s(rng.choice(["/bin/server", "", "libc.so.6"])),
            memory_start=start,
            memory_limit=start + 0x10000,
        )
    functions = rng.randint(3, 40)
    for function_id in range(1, functions + 1):
        name = rng.choice(NAMES)
        p.function.add(
            id=function_id,
            name=s(name),
            system_name=s(name if rng.random() < 0.8 else rng.choice(NAMES)),
            filename=s(rng.choice(FILES)),
            start_line=rng.randint(0, 3),
        )
    locations = rng.randint(3, 80)
    for location_id in range(1, locations + 1):
        # Some locations repeat another's address and lines under a new ID (merged by pprof).
        twin = rng.random() < 0.15 and location_id > 1
        if twin:
            p.location.add().CopyFrom(p.location[rng.randint(0, location_id - 2)])
            p.location[-1].id = location_id
            continue
        location = p.location.add(id=location_id, address=0x1000 + location_id)
        if p.mapping and rng.random() < 0.8:
            location.mapping_id = rng.randint(1, len(p.mapping))
        for _ in range(rng.choice([0, 1, 1, 1, 2, 3])):
            location.line.add(function_id=rng.randint(1, functions), line=rng.randint(0, 40))
    # Small profiles keep every node; large ones drop nodes and edges by the fractions.
    large = rng.random() < 0.4
    for _ in range(rng.randint(300, 1500) if large else rng.randint(0, 60)):
        depth = rng.randint(0, 12 if large else 8)
        hot = rng.randint(1, min(locations, 4))
        stack = [rng.randint(1, locations) if rng.random() < 0.6 else hot for _ in range(depth)]
        count = rng.choice([0, 1, 1, 2, 5, -1, 40] if large else [0, 1, 1, 2, 5, -1])
        sample = p.sample.add(
            location_id=stack, value=[count, count * rng.choice([10_000_000, 1, 7])]
        )
        # Labels keep otherwise identical samples apart in pprof's merge.
        for _ in range(rng.choice([0, 0, 1, 2])):
            sample.label.add(key=s("span"), str=s(rng.choice(["a", "b"])))
        if rng.random() < 0.05:
            sample.label.add(key=s("ignored"))
        if rng.random() < 0.1:
            sample.label.add(key=s("bytes"), num=rng.choice([8, 16]))
    if rng.random() < 0.3:
        p.drop_frames = s(rng.choice(["malloc|operator new.*", "runtime\\..*", "main.parse"]))
        if rng.random() < 0.3:
            p.keep_frames = s("malloc")
    if rng.random() < 0.3:
        p.default_sample_type = s("samples")
    p.time_nanos = 1_767_225_600_000_000_000 + rng.randint(0, 10**12)
    p.duration_nanos = rng.choice([0, 10_000_000_000])
    p.string_table.extend(strings)
    return gzip.compress(p.SerializeToString())


VARIANTS = [
    ("top", ["-top"], {}),
    ("lines-cum", ["-lines", "-top", "-cum"], {"lines": True, "cum": True}),
    ("samples", ["-sample_index=samples", "-top"], {"sample_index": "samples"}),
    ("nodecount", ["-lines", "-top", "-nodecount=4"], {"lines": True, "nodecount": 4}),
]


@pytest.mark.integration
@pytest.mark.parametrize("seed", range(150))
def test_random_profiles_print_like_live_pprof(seed: int, go_binary: str, tmp_path: Path) -> None:
    path = tmp_path / f"random{seed}.pb.gz"
    path.write_bytes(_random_profile(seed))
    env = {"HOME": str(tmp_path), "PATH": os.environ["PATH"], "TZ": "UTC",
           "PPROF_BINARY_PATH": str(tmp_path)}  # fmt: skip
    profile, columns = decode_profile_with_columns(path.read_bytes(), name=path.name)
    prepared = prepare(profile, columns)
    for label, flags, options in VARIANTS:
        done = subprocess.run(
            [go_binary, "tool", "pprof", *flags, str(path)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        table = top_table(profile, prepared=prepared, **options)  # type: ignore[arg-type]
        assert format_top_table(table).splitlines() == done.stdout.splitlines(), label
    raw = subprocess.run(
        [go_binary, "tool", "pprof", "-raw", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    ).stdout
    samples = raw.split("Samples:\n", 1)[1].split("Locations", 1)[0].splitlines()[1:]
    # Sample lines hold "values: locations"; label lines below them do not. -raw leaves out
    # samples without locations, which stay in the profile (and its total).
    printed = sum(1 for line in samples if ": " in line)
    group = prepared.merge_group
    stackless = (np.diff(prepared.stack_offsets) == 0) & (group >= 0)
    sums: dict[int, np.ndarray] = {}
    for index in np.flatnonzero(stackless):
        sums[int(group[index])] = sums.get(int(group[index]), 0) + prepared.values[index]
    hidden = sum(1 for total in sums.values() if np.any(total))
    assert prepared.merged_sample_count == printed + hidden
