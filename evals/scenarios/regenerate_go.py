#!/usr/bin/env python3
"""Rebuild the Go scenario services beside this script and record their profiles again.

Run it with the project's venv (it reads profiles with profile-insights' own decoder):

    .venv/bin/python evals/scenarios/regenerate_go.py [--update-ref] [--update-observed]
        [--in-build-dir] [--gocache DIR] [--keep] [SCENARIO ...]

What it does: ``profile_insights.evals.scenario_regeneration.go_scenario``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from profile_insights.evals.scenario_regeneration.go_scenario import main

if __name__ == "__main__":
    sys.exit(main(Path(__file__).resolve().parent))
