"""Delivery zones: a coarse grid index of simple rectangles."""

import random
from dataclasses import dataclass

CITIES = [("Berlin", 52.52, 13.40, "Europe/Berlin"), ("Hamburg", 53.55, 9.99, "Europe/Berlin"),
          ("Vienna", 48.21, 16.37, "Europe/Vienna"), ("Zurich", 47.37, 8.54, "Europe/Zurich"),
          ("Prague", 50.08, 14.44, "Europe/Prague"), ("Warsaw", 52.23, 21.01, "Europe/Warsaw")]


@dataclass(frozen=True)
class Zone:
    zone_id: str
    city: str
    tz: str
    south: float
    west: float
    north: float
    east: float


def build_zones(seed=14):
    """Return {city: (south, west, 12x12 grid of zones)}."""
    rng = random.Random(seed)
    grids = {}
    for city, lat, lon, tz in CITIES:
        south0, west0 = lat - 0.3, lon - 0.3
        grid = []
        for row in range(12):
            cells = []
            for col in range(12):
                south, west = south0 + row * 0.05, west0 + col * 0.05
                cells.append(Zone(f"{city[:3].upper()}-{row:02d}{col:02d}-{rng.randint(0, 9)}", city, tz, south, west, south + 0.05, west + 0.05))
            grid.append(cells)
        grids[city] = (south0, west0, grid)
    return grids


class ZoneIndex:
    def __init__(self, grids):
        self.grids = grids

    def find(self, lat, lon):
        for south, west, grid in self.grids.values():
            row, col = int((lat - south) / 0.05), int((lon - west) / 0.05)
            if 0 <= row < len(grid) and 0 <= col < len(grid[row]):
                return grid[row][col]
        return None
