"""pprof's value formatting: unit scaling, percentages and the header's time layout.

Mirrors the rules of pprof's ``internal/measurement`` package as described in
``pprof-semantics.md`` section 5.1 and 5.2 (Go 1.19 ``go tool pprof``): a value is scaled to a
unit, printed with ``%.2f``, a trailing ``.00`` is removed and zero prints as ``0`` without unit.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

#: Output-unit names under which pprof auto-scales every value on its own.
AUTO_UNITS = frozenset({"minimum", "auto"})
#: Units pprof treats as plain numbers (no suffix).
_PLAIN_UNITS = frozenset({"count", "sample", "unit", "minimum", "auto"})


@dataclass(frozen=True)
class _Unit:
    name: str
    aliases: tuple[str, ...]
    factor: float


@dataclass(frozen=True)
class _UnitFamily:
    units: tuple[_Unit, ...]
    default: _Unit

    def sniff(self, unit: str) -> _Unit | None:
        """Return the unit an alias names (case-insensitive, trailing ``s`` ignored)."""
        unit = unit.lower()
        if len(unit) > 2 and unit.endswith("s"):
            unit = unit[:-1]
        for candidate in self.units:
            if unit in candidate.aliases:
                return candidate
        return None

    def auto_scale(self, value: float) -> tuple[float, str] | None:
        """Return the value in the largest unit for which it is at least 1."""
        factor = 0.0
        name = ""
        for candidate in self.units:
            if candidate.factor >= factor and value / candidate.factor >= 1.0:
                factor = candidate.factor
                name = candidate.name
        if factor == 0:
            return None
        return value / factor, name


_BYTES = _Unit("B", ("b", "byte"), 1.0)
_SECONDS = _Unit("s", ("s", "sec", "second"), 1e9)
_GCU = _Unit("GCU", ("gcu",), 1.0)
_FAMILIES: tuple[_UnitFamily, ...] = (
    _UnitFamily(
        units=(
            _BYTES,
            _Unit("kB", ("kb", "kbyte", "kilobyte"), float(1 << 10)),
            _Unit("MB", ("mb", "mbyte", "megabyte"), float(1 << 20)),
            _Unit("GB", ("gb", "gbyte", "gigabyte"), float(1 << 30)),
            _Unit("TB", ("tb", "tbyte", "terabyte"), float(1 << 40)),
            _Unit("PB", ("pb", "pbyte", "petabyte"), float(1 << 50)),
        ),
        default=_BYTES,
    ),
    _UnitFamily(
        units=(
            _Unit("ns", ("ns", "nanosecond"), 1.0),
            _Unit("us", ("μs", "us", "microsecond"), 1e3),
            _Unit("ms", ("ms", "millisecond"), 1e6),
            _SECONDS,
            # pprof has no minutes: 90 s prints as 90s and 3600 s as 1hrs.
            _Unit("hrs", ("hour", "hr"), 3600e9),
        ),
        # The default unit has no aliases, so only conversions *to* it name it.
        default=_Unit("s", (), 1e9),
    ),
    _UnitFamily(
        units=(
            _Unit("n*GCU", ("nanogcu",), 1e-9),
            _Unit("u*GCU", ("microgcu",), 1e-6),
            _Unit("m*GCU", ("milligcu",), 1e-3),
            _GCU,
            _Unit("k*GCU", ("kilogcu",), 1e3),
            _Unit("M*GCU", ("megagcu",), 1e6),
            _Unit("G*GCU", ("gigagcu",), 1e9),
            _Unit("T*GCU", ("teragcu",), 1e12),
            _Unit("P*GCU", ("petagcu",), 1e15),
        ),
        default=_Unit("GCU", (), 1.0),
    ),
)


def scale(value: float, from_unit: str, to_unit: str) -> tuple[float, str]:
    """Return ``value`` (in ``from_unit``) converted to ``to_unit`` and the unit's printed name.

    ``to_unit`` ``minimum``/``auto`` picks the largest unit for which the value is at least 1.
    The returned name is empty for plain numbers (count-like or unknown units with an
    auto target), and the target name itself for unknown units.
    """
    if value < 0:
        scaled, name = scale(-value, from_unit, to_unit)
        return -scaled, name
    for family in _FAMILIES:
        source = family.sniff(from_unit)
        if source is None:
            continue
        base = float(value) * source.factor
        if to_unit in AUTO_UNITS:
            auto = family.auto_scale(base)
            if auto is not None:
                return auto
            return base / family.default.factor, family.default.name
        target = family.sniff(to_unit)
        if target is None:
            return base / family.default.factor, family.default.name
        return base / target.factor, target.name
    if to_unit in _PLAIN_UNITS:
        return float(value), ""
    return float(value), to_unit


def scaled_label(value: float, from_unit: str, to_unit: str) -> str:
    """Return a value as pprof prints it: ``%.2f`` without ``.00``, ``0`` without a unit."""
    scaled, name = scale(value, from_unit, to_unit)
    text = f"{scaled:.2f}"
    if text.endswith(".00"):
        text = text[:-3]
    if text in ("0", "-0"):
        return "0"
    return text + name


def ratio_percent(value: float, total: float) -> float:
    """Return ``|value / total| * 100`` (0 when the total is 0), pprof's percentage ratio."""
    if total == 0:
        return 0.0
    return abs(float(value) / float(total)) * 100


def format_percent(ratio: float) -> str:
    """Format a percentage ratio like pprof: ``100%`` near 100, ``%5.2f`` from 1, else ``%5.2g``."""
    ratio = abs(ratio)
    if 99.95 <= ratio <= 100.05:
        return "  100%"
    if ratio >= 1.0:
        return f"{ratio:5.2f}%"
    return f"{ratio:5.2g}%"


def percentage(value: float, total: float) -> str:
    """Return pprof's ``measurement.Percentage(value, total)``."""
    return format_percent(ratio_percent(value, total))


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_time(time_nanos: int) -> str:
    """Format Unix nanoseconds with Go's layout ``Jan 2, 2006 at 3:04pm (MST)`` in UTC."""
    seconds = time_nanos // 1_000_000_000
    try:
        moment = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC) + _dt.timedelta(seconds=seconds)
    except OverflowError:
        # Go prints years outside 1..9999 too; Python cannot, so say what the stamp was.
        return f"{time_nanos}ns since the Unix epoch (UTC)"
    hour = moment.hour % 12 or 12
    meridiem = "am" if moment.hour < 12 else "pm"
    return (
        f"{_MONTHS[moment.month - 1]} {moment.day}, {moment.year} at "
        f"{hour}:{moment.minute:02d}{meridiem} (UTC)"
    )
