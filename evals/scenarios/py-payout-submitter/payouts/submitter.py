"""Submits a payout run to the bank, one instruction at a time."""

import logging
import time

from payouts.gateway import GatewayBusy, PayoutRejected
from payouts.instructions import instruction, signed

MAX_ATTEMPTS = 5
RETRY_BACKOFF_SECONDS = 0.05

log = logging.getLogger(__name__)


class PayoutSubmitter:
    """Sends every payout of a run and records the bank's references."""

    def __init__(self, gateway, signing_key):
        self.gateway = gateway
        self.signing_key = signing_key
        self.references = {}
        self.stats = {"accepted": 0, "failed": 0, "retries": 0}

    def submit_batch(self, batch):
        """Submit every payout of one run; return how many the bank accepted."""
        accepted = 0
        for payout in batch["payouts"]:
            body, signature = signed(instruction(payout, batch["run_id"]), self.signing_key)
            reference = self._submit_with_retry(body, signature)
            if reference is not None:
                self.references[payout["seller_id"]] = reference
                accepted += 1
        return accepted

    def _submit_with_retry(self, body, signature):
        """Send one instruction, retrying while the bank is busy; None when it fails."""
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                reference = self.gateway.submit(body, signature)
            except GatewayBusy:
                self.stats["retries"] += 1
                time.sleep(RETRY_BACKOFF_SECONDS)
                continue
            except PayoutRejected as error:
                log.warning("payout rejected: %s", error)
                break
            self.stats["accepted"] += 1
            return reference
        self.stats["failed"] += 1
        return None
