"""Synthetic back-office sessions: administrators checking payroll runs before the transfer."""

from __future__ import annotations

import random

from payroll.views import Request

ADMINS = ["hr.lisa", "hr.omar", "fin.jana", "fin.kofi", "hr.petra"]


class BackOffice:
    """Mostly layout checks and summaries while a run is fixed; a download now and then."""

    def __init__(self, run_ids: list[str], seed: int = 3):
        self._rng = random.Random(seed)
        self._run_ids = run_ids

    def next_request(self) -> Request:
        rng = self._rng
        roll = rng.random()
        action = "download" if roll < 0.01 else "check" if roll < 0.55 else "summary"
        return Request(action, rng.choice(self._run_ids), rng.choice(ADMINS))
