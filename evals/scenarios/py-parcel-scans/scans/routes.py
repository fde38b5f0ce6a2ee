"""Planned routes: the hubs a parcel passes through, in order."""

import random

HUBS = [
    "LHR1", "LHR2", "MAN1", "BHX1", "GLA1", "EDI1", "BRS1", "LDS1", "NCL1", "CDF1",
    "SOU1", "NOT1", "LIV1", "SHF1", "ABZ1", "BFS1", "EXT1", "NWI1", "CBG1", "OXF1",
]
SERVICES = ["next-day", "two-day", "economy", "signed"]


class RoutePlan:
    """The hub sequence of one parcel and where it should be now."""

    __slots__ = ("parcel_id", "service", "hubs")

    def __init__(self, parcel_id, service, hubs):
        self.parcel_id = parcel_id
        self.service = service
        self.hubs = hubs

    def position(self, hub):
        """Return the index of hub on the route, or -1 when the parcel should not be there."""
        try:
            return self.hubs.index(hub)
        except ValueError:
            return -1

    def final_hub(self):
        return self.hubs[-1]


def planned_routes(count, seed=11):
    """Return {parcel_id: RoutePlan} for the parcels in the network today."""
    rng = random.Random(seed)
    plans = {}
    for n in range(count):
        parcel_id = f"PX{n:07d}"
        hubs = rng.sample(HUBS, rng.randint(2, 5))
        plans[parcel_id] = RoutePlan(parcel_id, rng.choice(SERVICES), hubs)
    return plans
