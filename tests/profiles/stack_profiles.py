"""Build small CPU profiles from readable stacks, for tests that need exact sample values."""

from __future__ import annotations

from profile_insights.agent.profiles import profile_pb2

Frame = tuple[str, str, int]
"""(function, file, line) of one stack frame."""


def stack_profile(stacks: list[tuple[list[Frame], int]]) -> profile_pb2.Profile:
    """Return a CPU profile whose samples are ``(frames leaf first, nanoseconds)``."""
    profile = profile_pb2.Profile()
    strings = [""]

    def string(text: str) -> int:
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    for kind, unit in (("samples", "count"), ("cpu", "nanoseconds")):
        profile.sample_type.add(type=string(kind), unit=string(unit))
    functions: dict[tuple[str, str], int] = {}
    locations: dict[Frame, int] = {}
    for frames, value in stacks:
        ids = []
        for name, file, line in frames:
            if (name, file) not in functions:
                functions[(name, file)] = len(functions) + 1
                profile.function.add(
                    id=functions[(name, file)], name=string(name), filename=string(file)
                )
            if (name, file, line) not in locations:
                locations[(name, file, line)] = len(locations) + 1
                location = profile.location.add(id=locations[(name, file, line)])
                location.line.add(function_id=functions[(name, file)], line=line)
            ids.append(locations[(name, file, line)])
        profile.sample.add(location_id=ids, value=[1, value])
    profile.string_table.extend(strings)
    profile.period_type.type = string("cpu")
    profile.period_type.unit = string("nanoseconds")
    profile.period = 10_000_000
    return profile
