"""Synthetic checkout redemptions over the issued cards."""

import hashlib
import random


def _with_check_digit(body):
    total = 0
    for position, char in enumerate(reversed(body)):
        digit = int(char)
        if position % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return body + str((10 - total % 10) % 10)


def issued_cards(count=6000, seed=12):
    rng = random.Random(seed)
    return [_with_check_digit("6039" + "".join(str(rng.randint(0, 9)) for _ in range(11))) for _ in range(count)]


def card_pin(card):
    """The PIN printed on the card (derived for the stand-in store)."""
    return str(int(hashlib.sha1(card.encode()).hexdigest()[:8], 16) % 10000).zfill(4)


def redemptions(seed=5):
    """Yield redemption requests forever: mostly distinct cards, a few typos and wrong PINs."""
    rng = random.Random(seed)
    cards = issued_cards()
    order = 7_000_000
    while True:
        order += 1
        card = rng.choice(cards)
        pin = card_pin(card) if rng.random() > 0.03 else "0000"
        if rng.random() < 0.02:
            card = card[:-1] + str((int(card[-1]) + 1) % 10)
        yield {
            "card": " ".join(card[i : i + 4] for i in range(0, 16, 4)),
            "pin": pin,
            "amount": f"{rng.choice([5, 10, 15, 20, 25, 30, 49.99, 75]):.2f}",
            "order": f"O-{order}",
        }
