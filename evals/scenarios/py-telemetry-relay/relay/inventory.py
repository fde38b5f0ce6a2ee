"""Host inventory: which team, rack and environment a host belongs to."""

import random


def load_inventory(hosts=800, seed=4):
    rng = random.Random(seed)
    return {
        f"host-{number:04d}": {
            "team": rng.choice(["payments", "search", "platform", "data", "web"]),
            "rack": f"r{rng.randint(1, 60):02d}",
            "env": rng.choice(["prod", "prod", "staging"]),
            "dc": rng.choice(["fra1", "ams2", "dub1"]),
        }
        for number in range(hosts)
    }


def agent_samples(inventory, seed=6):
    """Yield raw agent samples forever."""
    rng = random.Random(seed)
    hosts = list(inventory)
    metrics = ["cpu.user", "cpu.system", "mem.used", "disk.io.read", "disk.io.write", "net.rx", "net.tx", "load.1m"]
    clock = 1767225600.0
    while True:
        clock += 0.001
        yield {"host": rng.choice(hosts), "metric": rng.choice(metrics), "value": round(rng.random() * 100, 3), "ts": clock}
