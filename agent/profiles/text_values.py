"""Values as pprof's text prints them (``1.23s``, ``45.6MB``, ``12.5%``), read back in sample units.

pprof's ``-top`` text shows display units only; the sample unit of the profile type (nanoseconds,
microseconds, bytes, counts) says what a number in the table means.
"""

from __future__ import annotations

import re

from profile_insights.agent.errors import (
    ProfileFormatError,
)

_TIME_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9, "hrs": 3600e9}


_BYTES = {
    "B": 1.0,
    "kB": 1024.0,
    "MB": 1024.0**2,
    "GB": 1024.0**3,
    "TB": 1024.0**4,
    "PB": 1024.0**5,
}


_COUNT_UNITS = {"", "count", "sample", "samples", "unit", "units"}


_SAMPLE_UNIT_NS = {
    "nanosecond": 1.0,
    "ns": 1.0,
    "microsecond": 1e3,
    "us": 1e3,
    "μs": 1e3,
    "millisecond": 1e6,
    "ms": 1e6,
    "second": 1e9,
    "sec": 1e9,
    "s": 1e9,
    "hour": 3600e9,
    "hr": 3600e9,
}


_SAMPLE_UNIT_BYTES = {
    "b": 1.0,
    "byte": 1.0,
    "kb": 1024.0,
    "kbyte": 1024.0,
    "kilobyte": 1024.0,
    "mb": 1024.0**2,
    "mbyte": 1024.0**2,
    "megabyte": 1024.0**2,
    "gb": 1024.0**3,
    "gbyte": 1024.0**3,
    "gigabyte": 1024.0**3,
}


_VALUE_RE = re.compile(r"^(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)(.*)$")


def _unit_key(unit: str) -> str:
    """Return a unit name in pprof's matching form: lower case, plural ``s`` dropped."""
    key = unit.lower()
    # measurement.go ignores a trailing "s" on unit names longer than two characters.
    if len(key) > 2 and key.endswith("s"):
        key = key[:-1]
    return key


def guess_sample_unit(display_unit: str) -> str:
    """Return the most likely sample unit for a display unit the text printed.

    Go CPU, mutex and block profiles count nanoseconds and heap profiles bytes; plain numbers
    are counts. Profiles in other time units (Node.js wall time is in microseconds) need the
    caller to say so, because the text does not show the sample unit.
    """
    if display_unit in _TIME_NS:
        return "nanoseconds"
    if display_unit in _BYTES:
        return "bytes"
    if display_unit == "":
        return "count"
    return display_unit


def _display_factor(display_unit: str, sample_unit: str) -> float:
    """Return the multiplier from a printed value to the sample unit."""
    if display_unit in _TIME_NS:
        per = _SAMPLE_UNIT_NS.get(_unit_key(sample_unit))
        return _TIME_NS[display_unit] / per if per else 1.0
    if display_unit in _BYTES:
        per = _SAMPLE_UNIT_BYTES.get(_unit_key(sample_unit))
        return _BYTES[display_unit] / per if per else 1.0
    return 1.0


def split_value(text: str) -> tuple[float, str]:
    """Return the number and unit of a printed value such as ``7.34s``, ``4kB`` or ``13666``."""
    match = _VALUE_RE.match(text.strip())
    if not match:
        raise ProfileFormatError(f"Not a pprof value: {text!r}")
    return float(match.group(1)), match.group(2)


def value_in_sample_unit(text: str, sample_unit: str) -> float:
    """Return a printed value converted back to the sample unit (``1.5s`` -> 1.5e9 ns)."""
    number, unit = split_value(text)
    return number * _display_factor(unit, sample_unit)


def duration_ns(text: str) -> int:
    """Return a printed duration (always auto-scaled as time) in nanoseconds.

    Auto-scaling picks the largest unit in which the value is at least 1, so a duration
    printed as ``3600s`` was below one hour: the result is kept under the next unit.
    """
    number, unit = split_value(text)
    nanos = round(number * _TIME_NS.get(unit, 1e9 if unit == "" else 1.0))
    factors = sorted(_TIME_NS.values())
    if unit in _TIME_NS and factors.index(_TIME_NS[unit]) + 1 < len(factors):
        nanos = min(nanos, int(factors[factors.index(_TIME_NS[unit]) + 1]) - 1)
    return nanos


def percent(text: str) -> float:
    """Return a printed percentage as a float (``  100%``, `` 6.13%``, ``2.3e-07%``).

    Ratios of 1% and more print with two decimals, smaller ones with two significant digits
    (``%5.2g``), so a bare ``1%`` is a ratio just under 1 rounded up.
    """
    body = text.strip().rstrip("%")
    value = float(body)
    if value == 1 and body == "1":
        return 0.9999
    return value
