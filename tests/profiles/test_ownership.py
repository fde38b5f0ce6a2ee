"""Each sample is owned by the innermost frame of the checkout, with the library work below it."""

from __future__ import annotations

from profile_insights.agent.profiles.frames import NodeInfo, prepare
from profile_insights.agent.profiles.ownership import Ownership, ownership
from tests.profiles.stack_profiles import stack_profile

MAIN = ("main.main", "cmd/app/main.go", 10)
HANDLE = ("app/api.Handle", "internal/api/api.go", 20)
LOOKUP = ("app/api.lookup", "internal/api/api.go", 41)
COMPILE = ("regexp.MustCompile", "regexp/regexp.go", 317)
MALLOC = ("runtime.mallocgc", "runtime/malloc.go", 900)
GC = ("runtime.gcBgMarkWorker", "runtime/mgc.go", 1400)
LABELS = {"regexp.MustCompile": "go-regexp-compile", "runtime.mallocgc": "go-mallocgc"}
LABELS["runtime.gcBgMarkWorker"] = "go-gc-worker"


def _ownership(stacks: list[tuple[list[tuple[str, str, int]], int]]) -> Ownership:
    def is_owner(info: NodeInfo) -> bool:
        return info[1].startswith(("internal/", "cmd/"))

    def label(info: NodeInfo) -> str | None:
        return LABELS.get(info[0])

    return ownership(prepare(stack_profile(stacks)), is_owner=is_owner, label=label)


def test_the_innermost_checkout_frame_owns_the_sample_not_its_callers() -> None:
    owned = _ownership(
        [
            ([COMPILE, LOOKUP, HANDLE, MAIN], 60),
            ([HANDLE, MAIN], 30),
            ([MAIN], 10),
        ]
    )
    shares = {(line.function, line.line): line.own_pct for line in owned.lines}
    assert shares == {
        ("app/api.lookup", 41): 60.0,
        ("app/api.Handle", 20): 30.0,
        ("main.main", 10): 10.0,
    }
    assert owned.unowned_pct == 0.0
    # Heaviest owner first; a line is found by function, file and line.
    assert owned.lines[0].function == "app/api.lookup"
    assert owned.of(*LOOKUP) is owned.lines[0]
    assert owned.of("app/api.lookup", "internal/api/api.go", 99) is None


def test_the_cause_is_the_labelled_call_nearest_the_owner_and_the_leaf_the_deepest() -> None:
    owned = _ownership(
        [
            ([MALLOC, COMPILE, LOOKUP, HANDLE], 40),
            ([COMPILE, LOOKUP, HANDLE], 40),
            ([LOOKUP, HANDLE], 20),
        ]
    )
    lookup = owned.of(*LOOKUP)
    assert lookup is not None and lookup.own_pct == 100.0
    # The code called MustCompile; where the CPU was is the allocator for part of it.
    assert lookup.cause_pct == {"go-regexp-compile": 80.0}
    assert lookup.leaf_pct == {"go-mallocgc": 40.0, "go-regexp-compile": 40.0}


def test_samples_without_checkout_code_count_by_their_leaf_label() -> None:
    owned = _ownership([([LOOKUP, HANDLE], 75), ([MALLOC, GC], 25)])
    assert owned.unowned_pct == 25.0
    assert owned.unowned_leaf_pct == {"go-mallocgc": 25.0}


def test_a_deep_light_line_of_the_checkout_is_still_an_owner() -> None:
    # Far below pprof's first rows, the checkout line still owns what runs under it.
    filler = [([(f"lib.f{i}", "lib/f.go", i), MAIN], 10) for i in range(1, 10)]
    owned = _ownership([*filler, ([COMPILE, LOOKUP, HANDLE, MAIN], 1)])
    lookup = owned.of(*LOOKUP)
    assert lookup is not None and round(lookup.own_pct, 2) == round(100 / 91, 2)
