"""The menu: what can be ordered and which station prepares it."""

import random
from dataclasses import dataclass

STATIONS = ["grill", "fryer", "cold", "wok", "bar", "pastry"]


@dataclass(frozen=True)
class MenuItem:
    code: str
    name: str
    station: str
    prep_seconds: int
    course: int  # 1 starter, 2 main, 3 dessert, 0 drink


def load_menu(seed=2):
    """The restaurant's current menu (generated for local runs)."""
    rng = random.Random(seed)
    items = {}
    for number in range(140):
        station = rng.choice(STATIONS)
        course = 0 if station == "bar" else 3 if station == "pastry" else rng.choice([1, 2, 2])
        code = f"{station[:2].upper()}{number:03d}"
        items[code] = MenuItem(code, f"{station} dish {number}", station, rng.randint(30, 900), course)
    return items
