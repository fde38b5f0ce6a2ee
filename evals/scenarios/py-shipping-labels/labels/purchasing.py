"""Buying the labels of a packing wave from the carrier."""

import logging
import time
from dataclasses import dataclass

from labels.carrier_client import CarrierError

log = logging.getLogger("shipping-labels")

LABEL_POLL_INTERVAL_SECONDS = 0.25
LABEL_TIMEOUT_SECONDS = 10.0


@dataclass
class PurchasedLabel:
    shipment_id: str
    job_id: str
    tracking: str
    document: bytes


class LabelPurchaser:
    def __init__(self, carrier, printer):
        self._carrier = carrier
        self._printer = printer
        self.stats = {"labels": 0, "polls": 0, "failed": 0}

    def buy_wave(self, shipments):
        """Buy and print the label of every shipment of a wave, in packing order."""
        labels = []
        for shipment in shipments:
            try:
                label = self._buy_label(shipment)
            except (CarrierError, TimeoutError) as error:
                log.warning("label for %s failed: %s", shipment.shipment_id, error)
                self.stats["failed"] += 1
                continue
            self._printer.print_label(label)
            labels.append(label)
        return labels

    def _buy_label(self, shipment):
        job_id = self._carrier.create_label(shipment.as_request())
        status = self._wait_until_rendered(job_id)
        document = self._carrier.label_document(job_id)
        self.stats["labels"] += 1
        return PurchasedLabel(shipment.shipment_id, job_id, status["tracking"], document)

    def _wait_until_rendered(self, job_id):
        deadline = time.monotonic() + LABEL_TIMEOUT_SECONDS
        while True:
            status = self._carrier.label_status(job_id)
            self.stats["polls"] += 1
            if status["status"] == "ready":
                return status
            if time.monotonic() > deadline:
                raise TimeoutError(f"label job {job_id} still {status['status']}")
            time.sleep(LABEL_POLL_INTERVAL_SECONDS)
