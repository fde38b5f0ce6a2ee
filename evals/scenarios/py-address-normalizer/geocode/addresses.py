"""Synthetic delivery addresses of incoming orders."""

import random

STREETS = ["Kerkstr.", "Dorpsstraat", "Stationsweg", "Molenln", "Marktpl", "Schoolstraat",
           "Nieuwe wg", "Julianalaan", "Beatrixstr", "Kanaalweg", "Parkln", "Havenstraat"]
CITIES = [("1012", "Amsterdam"), ("2011", "Haarlem"), ("2511", "Den Haag"), ("3011", "Rotterdam"),
          ("3511", "Utrecht"), ("5038", "Tilburg"), ("6211", "Maastricht"), ("8011", "Zwolle")]


def order_addresses(seed=8):
    """Yield order addresses forever; a few customers order again (same address)."""
    rng = random.Random(seed)
    order = 7_000_000
    seen = []
    while True:
        order += 1
        if seen and rng.random() < 0.15:
            street, number, postcode, city = rng.choice(seen)
        else:
            prefix, city = rng.choice(CITIES)
            street = rng.choice(STREETS)
            number = rng.randint(1, 400)
            postcode = f"{prefix} {rng.choice('ABCDEFGHJKLM')}{rng.choice('ABCDEFGHJKLM')}"
            seen.append((street, number, postcode, city))
        yield {"order": order, "street": f" {street} ", "number": number, "postcode": postcode.lower(),
               "city": city}
