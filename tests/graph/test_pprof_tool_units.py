"""The pprof tool path reads values in the profile type's sample unit, not a guessed one."""

from __future__ import annotations

from datetime import timedelta

import pytest

from profile_insights.agent import api
from profile_insights.agent.profiles import profile_pb2
from profile_insights.agent.profiles.decode import decode_profile
from profile_insights.agent.report.models import Report
from tests.graph.conftest import CPU, Entry

WALL = "wall:wall:microseconds:wall:microseconds"


def as_microseconds_wall_profile(cpu: bytes) -> bytes:
    """Return the demo CPU profile relabelled as a wall profile in microseconds.

    The values stay as they are: only the unit changes, as with a profiler that counts
    microseconds (Pyroscope's wall profiles from the Python and .NET SDKs).
    """
    profile = decode_profile(cpu, name="demo")
    relabelled = profile_pb2.Profile()
    relabelled.CopyFrom(profile)
    strings = relabelled.string_table
    for value_type in [*relabelled.sample_type, relabelled.period_type]:
        value_type.type = len(strings)
        strings.append("wall")
        value_type.unit = len(strings)
        strings.append("microseconds")
    del relabelled.sample_type[1:]
    for sample in relabelled.sample:
        del sample.value[1:]
    relabelled.default_sample_type = 0
    return relabelled.SerializeToString()


@pytest.mark.integration
def test_pprof_tool_values_are_in_the_wall_profiles_microseconds(
    harness_for, demo_cpu: bytes, go_binary: str
) -> None:
    harness = harness_for(
        [Entry("checkout", WALL, as_microseconds_wall_profile(demo_cpu), ago=timedelta(minutes=5))]
    )

    def run(**options: object) -> Report:
        result = api.ask(
            "Why is checkout slow?",
            context=harness.context(**options),
            checkpointer=harness.saver,
            profile_type=WALL,
        )
        assert isinstance(result, Report), result
        return result

    native, tool = run(), run(use_pprof_tool=True)

    assert tool.data.sample_unit == native.data.sample_unit == "microseconds"
    # pprof prints rounded display units (e.g. 2.94s): same total to within its rounding.
    assert tool.data.total == pytest.approx(native.data.total, rel=0.01)
    assert tool.hot_functions[0].cum_text == native.hot_functions[0].cum_text


@pytest.mark.integration
def test_the_pprof_tool_path_reports_the_sample_count_of_the_profile(
    harness_for, demo_cpu: bytes, go_binary: str
) -> None:
    # pprof's text has no sample count: the report said "CPU profile over ... (0 samples)".
    harness = harness_for([Entry("checkout", CPU, demo_cpu, ago=timedelta(minutes=5))])

    def run(**options: object) -> Report:
        result = api.ask(
            "Why is checkout slow?", context=harness.context(**options), checkpointer=harness.saver
        )
        assert isinstance(result, Report), result
        return result

    native, tool = run(), run(use_pprof_tool=True)

    assert tool.data.sample_count == native.data.sample_count > 0
    assert f"({native.data.sample_count} samples)" in tool.summary
