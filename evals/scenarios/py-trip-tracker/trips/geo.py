"""Great-circle distances."""

import math

EARTH_RADIUS_KM = 6371.0


def haversine_km(a, b):
    """Return the distance in km between two points with "lat" and "lon" in degrees."""
    lat1, lat2 = math.radians(a["lat"]), math.radians(b["lat"])
    dlat = lat2 - lat1
    dlon = math.radians(b["lon"] - a["lon"])
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))
