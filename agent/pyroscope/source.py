"""The one interface the graph uses to read profiles, whatever the data comes from.

``ProfilecliSource`` (the profilecli binary), ``HttpSource`` (the Connect API over httpx) and
``RecordedSource`` (a recording on disk) all implement :class:`ProfileSource`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Literal, Protocol, runtime_checkable

from pydantic import BaseModel, Field

from profile_insights.agent.profiles.decoded import answer_is_empty

SourceKind = Literal["recording", "profilecli", "http"]


class ProfileType(BaseModel):
    """A Pyroscope profile type, ``NAME:SAMPLE_TYPE:SAMPLE_UNIT:PERIOD_TYPE:PERIOD_UNIT``."""

    id: str
    name: str
    sample_type: str
    sample_unit: str
    period_type: str
    period_unit: str

    @classmethod
    def parse(cls, profile_type_id: str) -> ProfileType:
        """Split a profile type ID into its five parts.

        Raises:
            ValueError: when the ID does not have five colon-separated parts.
        """
        parts = profile_type_id.split(":")
        if len(parts) != 5 or not all(parts[:2]):
            raise ValueError(f"not a profile type ID: {profile_type_id!r}")
        name, sample_type, sample_unit, period_type, period_unit = parts
        return cls(
            id=profile_type_id,
            name=name,
            sample_type=sample_type,
            sample_unit=sample_unit,
            period_type=period_type,
            period_unit=period_unit,
        )


class Series(BaseModel):
    """One series: its label set (only the label names asked for, when some were)."""

    labels: dict[str, str]


class TimeRange(BaseModel):
    """A closed time range, both ends timezone-aware."""

    start: datetime
    end: datetime


class SeriesPoint(BaseModel):
    """One point of a series: the profile type's total over the step ending at ``timestamp``."""

    timestamp: datetime
    value: float


class SeriesTotals(BaseModel):
    """One series of ``SelectSeries``: its ``group_by`` label set and its totals over time."""

    labels: dict[str, str]
    points: list[SeriesPoint] = Field(default_factory=list)

    @property
    def total(self) -> float:
        """Return the sum of the points (the series' cost over the whole range)."""
        return sum(point.value for point in self.points)


class ProfileQuery(BaseModel):
    """One side of a comparison: what a merge of it asks for."""

    selector: str
    profile_type: str
    start: datetime
    end: datetime


class FlameGraphDiff(BaseModel):
    """A server's ``Diff`` answer: two merged profiles as one flame graph (Pyroscope's format).

    Each level holds 7 numbers per node: left offset, left total, left self, right offset,
    right total, right self, and the index of its name.
    """

    names: list[str]
    levels: list[list[int]]
    total: int
    max_self: int
    left_ticks: int
    right_ticks: int


class MergedProfile(BaseModel):
    """The answer to a merge query: pprof bytes (gzip'd or raw), possibly empty."""

    selector: str
    profile_type: str
    start: datetime
    end: datetime
    data: bytes = Field(default=b"", repr=False)
    empty: bool = Field(description="True when no sample matched the query.")
    covered: TimeRange | None = Field(
        default=None,
        description="The time the merged samples come from, when the source knows it: a "
        "recording keeps whole profiles, which may reach outside the range asked. None: the "
        "range asked (a server cuts its samples to it).",
    )

    @classmethod
    def answer(
        cls, selector: str, profile_type: str, start: datetime, end: datetime, data: bytes
    ) -> MergedProfile:
        """Return a server's merge answer; bytes without samples make an empty one.

        Raises:
            ProfileFormatError: the bytes are not a profile pprof would accept.
        """
        empty = answer_is_empty(data, name=f"merged {profile_type} profile")
        return cls(
            selector=selector,
            profile_type=profile_type,
            start=start,
            end=end,
            data=b"" if empty else data,
            empty=empty,
        )


@runtime_checkable
class ProfileSource(Protocol):
    """Where profiles come from. Every method raises the typed errors of ``agent.errors``."""

    kind: SourceKind

    def now(self) -> datetime:
        """Return the time that "now" means for this source (recordings: when recorded)."""
        ...

    def profile_types(self, start: datetime, end: datetime) -> list[ProfileType]:
        """List the profile types that have data in the range."""
        ...

    def series(
        self,
        selector: str,
        label_names: Sequence[str],
        start: datetime,
        end: datetime,
    ) -> list[Series]:
        """Return the distinct label sets of the series matching the selector."""
        ...

    def merge_profile(
        self, selector: str, profile_type: str, start: datetime, end: datetime
    ) -> MergedProfile:
        """Fetch one profile merged over every series matching the selector in the range."""
        ...

    def label_names(self, selector: str, start: datetime, end: datetime) -> list[str]:
        """Return the label names of the series matching the selector (``LabelNames``)."""
        ...

    def select_series(
        self,
        selector: str,
        profile_type: str,
        start: datetime,
        end: datetime,
        *,
        group_by: Sequence[str],
        step: timedelta,
        limit: int | None = None,
    ) -> list[SeriesTotals]:
        """Return the profile type's totals over time, one series per ``group_by`` label set.

        With ``limit``, only the ``limit`` series of the largest total (``SelectSeries``).
        """
        ...

    def diff(self, left: ProfileQuery, right: ProfileQuery) -> FlameGraphDiff | None:
        """Return the server's diff of two merges, or None where the server has no ``Diff``.

        None means "compare the two merged profiles yourself": profilecli and recordings
        have no diff, and a server answering ``Diff`` with 404 or ``unimplemented`` neither.
        """
        ...

    def describe(self) -> str:
        """Return a short description for reports (URL without credentials, or the path)."""
        ...
