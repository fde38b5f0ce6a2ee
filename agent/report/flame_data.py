"""The flame tree as the data the HTML report's flame-graph script draws, and its safe embedding.

The page draws the graph in the browser (``prompts/flamegraph.js``) so that it can zoom, search
and re-lay out on resize; Python decides everything that is a number or a fact of the report:
the tree (the one :func:`flamegraph.build_flame_tree` built from the profile the table came
from), each frame's value texts in the profile's unit (formatted like the table's), which frames
are of the checkout, which rows of the top table and which findings cite them. The script only
lays out, labels and colours.

The payload is compact: one table of distinct strings (names, files, value texts) and one
array per frame, in pre-order with its parent's index, so 1,500 frames take about 100 KB.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from pydantic import BaseModel, Field

from profile_insights.agent.code.frame_names import parse_frame
from profile_insights.agent.report.flamegraph import FlameNode, Frame

IN_REPO = 1
"""Flag bit: the frame is code of the checkout."""
OTHER = 2
"""Flag bit: the block merges frames too thin to draw."""
CITED = 4
"""Flag bit: a finding of the report cites the frame's function."""

COLUMNS = (
    "parent",
    "name",
    "file",
    "line",
    "cum",
    "flat",
    "cum_text",
    "flat_text",
    "flags",
    "rank",
    "finding",
    "merged",
    "label",
)
"""What each frame's array holds, in order (``name``, ``file``, ``*_text`` and ``label`` index
``strings``; ``rank`` is the top-table row, ``finding`` the first citing finding (1-based, 0 =
none); ``label`` is the readable name drawn, ``name`` pprof's, which search and colours use)."""


class FlameDiff(BaseModel):
    """How a differential graph compares: the baseline's total and the load factor.

    A frame's change is ``cum - load_factor * base``, as points of the current total: the
    "What changed" table's ``delta_pct``. Frames carry ``base`` (and its text) as two extra
    columns.
    """

    baseline_total: float
    baseline_total_text: str
    load_factor: float
    saturate_points: float = Field(
        description="A change of this many points of the total gets the fullest colour."
    )


class FlameGraphData(BaseModel):
    """What the page's flame-graph script reads: the tree, its totals and its marks."""

    columns: list[str] = Field(default_factory=lambda: list(COLUMNS))
    strings: list[str]
    nodes: list[list[int | float]]
    total: float
    total_text: str
    sample_type: str
    findings: list[str] = Field(description="Finding titles, for the hover text of cited frames.")
    diff: FlameDiff | None = None


class _Strings:
    """A table of distinct strings: each is stored once and referred to by its index."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def ref(self, text: str) -> int:
        found = self._index.get(text)
        if found is None:
            found = self._index[text] = len(self.items)
            self.items.append(text)
        return found


def _number(value: float) -> float:
    """Return ``value`` as an int when it is one (``8850000000`` reads shorter than ``.0``)."""
    return int(value) if float(value).is_integer() else value


def flame_graph_data(
    root: FlameNode,
    *,
    sample_type: str,
    format_value: Callable[[float], str],
    is_in_repo: Callable[[Frame], bool] | None = None,
    hot_functions: dict[str, int] | None = None,
    cited: Sequence[tuple[str, Sequence[str]]] = (),
    diff: FlameDiff | None = None,
) -> FlameGraphData:
    """Return the payload for the flame-graph script.

    Args:
        root: The tree from :func:`flamegraph.build_flame_tree`.
        sample_type: What the widths measure (``cpu``, ``alloc_space``), for the page's text.
        format_value: Formats a value in the profile's unit (e.g. ``1.20s``, ``64MB``).
        is_in_repo: Tells frames of the user's checkout.
        hot_functions: Function name -> rank in the report's top table.
        cited: ``(finding title, functions its evidence names)`` for each finding, in order.
        diff: For a comparison: the scale of the colours; every frame's ``base`` must be set
            (:func:`flame_diff.annotate_baseline`).
    """
    hot = hot_functions or {}
    predicate = is_in_repo or (lambda _frame: False)
    citing: dict[str, int] = {}
    for number, (_title, functions) in enumerate(cited, start=1):
        for function in functions:
            citing.setdefault(function, number)
    strings = _Strings()
    nodes: list[list[int | float]] = []
    stack: list[tuple[FlameNode, int]] = [(root, -1)]
    while stack:
        node, parent = stack.pop()
        index = len(nodes)
        frame_of_code = node.depth > 0 and not node.is_other
        flags = 0
        if frame_of_code and predicate(Frame(node.name, node.file, node.line)):
            flags |= IN_REPO
        if node.is_other:
            flags |= OTHER
        finding = citing.get(node.name, 0) if frame_of_code else 0
        if finding:
            flags |= CITED
        row: list[int | float] = [
            parent,
            strings.ref(node.name),
            strings.ref(node.file),
            node.line,
            _number(node.cum),
            _number(node.flat),
            strings.ref(format_value(node.cum)),
            strings.ref(format_value(node.flat)),
            flags,
            hot.get(node.name, 0) if frame_of_code else 0,
            finding,
            node.merged,
            strings.ref(parse_frame(node.name, node.file or None, node.line).display)
            if frame_of_code
            else strings.ref(node.name),
        ]
        if diff is not None:
            base = node.base or 0.0
            row += [_number(base), strings.ref(format_value(base))]
        nodes.append(row)
        # Children are pushed in reverse so that pre-order keeps the tree's order (widest first).
        stack.extend((child, index) for child in reversed(node.children))
    columns = list(COLUMNS) + (["base", "base_text"] if diff is not None else [])
    return FlameGraphData(
        columns=columns,
        strings=strings.items,
        nodes=nodes,
        total=_number(root.cum),
        total_text=format_value(root.cum),
        sample_type=sample_type,
        findings=[title for title, _functions in cited],
        diff=diff,
    )


def script_json(data: FlameGraphData) -> str:
    """Return ``data`` as JSON that is safe inside ``<script type="application/json">``.

    A name can hold ``</script>`` or ``<!--`` (C++ templates, closures, user strings); escaping
    ``<``, ``>`` and ``&`` as JSON unicode escapes keeps the HTML parser out of the data, as
    Django's ``json_script`` does. U+2028/2029 are escaped too, for older JavaScript parsers.
    """
    text = json.dumps(data.model_dump(mode="json"), separators=(",", ":"), ensure_ascii=False)
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text
