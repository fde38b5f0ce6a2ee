"""View model of the "My orders" page."""


def money(cents):
    return f"{cents / 100:.2f} EUR"


def order_history(customer_id, store, catalogue):
    """Return the customer's recent orders with product details."""
    page = []
    for order in store.recent_orders(customer_id):
        items = []
        for line in order.lines:
            product = catalogue.product(line.sku)
            items.append(
                {
                    "title": product["title"],
                    "image": product["image"],
                    "quantity": line.quantity,
                    "price": money(line.unit_cents * line.quantity),
                    "ships_in_days": product["ships_in_days"],
                }
            )
        page.append({"order": order.order_id, "placed": order.placed_at, "items": items})
    return page
