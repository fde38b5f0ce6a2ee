"""Player records and synthetic traffic."""

import random
from dataclasses import dataclass


@dataclass
class Player:
    player_id: int
    name: str
    score: int
    joined: int
    country: str


def seed_players(count=40000, seed=17):
    rng = random.Random(seed)
    return [
        Player(number, f"player{number}", rng.randint(0, 250000), rng.randint(0, 10**6), rng.choice("DE FR US BR JP KR".split()))
        for number in range(count)
    ]


def requests(players, seed=23):
    """Yield ("result", player_id, points) and ("rank", player_id, None) requests."""
    rng = random.Random(seed)
    count = len(players)
    while True:
        if rng.random() < 0.7:
            yield "result", rng.randrange(count), rng.randint(-40, 120)
        else:
            yield "rank", rng.randrange(count), None
