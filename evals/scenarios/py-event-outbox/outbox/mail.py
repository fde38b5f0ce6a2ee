"""The order-confirmation e-mail, rendered here so the mailer only has to send it."""

CELL = 'style="padding:8px 12px;border-bottom:1px solid #e5e5e5;font-family:Helvetica,Arial,sans-serif;font-size:14px;color:#333333"'

HEADER = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Your order</title></head>'
    '<body style="margin:0;padding:0;background:#f4f4f4"><table role="presentation" width="100%" cellpadding="0" cellspacing="0">'
    '<tr><td align="center" style="padding:24px"><table role="presentation" width="600" style="background:#ffffff">'
)
FOOTER = (
    '</table><p style="font-family:Helvetica,Arial,sans-serif;font-size:12px;color:#888888">'
    "You receive this e-mail because you placed an order in our shop. Questions? Reply to this e-mail.</p>"
    "</td></tr></table></body></html>"
)


def render_confirmation(order):
    """Return the HTML body of the confirmation e-mail for an order."""
    rows = []
    for line in order["lines"]:
        rows.append(
            f"<tr><td {CELL}>{line['sku']}</td><td {CELL}>Size {line['size']}</td>"
            f'<td {CELL} align="right">{line["quantity"]}</td>'
            f'<td {CELL} align="right">{line["unit_cents"] / 100:.2f}&nbsp;{line["currency"]}</td></tr>'
        )
    address = order["shipping_address"]
    greeting = f'<tr><td colspan="4" {CELL}>Hello {address["name"]}, thank you for your order {order["id"]}.</td></tr>'
    return HEADER + greeting + "".join(rows) + FOOTER


def render_text(order):
    """Return the plain-text alternative of the confirmation e-mail."""
    lines = [f"Hello {order['shipping_address']['name']},", "", f"thank you for your order {order['id']}.", ""]
    for line in order["lines"]:
        lines.append(
            f"  {line['sku']:<12} size {line['size']:<3} x{line['quantity']:<3} {line['unit_cents'] / 100:>9.2f} {line['currency']}"
        )
    lines += [
        "",
        "You receive this e-mail because you placed an order in our shop.",
        "Questions? Reply to this e-mail.",
    ]
    return "\n".join(lines)
