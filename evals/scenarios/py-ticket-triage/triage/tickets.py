"""Synthetic tickets that look like the help-desk's traffic."""

import random
import uuid

CHANNELS = ("email", "chat", "web")
PRODUCTS = ("checkout", "mobile app", "invoice", "subscription", "delivery", "account")
PHRASES = (
    "my card was charged twice for the same order",
    "the refund has not arrived after ten days",
    "i cannot log in since the last update",
    "the password reset link has expired",
    "the parcel shows delivered but nothing came",
    "the courier left the box at the wrong address",
    "the invoice has the wrong vat number",
    "please cancel my subscription before renewal",
    "the app crashes when i open the basket",
    "the discount code is not accepted at checkout",
    "i want to change the delivery slot",
    "two factor codes never reach my phone",
    "the order confirmation e-mail never arrived",
    "how do i download last year's invoices",
)
FILLER = (
    "hello", "team", "thanks", "regards", "again", "urgent", "today", "please", "help",
    "order", "number", "since", "yesterday", "still", "waiting", "answer", "tried", "twice",
)


def _body(rng):
    sentences = []
    for _ in range(rng.randint(12, 30)):
        phrase = rng.choice(PHRASES)
        noise = " ".join(rng.choice(FILLER) for _ in range(rng.randint(4, 12)))
        sentences.append(f"{phrase}, {noise} (ref {rng.randint(100000, 999999)}).")
    return " ".join(sentences)


def ticket_stream(seed=41):
    """Yield ticket documents as the help-desk posts them, forever."""
    rng = random.Random(seed)
    customers = [f"cus_{rng.randrange(16**8):08x}" for _ in range(5000)]
    while True:
        yield {
            "request_id": str(uuid.UUID(int=rng.getrandbits(128))),
            "channel": rng.choice(CHANNELS),
            "customer": rng.choice(customers),
            "product": rng.choice(PRODUCTS),
            "subject": rng.choice(PHRASES).capitalize(),
            "body": _body(rng),
        }
