"""The bank's payout API; locally a stand-in that answers like the sandbox does.

The sandbox (and, at peak times, production) turns away a share of the instructions with
503 "try again" while it is busy; the same instruction is accepted on a later attempt.
"""

import hashlib
import json
import random
import time


class GatewayBusy(Exception):
    """The payout API answered 503: the instruction was not taken, send it again."""


class PayoutRejected(Exception):
    """The payout API refused the instruction for good (bad account, limit exceeded)."""


class LocalPayoutGateway:
    """POST /v1/payouts with a signed instruction; answers with the bank's reference."""

    ROUND_TRIP_SECONDS = 0.0015

    def __init__(self, busy_share=0.3, seed=3):
        self.rng = random.Random(seed)
        self.busy_share = busy_share
        self.accepted = {}

    def submit(self, body, signature):
        """Send one payout instruction; return the bank's reference for it."""
        instruction = json.loads(body)
        if self.rng.random() < self.busy_share:
            raise GatewayBusy(f"503 Service Unavailable for {instruction['idempotency_key']}")
        if instruction["amount_cents"] <= 0:
            raise PayoutRejected("422 amount must be positive")
        time.sleep(self.ROUND_TRIP_SECONDS)
        reference = hashlib.sha1(signature.encode()).hexdigest()[:16]
        self.accepted[instruction["idempotency_key"]] = reference
        return reference
