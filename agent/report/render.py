"""Render a report: Markdown and JSON with the project's templates, HTML with a flame graph."""

from __future__ import annotations

import json
from typing import Literal

from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.frames import PreparedProfile
from profile_insights.agent.report.html import render_html
from profile_insights.agent.report.models import Report
from profile_insights.prompts import render

OutputFormat = Literal["markdown", "json", "html"]


def render_text(
    report: Report,
    output_format: OutputFormat,
    *,
    profile: profile_pb2.Profile | None = None,
    prepared: PreparedProfile | None = None,
    baseline: PreparedProfile | None = None,
) -> str:
    """Render the report in ``output_format``.

    HTML draws the flame graph of ``profile``, from its ``prepared`` stacks when given: the
    ones the report's table was built from, so the graph and the table share their numbers; with
    a comparison's ``baseline``, the graph is differential.
    """
    if output_format == "html":
        return render_html(report, profile=profile, prepared=prepared, baseline=baseline)
    if output_format == "json":
        return render("report.json.j2", report_json=json.dumps(report.to_json_dict(), indent=2))
    return render("report.md.j2", report=report)
