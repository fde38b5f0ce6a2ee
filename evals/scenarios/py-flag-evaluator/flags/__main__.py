"""python -m flags: replays flag evaluation requests, profiled with Pyroscope."""

import os
import random
import time

import pyroscope

from flags.config import COUNTRIES, PLATFORMS, published_config
from flags.evaluate import Evaluator
from flags.store import FlagStore


def requests(flag_keys, seed=8):
    """Yield (user, flags asked for) forever, as the shop's pages ask them."""
    rng = random.Random(seed)
    while True:
        user = {
            "id": rng.randint(1, 2_000_000),
            "country": rng.choice(COUNTRIES),
            "platform": rng.choice(PLATFORMS),
            "app_version": f"5.{rng.randint(0, 30)}.0",
        }
        yield user, rng.sample(flag_keys, rng.randint(3, 12))


def main():
    pyroscope.configure(
        application_name="feature-flags",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
    )
    store = FlagStore(published_config())
    evaluator = Evaluator(store)
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    served = decisions = 0
    for user, keys in requests(sorted(store.config["flags"])):
        decisions += sum(evaluator.evaluate(key, user)["variant"] != "off" for key in keys)
        served += 1
        if served % 10 == 0 and time.time() > deadline:
            break
    pyroscope.shutdown()
    print(f"served {served} requests, {decisions} flags on")


if __name__ == "__main__":
    main()
