"""The parts catalogue: purchased parts and assemblies with their bills of materials.

Assemblies are built from sub-assemblies of the level below; the same sub-assembly (a
motor mount, a sealed bearing unit, a wiring loom) is used by many assemblies above it.
"""

import random
from dataclasses import dataclass, field

LEVEL_NAMES = ["product", "module", "unit", "subassembly", "kit", "component", "part", "raw"]
PARTS_PER_LEVEL = 24
COMPONENTS_PER_ASSEMBLY = 4
LABOUR_RATE_PER_MINUTE = 1.35


@dataclass
class Part:
    """One catalogue entry; components is a list of (part number, quantity)."""

    part_no: str
    description: str
    level: int
    purchase_price: float = 0.0
    labour_minutes: float = 0.0
    lead_days: int = 0
    components: list = field(default_factory=list)

    @property
    def is_purchased(self):
        return not self.components


@dataclass
class Catalog:
    parts: dict
    labour_rate: float = LABOUR_RATE_PER_MINUTE

    def products(self):
        return [part for part in self.parts.values() if part.level == 0]

    def level(self, level):
        return [part for part in self.parts.values() if part.level == level]


def _part_no(level, index):
    return f"{LEVEL_NAMES[level][:3].upper()}-{level}{index:03d}"


def build_catalog(seed=3):
    """A catalogue of eight levels, from finished products down to raw material."""
    rng = random.Random(seed)
    parts = {}
    deepest = len(LEVEL_NAMES) - 1
    for level in range(deepest, -1, -1):
        for index in range(PARTS_PER_LEVEL):
            part_no = _part_no(level, index)
            part = Part(part_no, f"{LEVEL_NAMES[level]} {index}", level)
            if level == deepest:
                part.purchase_price = round(rng.uniform(0.001, 0.02), 4)
                part.lead_days = rng.randint(2, 20)
            else:
                part.labour_minutes = round(rng.uniform(0.5, 6.0), 2)
                children = rng.sample(range(PARTS_PER_LEVEL), COMPONENTS_PER_ASSEMBLY)
                part.components = [
                    (_part_no(level + 1, child), rng.choice([1, 1, 1, 1, 2]))
                    for child in children
                ]
            parts[part_no] = part
    return Catalog(parts)
