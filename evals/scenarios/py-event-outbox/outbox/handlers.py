"""The order-accepted handler: one message per downstream consumer."""

from outbox.codec import encode_message, envelope
from outbox.mail import render_confirmation, render_text


class OrderAcceptedHandler:
    """Turns an accepted order into the events the other services consume."""

    def __init__(self, broker):
        self.broker = broker

    def messages_for(self, order):
        """Return (topic, payload) for every consumer of an accepted order."""
        lines = order["lines"]
        total = sum(line["unit_cents"] * line["quantity"] for line in lines)
        yield "orders.placed", {"order": order, "total_cents": total}
        yield "payments.captured", {"order_id": order["id"], "amount_cents": total, "method": order["payment"]}
        yield (
            "stock.reserved",
            {
                "order_id": order["id"],
                "reservations": [
                    {"sku": line["sku"], "quantity": line["quantity"], "warehouse": line["warehouse"]} for line in lines
                ],
            },
        )
        yield (
            "mail.requested",
            {
                "to": order["customer"]["email"],
                "subject": f"Your order {order['id']}",
                "html": render_confirmation(order),
                "text": render_text(order),
            },
        )
        yield (
            "analytics.order",
            {"order_id": order["id"], "total_cents": total, "items": len(lines), "channel": order["channel"]},
        )

    def handle(self, order):
        """Publish every event of one accepted order; return how many were sent."""
        count = 0
        for topic, payload in self.messages_for(order):
            body, headers = encode_message(envelope(topic, payload, order["id"]))
            self.broker.publish(topic, body, headers)
            count += 1
        return count
