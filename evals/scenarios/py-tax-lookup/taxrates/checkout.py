"""Tax of one order."""

from decimal import ROUND_HALF_UP, Decimal


def order_tax(order, table):
    """Return the tax of an order in cents."""
    total = Decimal(0)
    for line in order["lines"]:
        rate = Decimal(str(table.rate(order["region"], order["postal_code"], line["category"])))
        total += Decimal(line["cents"]) * rate
    return int(total.quantize(Decimal(1), rounding=ROUND_HALF_UP))
