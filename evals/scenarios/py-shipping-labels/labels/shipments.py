"""Packed shipments coming off the warehouse's packing stations."""

import random
from dataclasses import dataclass

SERVICES = ("ground", "ground", "ground", "express", "next_day")
DESTINATIONS = (
    ("Denver", "CO", "80202"),
    ("Austin", "TX", "78701"),
    ("Portland", "OR", "97204"),
    ("Columbus", "OH", "43215"),
    ("Raleigh", "NC", "27601"),
    ("Madison", "WI", "53703"),
)


@dataclass
class Shipment:
    shipment_id: str
    order_id: str
    service: str
    weight_grams: int
    dimensions_cm: tuple
    city: str
    state: str
    postal_code: str

    def as_request(self):
        return {
            "reference": self.shipment_id,
            "service": self.service,
            "weight": {"value": self.weight_grams, "unit": "g"},
            "dimensions": dict(zip(("length", "width", "height"), self.dimensions_cm)),
            "ship_to": {"city": self.city, "state": self.state, "postal_code": self.postal_code},
        }


def packing_waves(seed=21):
    """Yield the shipments of each packing wave (a cart of 8-20 parcels), forever."""
    rng = random.Random(seed)
    number = 0
    while True:
        wave = []
        for _ in range(rng.randint(8, 20)):
            number += 1
            city, state, postal = rng.choice(DESTINATIONS)
            wave.append(
                Shipment(
                    shipment_id=f"SHP-{number:07d}",
                    order_id=f"ORD-{rng.randint(10_000_000, 99_999_999)}",
                    service=rng.choice(SERVICES),
                    weight_grams=rng.randint(150, 12_000),
                    dimensions_cm=(rng.randint(10, 60), rng.randint(10, 40), rng.randint(5, 30)),
                    city=city,
                    state=state,
                    postal_code=postal,
                )
            )
        yield wave
