"""Seeded mutations of real inputs: pprof bytes, recording.json documents, Connect answers.

Every mutation is a pure function of ``(seed, index)``: a failure names both, and
``HOSTILE_FUZZ_SEED=S`` with the same budget replays it exactly. The budget (mutations per
fuzzer) is ``HOSTILE_FUZZ`` times each fuzzer's weight: the default fits ``make test``;
``make fuzz`` runs a much larger one.
"""

from __future__ import annotations

import gzip
import json
import os
import random
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from tests.conftest import SHARED
from tests.hostile import files

#: Mutations per unit of weight; ``make fuzz`` raises it.
BUDGET = int(os.environ.get("HOSTILE_FUZZ", "1000"))
SEED = int(os.environ.get("HOSTILE_FUZZ_SEED", "20261201"))
#: Reference profiles small enough to decode in milliseconds (the large ones add time only).
_SMALL = 100_000


def rng(kind: str, index: int) -> random.Random:
    """Return the random source of mutation ``index`` of ``kind`` (reproducible)."""
    return random.Random(f"{SEED}:{kind}:{index}")


@cache
def seed_profiles() -> tuple[tuple[str, bytes], ...]:
    """Return (name, decompressed bytes) of the real profiles mutations start from."""
    found: list[tuple[str, bytes]] = [("demo", gzip.decompress(files.DEMO_PROFILE.read_bytes()))]
    for path in sorted((SHARED / "profiles").glob("*.pb*")):
        if path.suffix not in (".gz", ".pb") or path.stat().st_size > _SMALL:
            continue
        data = path.read_bytes()
        found.append((path.name, gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data))
    return tuple(found)


def _flip_bits(r: random.Random, data: bytearray) -> None:
    for _ in range(r.randint(1, 8)):
        data[r.randrange(len(data))] ^= 1 << r.randrange(8)


def _overwrite(r: random.Random, data: bytearray) -> None:
    at = r.randrange(len(data))
    value = r.choice([0x00, 0x01, 0x7F, 0x80, 0xFF, r.randrange(256)])
    for offset in range(r.randint(1, 6)):
        if at + offset < len(data):
            data[at + offset] = value


def _insert(r: random.Random, data: bytearray) -> None:
    at = r.randrange(len(data) + 1)
    data[at:at] = bytes(r.randrange(256) for _ in range(r.randint(1, 16)))


def _delete(r: random.Random, data: bytearray) -> None:
    at = r.randrange(len(data))
    del data[at : at + r.randint(1, 64)]


def _truncate(r: random.Random, data: bytearray) -> None:
    del data[r.randrange(len(data)) :]


def _duplicate(r: random.Random, data: bytearray) -> None:
    at = r.randrange(len(data))
    span = data[at : at + r.randint(1, 256)]
    where = r.randrange(len(data) + 1)
    data[where:where] = span


def _big_varint(r: random.Random, data: bytearray) -> None:
    # A length or an index made huge: 10-byte varints, 2**63, 2**32.
    at = r.randrange(len(data))
    data[at:at] = r.choice(
        [b"\xff" * 9 + b"\x01", b"\x80\x80\x80\x80\x10", b"\xff\xff\xff\xff\x0f"]
    )


_BYTE_MUTATIONS: list[Callable[[random.Random, bytearray], None]] = [
    _flip_bits,
    _overwrite,
    _insert,
    _delete,
    _truncate,
    _duplicate,
    _big_varint,
]


def mutate_bytes(r: random.Random, data: bytes, rounds: int = 3) -> bytes:
    """Return ``data`` after 1 to ``rounds`` random byte-level mutations."""
    out = bytearray(data)
    for _ in range(r.randint(1, rounds)):
        if not out:
            break
        r.choice(_BYTE_MUTATIONS)(r, out)
    return bytes(out)


def mutated_profile(index: int, *, demo_only: bool = False) -> tuple[str, bytes]:
    """Return (what was done, bytes) of pprof mutation ``index`` (of the demo profile only)."""
    r = rng("demo" if demo_only else "pprof", index)
    profiles = seed_profiles()
    name, raw = profiles[0] if demo_only else r.choice(profiles)
    how = r.choice(["raw", "raw", "gzip", "gzip-stream"])
    if how == "gzip-stream":
        # Corrupt the compressed stream itself (CRC, lengths, deflate blocks).
        return f"{name}: gzip stream mutated", mutate_bytes(r, gzip.compress(raw, mtime=0))
    mutated = mutate_bytes(r, raw)
    data = gzip.compress(mutated, mtime=0) if how == "gzip" else mutated
    return f"{name}: {how} protobuf mutated", data


def _hostile_value(r: random.Random) -> Any:
    return r.choice(
        [
            None,
            0,
            -1,
            2**70,
            1.5e308,
            True,
            "",
            "x" * 5000,
            "../../../../outside/pricing.go",
            "/nonexistent/outside/pricing.go",
            "profiles/\u0000.pb.gz",
            "2026-13-45T99:99:99Z",
            "2026-11-25T11:05:00",
            [],
            [1, "a", None],
            {},
            {"a": {"b": {"c": []}}},
            '{service_name=~".*"}',
        ]
    )


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for position, item in enumerate(value):
            found += _paths(item, (*prefix, position))
    return found


def _set(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return document


def mutated_recording(index: int, base: dict[str, Any]) -> tuple[str, str]:
    """Return (what was done, recording.json text) of recording mutation ``index``."""
    r = rng("recording", index)
    document = json.loads(json.dumps(base))
    if r.random() < 0.25:
        text = json.dumps(document)
        return "text mutated", mutate_bytes(r, text.encode()).decode("utf-8", "replace")
    done = []
    for _ in range(r.randint(1, 3)):
        path = r.choice(_paths(document))
        action = r.choice(["replace", "delete", "duplicate", "deepen"])
        if action == "delete" and path:
            parent = document
            for key in path[:-1]:
                parent = parent[key]
            del parent[path[-1]]
        elif action == "duplicate" and path and isinstance(path[-1], int):
            parent = document
            for key in path[:-1]:
                parent = parent[key]
            parent.append(json.loads(json.dumps(parent[path[-1]])))
        elif action == "deepen":
            document = _set(document, path, json.loads("[" * 200 + "]" * 200))
        else:
            document = _set(document, path, _hostile_value(r))
        done.append(f"{action} {'/'.join(map(str, path))}")
        if not isinstance(document, dict):
            break
    return "; ".join(done), json.dumps(document, allow_nan=True)


def demo_recording_document() -> dict[str, Any]:
    """Return the bundled recording's recording.json, parsed."""
    loaded: dict[str, Any] = json.loads((files.DEMO_RECORDING / "recording.json").read_text())
    return loaded


def recording_dir(root: Path, text: str) -> Path:
    """Write a recording directory holding the demo profile and ``text`` as recording.json."""
    files.write(root / "profiles/checkout-cpu-0.pb.gz", files.DEMO_PROFILE.read_bytes())
    files.write(root / "recording.json", text)
    return root
