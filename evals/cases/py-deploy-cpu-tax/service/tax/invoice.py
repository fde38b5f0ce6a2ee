"""Invoices with VAT per line."""

from tax.rules import rate_for


def build_invoice(order):
    """Return the invoice lines, the net, the VAT and the gross total (in cents)."""
    lines = []
    net = vat = 0
    for item in order["items"]:
        amount = item["price_cents"] * item["qty"]
        rate = rate_for(order["region"], item["category"])
        tax = round(amount * rate)
        lines.append(f"{item['sku']:<12} {item['qty']:>3} x {item['price_cents'] / 100:>9.2f}  VAT {rate:.0%}")
        net += amount
        vat += tax
    return {"lines": lines, "net": net, "vat": vat, "gross": net + vat}


def render(order, invoice):
    """Return the invoice document as the text the PDF service typesets."""
    header = [f"Invoice {order['id']}", f"Region {order['region']}", "-" * 48]
    body = [f"{n + 1:>3}. {line}" for n, line in enumerate(invoice["lines"])]
    footer = [
        "-" * 48,
        f"Net   {invoice['net'] / 100:>12,.2f} EUR",
        f"VAT   {invoice['vat'] / 100:>12,.2f} EUR",
        f"Gross {invoice['gross'] / 100:>12,.2f} EUR",
    ]
    return "\n".join(header + body + footer).upper().center(64)
