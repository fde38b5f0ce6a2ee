#!/usr/bin/env python3
"""Re-record the Python and Node.js scenarios beside this script with the real Pyroscope SDKs.

Run it with the project's venv Python: the Python scenarios run with this interpreter and
need its ``pyroscope-io``:

    .venv/bin/python evals/scenarios/regenerate_sdk.py [--profile-insights CMD]
        [--node-cache DIR] [--accept-new-ref] [--update-expected] [SCENARIO ...]

What it does: ``profile_insights.evals.scenario_regeneration.sdk_scenario``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from profile_insights.evals.scenario_regeneration.sdk_scenario import main

if __name__ == "__main__":
    sys.exit(main(Path(__file__).resolve().parent))
