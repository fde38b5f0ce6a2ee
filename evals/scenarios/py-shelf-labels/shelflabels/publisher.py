"""Publishing a pricing run: every changed price goes to its shelf label."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from shelflabels.gateway_client import ShelfGatewayClient
from shelflabels.labels import label_document
from shelflabels.pricebook import PriceChange

log = logging.getLogger("shelf-labels.publisher")


class LabelPublisher:
    def __init__(self, gateway: ShelfGatewayClient):
        self._gateway = gateway
        self.published = 0
        self.skipped = 0

    def publish(self, changes: Iterable[PriceChange]) -> int:
        count = 0
        for change in changes:
            if change.price <= 0:
                self.skipped += 1
                continue
            self._gateway.push_label(change.label_id, label_document(change))
            count += 1
        self.published += count
        return count
