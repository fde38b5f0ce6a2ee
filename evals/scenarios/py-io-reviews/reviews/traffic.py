"""Synthetic review submissions."""

import random

PHRASES = [
    "Works as described", "arrived two days late", "the colour is darker than on the photo",
    "great value for the price", "battery lasts about a week", "my kids love it",
    "stopped working after a month", "easy to assemble", "the manual is useless",
    "would buy again", "size runs small", "customer service replaced it quickly",
    "see www.example.org for a better one", "total scam, do not buy",
]


def submissions(seed=19):
    """Yield review submissions forever."""
    rng = random.Random(seed)
    while True:
        text = ". ".join(rng.sample(PHRASES, rng.randint(1, 5))) + "."
        yield {
            "product": f"P{rng.randint(10000, 99999)}",
            "customer": f"C{rng.randint(1, 900000)}",
            "rating": rng.choice([1, 2, 3, 4, 4, 5, 5, 5, 0]),
            "title": rng.choice(["Good", "Meh", "Love it", "Broke", "OK", ""]),
            "text": text if rng.random() > 0.01 else "",
        }
