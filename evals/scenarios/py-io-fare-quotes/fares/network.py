"""Stops of the network and their fare zones."""

import random

ZONES = ["1", "2", "3", "4", "5", "6", "A", "B", "C"]


class Network:
    def __init__(self, stops):
        self.stops = stops  # stop id -> (name, zone)

    def zone_of(self, stop_id):
        stop = self.stops.get(stop_id)
        if stop is None:
            raise KeyError(f"unknown stop {stop_id}")
        return stop[1]

    def zone_pair(self, origin, destination):
        a, b = sorted((self.zone_of(origin), self.zone_of(destination)))
        return f"{a}-{b}"


def sample_network(stops=1200, seed=5):
    rnd = random.Random(seed)
    table = {}
    for i in range(stops):
        zone = ZONES[min(int(rnd.expovariate(0.45)), len(ZONES) - 1)]
        table[f"S{i:05d}"] = (f"Stop {i}", zone)
    return Network(table)
