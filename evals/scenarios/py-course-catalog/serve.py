"""course-catalog: course section search for the enrolment site, profiled with Pyroscope."""

import os
import random
import time

import pyroscope

from catalog.repository import SectionRepository
from catalog.search import SearchEndpoint
from catalog.sections import DEPARTMENTS, build_term


def search_requests(seed=73):
    """Yield the query strings the enrolment site sends, forever."""
    rng = random.Random(seed)
    days = ("mon", "tue", "wed", "thu", "fri")
    while True:
        query = {"dept": rng.choice(DEPARTMENTS)}
        if rng.random() < 0.6:
            query["level"] = str(rng.choice((100, 200, 300, 400)))
        if rng.random() < 0.4:
            query["day"] = rng.choice(days)
        if rng.random() < 0.3:
            query["open_only"] = "1"
        yield query


def main():
    pyroscope.configure(
        application_name="course-catalog",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
    )
    endpoint = SearchEndpoint(SectionRepository(build_term()))
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    served = hits = 0
    for query in search_requests():
        response = endpoint.get(query)
        hits += len(response["results"])
        served += 1
        if served % 20 == 0 and time.time() > deadline:
            break
    pyroscope.shutdown()
    print(f"served {served} searches, {hits} results")


if __name__ == "__main__":
    main()
