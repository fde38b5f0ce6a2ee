"""Order receipts as e-mail messages."""

from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

SHOP = "Acme Outdoor"


def _lines(order):
    for item in order["items"]:
        total = item["quantity"] * item["unit_price"]
        yield item["name"], item["quantity"], item["unit_price"], total


def render_receipt(order, sender):
    """The receipt of one paid order, as a multipart/alternative message."""
    message = EmailMessage()
    message["From"] = f"{SHOP} <{sender}>"
    message["To"] = order["email"]
    message["Subject"] = f"Your {SHOP} order {order['number']}"
    message["Date"] = format_datetime(order["paid_at"])
    message["Message-ID"] = make_msgid(domain="shop.acme.example")
    rows = list(_lines(order))
    grand_total = sum(total for *_, total in rows)
    text = [f"Hello {order['name']},", "", f"thank you for your order {order['number']}.", ""]
    text += [f"{quantity} x {name:30} {unit:8.2f} {total:9.2f}" for name, quantity, unit, total in rows]
    text += ["", f"Total: {grand_total:.2f} {order['currency']}", "", f"- {SHOP}"]
    message.set_content("\n".join(text))
    html_rows = "".join(
        f"<tr><td>{quantity}</td><td>{name}</td><td>{unit:.2f}</td><td>{total:.2f}</td></tr>"
        for name, quantity, unit, total in rows
    )
    message.add_alternative(
        f"<p>Hello {order['name']},</p><p>thank you for your order {order['number']}.</p>"
        f"<table>{html_rows}</table><p><b>Total: {grand_total:.2f} {order['currency']}</b></p>",
        subtype="html",
    )
    return message
