"""The arguments every way in takes: the question, the comparison options, the tools' fields.

Declared once here: the MCP and LangChain tools take :class:`ToolArguments` (so their input
schemas are the same), :func:`profile_insights.agent.api.ask` the :class:`Investigation` fields
as keywords, and the graph the same names as input (``graph/state.py`` ``InputState``).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from profile_insights.agent.errors import UserInputError

__all__ = ["Investigation", "ToolArguments"]


class Investigation(BaseModel):
    """What to compare the window with, or break its cost down by; the graph's input fields.

    Declared once: the MCP and LangChain tools take these fields as part of
    :class:`ToolArguments`, :func:`ask` as keywords, the CLI as ``--baseline-from``,
    ``--baseline-to``, ``--baseline-ref``, ``--ref`` and ``--by``.
    """

    baseline_from: str | None = Field(
        default=None, description="Compare with the window from this time, e.g. now-25h."
    )
    baseline_to: str | None = Field(default=None, description="End of that window.")
    baseline_ref: str | None = Field(
        default=None, description="Compare with this deploy (service_git_ref)."
    )
    ref: str | None = Field(default=None, description="Deploy compared with baseline_ref.")
    breakdown_label: str | None = Field(
        default=None, description="Break the cost down by this label, e.g. pod."
    )

    def input_fields(self) -> dict[str, str]:
        """Return the fields given, checked, as graph input.

        Raises:
            UserInputError: a field needs another (baseline_to, ref) or excludes one.
        """
        if self.baseline_to and not self.baseline_from:
            raise UserInputError(
                "baseline_to was given without baseline_from",
                "Give the start of the baseline window too (baseline_from, e.g. now-25h).",
            )
        if self.ref and not self.baseline_ref:
            raise UserInputError(
                "ref was given without baseline_ref",
                "Name the deploy to compare it with (baseline_ref).",
            )
        if self.baseline_from and self.baseline_ref:
            raise UserInputError(
                "both a baseline window and a baseline deploy were given",
                "Compare with a window (baseline_from) or with a deploy (baseline_ref), not both.",
            )
        # These fields alone, not a subclass's (ToolArguments' question, repo, ...).
        fields = {name: getattr(self, name) for name in Investigation.model_fields}
        return {name: value for name, value in fields.items() if value}


class _Question(BaseModel):
    question: str = Field(description="The performance question, e.g. 'Why is checkout slow?'.")
    repo: str | None = Field(default=None, description="Path of the service's git checkout.")
    service: str | None = Field(default=None, description="Service name, when already known.")
    profile_type: str | None = Field(
        default=None, description="Pyroscope profile type ID, e.g. process_cpu:cpu:..."
    )
    time_from: str | None = Field(default=None, description="Start, e.g. now-2h or RFC3339.")
    time_to: str | None = Field(default=None, description="End, e.g. now.")


# Pydantic orders inherited fields from the last base to the first: the question comes first.
class ToolArguments(Investigation, _Question):
    """What a chat model fills in when it calls profile-insights as a tool (MCP or LangChain)."""

    thread_id: str | None = Field(
        default=None, description="thread_id of an earlier call that asked a question."
    )
    answer: str | None = Field(
        default=None, description="The user's answer to that question (with thread_id)."
    )
