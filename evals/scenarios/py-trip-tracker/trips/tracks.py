"""Trip tracks: the cleaned list of points of a trip, and its summary."""

from trips.geo import haversine_km

#: Faster than this between two pings is a GPS jump, not driving (km per second).
MAX_SPEED_KM_S = 0.05
STOP_SECONDS = 120


def build_track(pings):
    """Return the kept points of a trip, each with the distance driven up to it."""
    points = []
    distance = 0.0
    previous = None
    for ping in pings:
        if previous is not None:
            step = haversine_km(previous, ping)
            if step / max(ping["t"] - previous["t"], 1) > MAX_SPEED_KM_S:
                continue
            distance += step
        points = points + [{"t": ping["t"], "lat": ping["lat"], "lon": ping["lon"], "km": round(distance, 3)}]
        previous = ping
    return points


def summarize(van, track):
    """Return the dashboard summary of one trip."""
    stops = 0
    still_since = None
    for before, after in zip(track, track[1:]):
        if after["km"] - before["km"] < 0.002:
            still_since = before["t"] if still_since is None else still_since
        else:
            if still_since is not None and before["t"] - still_since >= STOP_SECONDS:
                stops += 1
            still_since = None
    return {
        "van": van,
        "points": len(track),
        "km": track[-1]["km"] if track else 0.0,
        "seconds": track[-1]["t"] - track[0]["t"] if track else 0,
        "stops": stops,
    }
