"""listing-publisher: checks sellers' listings and publishes them to the catalogue.

Run: cd /srv/listing-publisher && python app.py
(PYROSCOPE_SERVER_ADDRESS, SERVICE_REPOSITORY, SERVICE_GIT_REF, LOAD_SECONDS)
"""

import os
import time

import pyroscope

from listings.catalog import Catalog, PublishError
from listings.feed import seed_listings, submissions

SERVICE_NAME = "listing-publisher"


def main():
    seconds = float(os.environ.get("LOAD_SECONDS", "20"))
    pyroscope.configure(
        application_name=SERVICE_NAME,
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
        oncpu=True,
        gil_only=True,
    )
    catalog = Catalog(seed_listings(4_000))
    deadline = time.time() + seconds
    published = rejected = 0
    for listing in submissions():
        try:
            catalog.publish(listing)
            published += 1
        except PublishError:
            rejected += 1
        if time.time() > deadline:
            break
    pyroscope.shutdown()
    print(f"published {published} listings, rejected {rejected}; catalogue has {len(catalog)}")


if __name__ == "__main__":
    main()
