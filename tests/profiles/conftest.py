"""Fixtures of the pprof tests: the pprof command of this machine's Go."""

from __future__ import annotations

import pytest

from profile_insights.agent.profiles.pprof_cli import PprofCommand


@pytest.fixture(scope="module")
def go_pprof(go_binary: str) -> PprofCommand:
    return PprofCommand((go_binary, "tool", "pprof"))
