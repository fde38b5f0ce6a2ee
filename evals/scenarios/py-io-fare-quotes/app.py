"""fare-quotes: answers the journey planner's fare quote requests on a pool of worker threads.

Run: python /tmp/fare-quotes/app.py (see README.md for the environment)
"""

import os
import random
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyroscope

from fares import settings
from fares.network import sample_network
from fares.rules_client import default_client
from fares.service import QuoteService

SERVICE_NAME = "fare-quotes"
HERE = Path(__file__).resolve().parent
CARDS = ["adult"] * 6 + ["child", "senior", "senior", "student", "jobseeker"]


def start_rules_standin(seconds):
    """Start the local stand-in of the rules replicas; return its process and replica list."""
    process = subprocess.Popen(
        [sys.executable, str(HERE / "fares" / "rules_standin.py"), str(seconds + 30)],
        stdout=subprocess.PIPE,
        text=True,
    )
    return process, process.stdout.readline().strip().split(",")


def planner_requests(network, seed=17):
    rnd = random.Random(seed)
    stops = sorted(network.stops)
    while True:
        yield {
            "from": rnd.choice(stops),
            "to": rnd.choice(stops),
            "date": f"2026-02-{rnd.randint(1, 28):02d}",
            "minute": rnd.randrange(300, 1440),
            "card": rnd.choice(CARDS),
        }


def main():
    seconds = float(os.environ.get("LOAD_SECONDS", "20"))
    standin, replicas = None, settings.RULES_REPLICAS
    if not replicas:
        standin, replicas = start_rules_standin(seconds)
    pyroscope.configure(
        application_name=SERVICE_NAME,
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        # wall-clock sampling: request latency including the time spent waiting
        oncpu=False,
        gil_only=False,
    )
    network = sample_network()
    rules = default_client(replicas)
    service = QuoteService(network, rules)
    outcomes = Counter()
    traffic = planner_requests(network)
    deadline = time.time() + seconds
    with ThreadPoolExecutor(max_workers=settings.WORKERS, thread_name_prefix="request") as pool:
        while time.time() < deadline:
            batch = [next(traffic) for _ in range(settings.WORKERS * 4)]
            for answer in pool.map(service.quote, batch):
                outcomes[answer["status"]] += 1
    pyroscope.shutdown()
    if standin is not None:
        standin.terminate()
        standin.wait()
    print(f"answered {sum(outcomes.values())} quotes: {dict(outcomes)}; {rules.failovers} rules failovers")


if __name__ == "__main__":
    main()
