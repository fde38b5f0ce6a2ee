"""Match supplier feed rows against the catalogue."""

from dataclasses import dataclass, field


@dataclass
class BatchResult:
    adjustments: list = field(default_factory=list)
    unknown: list = field(default_factory=list)
    unchanged: int = 0


def reconcile_batch(batch, catalog):
    """Return the stock adjustments and unknown SKUs of one feed batch."""
    result = BatchResult()
    for row in batch:
        sku = row["sku"]
        if sku not in catalog.active_skus:
            result.unknown.append(sku)
            continue
        product = catalog.product(sku)
        delta = row["quantity"] - product.on_hand
        if delta:
            result.adjustments.append((sku, delta, row["supplier"]))
        else:
            result.unchanged += 1
    return result


def apply_adjustments(result, catalog):
    """Apply the adjustments of one batch to the in-memory stock levels."""
    for sku, delta, _supplier in result.adjustments:
        catalog.product(sku).on_hand += delta
    return len(result.adjustments)
