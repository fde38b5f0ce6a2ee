"""Position lookups, remembered so that repeated positions are answered at once."""


class Resolver:
    def __init__(self, index):
        self.index = index
        self._results = {}

    def describe(self, lat, lon, zone):
        """Return the answer document for one position."""
        if zone is None:
            return {"lat": lat, "lon": lon, "zone": None}
        neighbours = [f"{zone.zone_id}/{d}" for d in ("n", "ne", "e", "se", "s", "sw", "w", "nw")]
        return {
            "lat": lat,
            "lon": lon,
            "zone": zone.zone_id,
            "city": zone.city,
            "tz": zone.tz,
            "bbox": [zone.south, zone.west, zone.north, zone.east],
            "neighbours": neighbours,
            "label": f"{zone.city} zone {zone.zone_id} ({lat:.5f}, {lon:.5f})" * 2,
        }

    def resolve(self, lat, lon):
        key = (round(lat, 6), round(lon, 6))
        answer = self._results.get(key)
        if answer is None:
            answer = self.describe(lat, lon, self.index.find(lat, lon))
            self._results[key] = answer
        return answer
