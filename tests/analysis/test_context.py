"""A hot line no recogniser explains is still described by its loops and calls."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from profile_insights.agent.analysis.constructs import HotCode
from profile_insights.agent.analysis.context import Context, element_noun, hot_context
from profile_insights.agent.code.facts import Loop
from profile_insights.agent.code.structure import function_facts


def context_at(
    tmp_path: Path, file: str, source: str, lines: tuple[int, ...], family: str = "cpu"
) -> Context | None:
    """Return the context of ``lines`` of ``source`` as the profile's hot lines."""
    (tmp_path / file).write_text(source)
    facts = function_facts(tmp_path, file, lines[0])
    assert facts is not None, "the function was not parsed"
    header_only = set(lines) <= {facts.start_line}
    weights = {line: 90.0 - i for i, line in enumerate(lines)}
    return hot_context(HotCode(facts, lines, family, header_only, weights=weights))


NESTED = (
    "def totals(orders, rates):\n"
    "    out = {}\n"
    "    for order in orders:\n"
    "        for rate in rates:\n"
    "            out[order.id] = convert(order.amount, rate)\n"
    "    return out\n"
)


def test_a_line_in_one_loop_is_work_repeated_per_element_on_every_call(tmp_path: Path) -> None:
    source = "def names(users):\n    return [canonical(u.name) for u in users]\n"
    context = context_at(tmp_path, "names.py", source, (2,))
    assert context is not None
    assert "`canonical`" in context.sentence
    # The element is named by the collection when its variable is no word (u of users).
    assert "once per user (every element of the comprehension over `users`" in context.sentence
    assert "on every call of `names`" in context.sentence
    assert context.fix is not None and "out of the loop" in context.fix


def test_nested_loops_are_named_as_work_per_pair_with_an_index_as_the_fix(tmp_path: Path) -> None:
    context = context_at(tmp_path, "totals.py", NESTED, (5,))
    assert context is not None
    assert "`convert`" in context.sentence
    assert "once per rate (every element of the loop over `rates`" in context.sentence
    assert "once per pair of elements" in context.sentence
    assert "over `rates` (line 4)" in context.sentence
    assert "over `orders` (line 3)" in context.sentence
    assert context.fix is not None and context.fix.startswith("The nested loops")


def test_a_wait_in_a_loop_calls_for_batched_or_concurrent_calls(tmp_path: Path) -> None:
    source = (
        "func (c *Client) FetchAll(ids []string) {\n"
        "\tfor _, id := range ids {\n"
        "\t\tc.fetch(id)\n"
        "\t}\n"
        "}\n"
    )
    context = context_at(tmp_path, "fetch.go", source, (3,), family="wall")
    assert context is not None and context.fix is not None
    assert "concurrent" in context.fix and "batched" in context.fix


def test_an_in_use_heap_keeps_the_kinds_own_advice(tmp_path: Path) -> None:
    context = context_at(tmp_path, "totals.py", NESTED, (5,), family="inuse")
    assert context is not None and context.fix is None


def test_a_line_outside_loops_names_its_calls_without_advice(tmp_path: Path) -> None:
    source = "def render(doc):\n    return template.render(doc)\n"
    context = context_at(tmp_path, "render.py", source, (2,))
    assert context == Context(
        " Line render.py:2 runs once per call and calls `template.render`.", None
    )


def test_bookkeeping_calls_and_loop_free_header_only_code_say_nothing(tmp_path: Path) -> None:
    source = "function count(xs) {\n  return xs.length + 1;\n}\n"
    assert context_at(tmp_path, "count.js", source, (1,)) is None


@pytest.mark.parametrize(
    ("header", "noun"),
    [
        ("for row in rows:", "row"),
        ("for _, r := range s.pendingJobs {", "pending job"),
        ("for i := range entries {", "entry"),
        ("for (const chunk of this.chunks) {", "chunk"),
        ("for k, v := range m {", ""),
    ],
)
def test_the_element_is_named_by_its_variable_or_its_collection(header: str, noun: str) -> None:
    variables = tuple(re.findall(r"\b(?:for|const)\s+(?:_,\s*)?(\w+)", header))
    collection = re.split(r"\b(?:in|of|range)\s+", header)[-1].rstrip(":{) ")
    loop = Loop(1, 3, "loop", header, collection, False, (), variables)
    assert element_noun(loop) == noun


def test_a_loop_over_kept_state_is_named_as_scanned_per_call_with_an_index_as_fix(
    tmp_path: Path,
) -> None:
    source = (
        "class Search:\n"
        "    def suggest(self, query):\n"
        "        best = []\n"
        "        for product in self.products:\n"
        "            best.append(distance(query, product.name))\n"
        "        return best\n"
    )
    context = context_at(tmp_path, "search.py", source, (5,))
    assert context is not None
    assert "`self.products` is kept state, so every call goes through all of it" in (
        context.sentence
    )
    assert context.fix is not None and context.fix.startswith("Index `self.products` once")


def test_an_inner_loop_over_part_of_the_outer_element_is_no_work_per_pair(
    tmp_path: Path,
) -> None:
    source = (
        "def total(matrix):\n"
        "    s = 0\n"
        "    for row in matrix:\n"
        "        for cell in row:\n"
        "            s += weigh(cell)\n"
        "    return s\n"
    )
    context = context_at(tmp_path, "matrix.py", source, (5,))
    assert context is not None and "pair" not in context.sentence


@pytest.mark.parametrize(
    ("plural", "single"),
    [("statuses", "status"), ("caches", "cache"), ("series", "series"), ("entries", "entry"),
     ("branches", "branch"), ("boxes", "box"), ("ids", "id")],
)  # fmt: skip
def test_plural_collection_names_read_as_their_singular(plural: str, single: str) -> None:
    loop = Loop(1, 3, "loop", "", f"self.{plural}", False, (), ("x",))
    assert element_noun(loop) == single


def test_a_loop_over_what_the_call_was_given_is_not_kept_state(tmp_path: Path) -> None:
    source = (
        "class Stations:\n"
        "    def receive(self, order):\n"
        "        for line in order.lines:\n"
        "            self.route(line)\n"
    )
    context = context_at(tmp_path, "stations.py", source, (4,))
    assert context is not None and "kept state" not in context.sentence
