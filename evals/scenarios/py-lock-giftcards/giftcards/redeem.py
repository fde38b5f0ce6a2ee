"""Gift card redemption: check the card, debit the balance, return a receipt."""

import time
import uuid
from decimal import Decimal


def luhn_ok(number):
    """Whether a card number passes the Luhn check."""
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


class RedemptionService:
    """Handles the checkout's redemption requests."""

    def __init__(self, store, locks):
        self.store = store
        self.locks = locks

    def handle(self, request):
        """One redemption request: {"card", "pin", "amount", "order"} -> receipt."""
        card = request["card"].replace(" ", "")
        if not (len(card) == 16 and card.isdigit() and luhn_ok(card)):
            return {"status": "invalid_card", "order": request["order"]}
        amount = Decimal(request["amount"]).quantize(Decimal("0.01"))
        if amount <= 0:
            return {"status": "invalid_amount", "order": request["order"]}
        return self.redeem(card, request["pin"], amount, request["order"])

    def redeem(self, card, pin, amount, order):
        """Debit amount from the card (all of it, or what is left when the balance is lower)."""
        with self.locks.hold(card):
            account = self.store.get(card)
            if account is None or account["pin"] != pin:
                return {"status": "declined", "order": order}
            balance = Decimal(account["balance"])
            if balance <= 0:
                return {"status": "empty", "order": order}
            debit = min(balance, amount)
            self.store.put(card, {"balance": str(balance - debit), "last_order": order})
        return {
            "status": "approved" if debit == amount else "partial",
            "order": order,
            "debited": str(debit),
            "remaining": str(balance - debit),
            "receipt": uuid.uuid4().hex,
            "at": time.time(),
        }
