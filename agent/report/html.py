"""The HTML report: the Markdown report's content plus an explorable flame graph, in one file.

The page makes no network request and has no external reference: styles, the flame graph's data
(:mod:`flame_data`) and the script that draws it (``prompts/flamegraph.js``) are inline, so it
opens from disk, from a mail attachment or an air-gapped machine alike. The graph is SVG (it
prints, and each frame is an element to inspect); the script adds click-to-zoom with the
ancestors as a breadcrumb strip, reset, search with the matched share, hover details, labels
shortened from the package side, and a re-layout when the page's width changes.

Own script (``prompts/flamegraph.js``, about 330 lines), not a vendored ``d3-flame-graph``.
That library is kept up (Apache-2.0, v5.0 of 2026) and has zoom and search, but it needs d3
beside it (eight d3 modules: d3's bundle is about 280 KB minified, four times the whole demo
page, plus two licence texts), and it draws labels as HTML ``<foreignObject>`` boxes that CSS
cuts at the right end: ``github.com/acme/x/internal/pri…`` keeps the package path and loses
the function, and a printed or inspected frame is no SVG text. Cutting from the package side,
a fixed 12 px font, this report's marks and hover text would mean replacing its label drawing
and using most of its hooks; a small script that does just this is less to keep up to date.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from markupsafe import Markup, escape

from profile_insights import prompts
from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.profiles.frames import PreparedProfile
from profile_insights.agent.profiles.units import scaled_label
from profile_insights.agent.report.flame_data import (
    FlameDiff,
    FlameGraphData,
    flame_graph_data,
    script_json,
)
from profile_insights.agent.report.flame_diff import annotate_baseline
from profile_insights.agent.report.flamegraph import (
    FlameNode,
    Frame,
    build_flame_tree,
    hot_function_ranks,
)
from profile_insights.agent.report.models import Report

_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def inline_code(text: str) -> Markup:
    """Return ``text`` HTML-escaped, with Markdown code spans (```x```) as ``<code>``.

    The report's prose is written for Markdown; code spans are the only markup it uses.
    """
    escaped = str(escape(text))
    return Markup(_CODE_SPAN.sub(r"<code>\1</code>", escaped))


prompts.environment().filters["inline_code"] = inline_code


def report_sample_index(profile: profile_pb2.Profile, sample_type: str) -> int:
    """Return the index of ``sample_type`` in the profile, else the one pprof shows by default.

    pprof's default is the ``default_sample_type`` when it names a sample type, otherwise the
    last one (pprof-semantics §4).
    """
    strings = profile.string_table
    names = [strings[value_type.type] for value_type in profile.sample_type]
    if sample_type in names:
        return names.index(sample_type)
    default = strings[profile.default_sample_type] if profile.default_sample_type else ""
    return names.index(default) if default in names else len(names) - 1


def in_repo_from_report(report: Report, root: FlameNode | None = None) -> Callable[[Frame], bool]:
    """Return a predicate for frames of the checkout, from the report's in-repo rows.

    A frame is in the repository when its function is an in-repo row, when its file ends with
    the repo-relative path of one, or when its file starts with the build prefix those rows
    reveal: a frame of ``pricing.validCoupon`` in ``github.com/acme/checkout/internal/x.go``
    (repo file ``internal/x.go``) shows that every file under ``github.com/acme/checkout/``
    is in the checkout (Go's module path with ``-trimpath``, or ``/src/app/`` without).
    """
    rows = [row for row in report.hot_functions if row.in_repo]
    functions = {row.function for row in rows}
    files = {row.file.lstrip("/") for row in rows if row.file}
    prefixes: set[str] = set()
    if root is not None:
        for node in _walk(root):
            if node.name not in functions or not node.file:
                continue
            for rel in files:
                if node.file.endswith("/" + rel):
                    prefix = node.file[: -len(rel)]
                    # A bare "/" or a one-segment prefix would claim every absolute path.
                    if prefix.strip("/").count("/") >= 1 or "." in prefix.split("/")[0]:
                        prefixes.add(prefix)

    def predicate(frame: Frame) -> bool:
        if frame.function in functions:
            return True
        path = frame.file
        if not path:
            return False
        if any(path.startswith(prefix) for prefix in prefixes):
            return True
        return any(path == rel or path.endswith("/" + rel) for rel in files)

    return predicate


def _walk(root: FlameNode) -> list[FlameNode]:
    nodes, stack = [], [root]
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack.extend(node.children)
    return nodes


def report_flame_data(
    profile: profile_pb2.Profile,
    report: Report,
    *,
    prepared: PreparedProfile | None = None,
    is_in_repo: Callable[[Frame], bool] | None = None,
    max_nodes: int = 1500,
    baseline: PreparedProfile | None = None,
) -> FlameGraphData:
    """Return the flame graph's data for the report, from the merged profile it analysed.

    Args:
        profile: The decoded profile the report's table was built from.
        report: The report, for its sample type, in-repo rows, table ranks and findings.
        prepared: The profile's prepared stacks, when the caller has them (the graph does: the
            table was built from them), so nothing is prepared twice.
        is_in_repo: Tells frames of the checkout; defaults to the report's in-repo rows.
        max_nodes: Upper bound on the frames embedded in the page.
        baseline: A comparison's baseline profile (prepared stacks): the graph becomes
            differential, each frame coloured by its change beyond the report's load factor.
    """
    index = report_sample_index(profile, report.data.sample_type)
    unit = profile.string_table[profile.sample_type[index].unit] if profile.sample_type else ""
    sample_type = profile.string_table[profile.sample_type[index].type]
    root = build_flame_tree(profile, index, max_nodes=max_nodes, prepared=prepared)

    def format_value(value: float) -> str:
        return scaled_label(value, unit, "auto")

    diff = None
    comparison = report.comparison
    if baseline is not None and comparison is not None:
        baseline_index = report_sample_index(baseline.profile, sample_type)
        baseline_total = annotate_baseline(root, baseline, baseline_index)
        diff = FlameDiff(
            baseline_total=baseline_total,
            baseline_total_text=format_value(baseline_total),
            load_factor=comparison.load_factor,
            saturate_points=comparison.threshold_pct,
        )
    return flame_graph_data(
        root,
        sample_type=sample_type,
        format_value=format_value,
        is_in_repo=is_in_repo or in_repo_from_report(report, root),
        hot_functions=hot_function_ranks([(r.rank, r.function) for r in report.hot_functions]),
        cited=[
            (finding.title, [item.function for item in finding.evidence])
            for finding in report.findings
        ],
        diff=diff,
    )


def flamegraph_script() -> str:
    """Return the flame-graph script the page inlines (package data beside the templates)."""
    return resources.files(prompts).joinpath("flamegraph.js").read_text(encoding="utf-8")


def render_html(
    report: Report,
    *,
    profile: profile_pb2.Profile | None = None,
    prepared: PreparedProfile | None = None,
    profile_path: Path | None = None,
    is_in_repo: Callable[[Frame], bool] | None = None,
    generated: _dt.datetime | None = None,
    baseline: PreparedProfile | None = None,
) -> str:
    """Render the report as one standalone HTML page.

    Args:
        report: The report data (the same model the Markdown and JSON renderers read).
        profile: The merged profile the report was built from, for the flame graph.
        prepared: ``profile``'s prepared stacks, when the caller already has them.
        profile_path: Where that profile is cached, when ``profile`` is not given; defaults
            to the report's ``data.profile_path``.
        is_in_repo: Tells frames of the checkout; defaults to the report's in-repo rows.
        generated: The time printed in the header; defaults to now (UTC).
        baseline: A comparison's baseline (prepared stacks), for a differential flame graph.

    Returns:
        The page; without a profile (no data was found) it has no flame graph section.
    """
    if profile_path is None and report.data.profile_path:
        profile_path = Path(report.data.profile_path)
    if profile is None and profile_path is not None and profile_path.is_file():
        profile = decode_profile(profile_path.read_bytes(), name=profile_path.name)
        prepared = None
    data = None
    if profile is not None and len(profile.sample_type) > 0:
        data = report_flame_data(
            profile, report, prepared=prepared, is_in_repo=is_in_repo, baseline=baseline
        )
    moment = generated or _dt.datetime.now(_dt.UTC)
    return prompts.render(
        "report.html.j2",
        report=report,
        flamegraph_json=Markup(script_json(data)) if data else None,
        flamegraph_script=Markup(flamegraph_script()) if data else None,
        generated=moment.strftime("%Y-%m-%d %H:%M UTC"),
        differential=data is not None and data.diff is not None,
    )
