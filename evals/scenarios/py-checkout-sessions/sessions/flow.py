"""The checkout steps, each one request on the buyer's session."""

from decimal import Decimal

from sessions.pricing import line_price

VAT = Decimal("0.21")


class CheckoutFlow:
    """Applies checkout steps to stored sessions."""

    def __init__(self, store, price_lists):
        self.store = store
        self.price_lists = price_lists

    def _new_session(self, step):
        account = step["account"]
        return {
            "account": account,
            "buyer": step["buyer"],
            # the negotiated prices are frozen for the whole checkout
            "prices": self.price_lists[account],
            "cart": {},
            "address": None,
            "slot": None,
            "payment": None,
        }

    def handle(self, step):
        """Handle one checkout request and return its response."""
        session = self.store.load(step["session"])
        if session is None:
            session = self._new_session(step)
        action = step["action"]
        if action == "cart":
            self._update_cart(session, step["sku"], step["quantity"])
        elif action == "address":
            session["address"] = step["address"]
        elif action == "slot":
            session["slot"] = step["slot"]
        elif action == "payment":
            session["payment"] = step["method"]
        response = self._summary(session)
        if action == "place" and session["cart"] and session["address"]:
            self.store.delete(step["session"])
            response["status"] = "placed"
            return response
        self.store.save(step["session"], session)
        return response

    def _update_cart(self, session, sku, quantity):
        entry = session["prices"].get(sku)
        if entry is None:
            return
        if quantity <= 0:
            session["cart"].pop(sku, None)
        else:
            session["cart"][sku] = max(quantity, entry["moq"])

    def _summary(self, session):
        net = sum(
            (line_price(session["prices"][sku], quantity) * quantity
             for sku, quantity in session["cart"].items()),
            Decimal("0"),
        )
        return {
            "status": "ok",
            "lines": len(session["cart"]),
            "net": str(net),
            "vat": str((net * VAT).quantize(Decimal("0.01"))),
            "ready": bool(session["cart"] and session["address"] and session["payment"]),
        }
