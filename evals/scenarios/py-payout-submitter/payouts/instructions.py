"""Payout instructions as the bank's API expects them: canonical JSON with an HMAC signature."""

import hashlib
import hmac
import json


def instruction(payout, run_id):
    """Return the API body of one payout."""
    return {
        "idempotency_key": f"{run_id}:{payout['seller_id']}",
        "amount_cents": payout["amount_cents"],
        "currency": payout["currency"],
        "creditor": {"name": payout["seller_name"], "iban": payout["iban"], "bic": payout["bic"]},
        "remittance": f"ACME payout {run_id} seller {payout['seller_id']}",
        "execution": "next_business_day",
    }


def signed(body, key):
    """Return the canonical body and its signature header value."""
    text = json.dumps(body, sort_keys=True, separators=(",", ":"))
    signature = hmac.new(key, text.encode(), hashlib.sha256).hexdigest()
    return text, signature
