"""The one interface the graph uses to read profiles, whatever the data comes from.

``ProfilecliSource`` (the profilecli binary), ``HttpSource`` (the Connect API over httpx) and
``RecordedSource`` (a recording on disk) all implement :class:`ProfileSource`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
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


class MergedProfile(BaseModel):
    """The answer to a merge query: pprof bytes (gzip'd or raw), possibly empty."""

    selector: str
    profile_type: str
    start: datetime
    end: datetime
    data: bytes = Field(default=b"", repr=False)
    empty: bool = Field(description="True when no sample matched the query.")

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

    def describe(self) -> str:
        """Return a short description for reports (URL without credentials, or the path)."""
        ...
