"""Draw a flame tree as inline SVG: a rectangle per frame, widths by value, repo frames marked."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from profile_insights.agent.report.flamegraph import FlameNode, Frame


@dataclass(frozen=True)
class FlameStyle:
    """Geometry of the drawing, in SVG user units."""

    width: int = 1200
    row_height: int = 18
    font_size: int = 11
    char_width: float = 6.6  # ~0.6 em for the monospace font used for labels


def render_flamegraph_svg(
    root: FlameNode,
    *,
    format_value: Callable[[float], str],
    is_in_repo: Callable[[Frame], bool] | None = None,
    hot_functions: dict[str, int] | None = None,
    style: FlameStyle | None = None,
) -> str:
    """Return the flame tree as one ``<svg>`` element (no scripts, no external references).

    Args:
        root: The tree from :func:`build_flame_tree`.
        format_value: Formats a value in the profile's unit (e.g. ``1.20s``, ``64MB``).
        is_in_repo: Tells frames of the user's checkout (drawn in blue, ``data-in-repo``).
        hot_functions: Function name -> rank in the top table; those frames get an outline and
            ``data-hot-rank``.
        style: Geometry; the defaults suit a page about 1200 px wide.
    """
    style = style or FlameStyle()
    hot = hot_functions or {}
    predicate = is_in_repo or (lambda _frame: False)
    total = root.cum
    depth = _max_depth(root)
    height = (depth + 1) * style.row_height
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="flamegraph" role="img" '
        f'viewBox="0 0 {style.width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" font-family="monospace" '
        f'font-size="{style.font_size}">',
        "<title>Flame graph (icicle): callers above callees, width = cum</title>",
    ]
    scale = style.width / total if total else 0.0
    stack: list[tuple[FlameNode, float]] = [(root, 0.0)]
    while stack:
        node, x = stack.pop()
        parts.append(_block(node, x, node.cum * scale, total, style, format_value, predicate, hot))
        offset = x
        for child in node.children:
            stack.append((child, offset))
            offset += child.cum * scale
    parts.append("</svg>")
    return "\n".join(parts)


def _max_depth(root: FlameNode) -> int:
    deepest = 0
    stack = [root]
    while stack:
        node = stack.pop()
        deepest = max(deepest, node.depth)
        stack.extend(node.children)
    return deepest


def _percent(value: float, total: float) -> str:
    return f"{100 * value / total:.2f}%" if total else "0%"


def _block(
    node: FlameNode,
    x: float,
    width: float,
    total: float,
    style: FlameStyle,
    format_value: Callable[[float], str],
    is_in_repo: Callable[[Frame], bool],
    hot: dict[str, int],
) -> str:
    """Return one ``<g>`` block: rectangle, hover title and (when it fits) a label."""
    y = node.depth * style.row_height
    frame = Frame(node.name, node.file, node.line)
    in_repo = not node.is_other and node.depth > 0 and is_in_repo(frame)
    rank = hot.get(node.name) if not node.is_other and node.depth > 0 else None
    classes = ["frame"]
    if node.depth == 0:
        classes.append("root")
    if node.is_other:
        classes.append("other")
    if in_repo:
        classes.append("in-repo")
    if rank is not None:
        classes.append("hot")
    title_lines = [
        f"{node.name} ({node.merged} frames too thin to draw)" if node.is_other else node.name
    ]
    if node.file:
        title_lines.append(f"{node.file}:{node.line}" if node.line else node.file)
    title_lines.append(f"flat {format_value(node.flat)} ({_percent(node.flat, total)})")
    title_lines.append(f"cum {format_value(node.cum)} ({_percent(node.cum, total)})")
    if rank is not None:
        title_lines.append(f"#{rank} in the top table")
    if in_repo:
        title_lines.append("in this repository")
    attributes = [
        f"class={quoteattr(' '.join(classes))}",
        f"data-function={quoteattr(node.name)}",
    ]
    if rank is not None:
        attributes.append(f'data-hot-rank="{rank}"')
    if in_repo:
        attributes.append('data-in-repo="true"')
    fill = _fill(node, in_repo)
    stroke = ' stroke="#b00020" stroke-width="1.5"' if rank is not None else ""
    label = _label(node.name if not node.is_other else f"other ({node.merged})", width, style)
    text = (
        f'<text x="{x + 3:.2f}" y="{y + style.row_height - 5}">{escape(label)}</text>'
        if label
        else ""
    )
    return (
        f"<g {' '.join(attributes)}><title>{escape(chr(10).join(title_lines))}</title>"
        f'<rect x="{x:.2f}" y="{y}" width="{max(width - 0.5, 0.1):.2f}" '
        f'height="{style.row_height - 1}" fill="{fill}" rx="2"{stroke}/>{text}</g>'
    )


def _label(name: str, width: float, style: FlameStyle) -> str:
    fits = int((width - 6) / style.char_width)
    if fits < 3:
        return ""
    return name if len(name) <= fits else name[: fits - 2] + ".."


def _fill(node: FlameNode, in_repo: bool) -> str:
    """Return a stable colour: grey for root/other, blues in the repo, warm hues elsewhere."""
    if node.depth == 0 or node.is_other:
        return "#c8c8c8"
    # Hash the name so a function keeps its colour across reports (not Python's salted hash).
    shade = hashlib.blake2b(node.name.encode(), digest_size=2).digest()
    vary = shade[0] / 255
    if in_repo:
        return f"hsl(210, {55 + 25 * vary:.0f}%, {62 + 12 * shade[1] / 255:.0f}%)"
    return f"hsl({10 + 40 * vary:.0f}, {75 + 15 * shade[1] / 255:.0f}%, 62%)"
