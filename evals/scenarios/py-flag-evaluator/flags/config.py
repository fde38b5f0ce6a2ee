"""The flag configuration as the admin UI publishes it (a generated equivalent for local runs)."""

import random

COUNTRIES = ["DE", "AT", "CH", "FR", "NL", "BE", "IT", "ES", "PL", "SE", "DK", "CZ"]
PLATFORMS = ["web", "ios", "android"]


def published_config(seed=3, flags=350, segments=40):
    """Return a configuration: flags with targeting rules and rollouts, and user segments."""
    rng = random.Random(seed)
    segment_names = [f"segment-{n:02d}" for n in range(segments)]
    config_flags = {}
    for number in range(flags):
        variants = ["off", "on"] if rng.random() < 0.7 else ["control", "treatment-a", "treatment-b"]
        share = 10000 // len(variants)
        config_flags[f"flag-{number:04d}"] = {
            "description": f"Rollout of change {number} ({rng.choice(['checkout', 'search', 'catalog', 'account'])} team)",
            "enabled": rng.random() < 0.9,
            "salt": f"{rng.getrandbits(48):012x}",
            "off_variant": variants[0],
            "rules": [
                {
                    "variant": rng.choice(variants),
                    "clauses": [
                        {"attribute": "country", "op": "in", "values": rng.sample(COUNTRIES, rng.randint(1, 5))},
                        {"attribute": "platform", "op": "in", "values": rng.sample(PLATFORMS, rng.randint(1, 3))},
                        {"op": "segment", "segment": rng.choice(segment_names)},
                    ][: rng.randint(1, 3)],
                }
                for _ in range(rng.randint(0, 4))
            ],
            "rollout": [[variant, share * (i + 1)] for i, variant in enumerate(variants)],
            "owners": [f"dev{rng.randint(1, 80)}@acme.example" for _ in range(rng.randint(1, 3))],
            "tags": rng.sample(["experiment", "ops", "release", "kill-switch", "permanent", "temporary"], 2),
        }
    config_segments = {name: sorted(rng.sample(range(1, 2_000_000), rng.randint(20, 300))) for name in segment_names}
    return {"schema": 4, "environment": "production", "flags": config_flags, "segments": config_segments}
