"""parts-costing: quotes for configured products, costed from the bill of materials.

Run: python app.py   (PYROSCOPE_SERVER_ADDRESS, SERVICE_REPOSITORY, SERVICE_GIT_REF, LOAD_SECONDS)
"""

import os
import time

import pyroscope

from costing.bom import build_catalog
from costing.quotes import QuoteDesk, quote_requests

SERVICE_NAME = "parts-costing"


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
    catalog = build_catalog()
    desk = QuoteDesk(catalog)
    deadline = time.time() + seconds
    quoted = 0
    total = 0.0
    for request in quote_requests(catalog):
        answer = desk.quote(request)
        quoted += 1
        total += answer["total_price"]
        if time.time() > deadline:
            break
    pyroscope.shutdown()
    print(f"quoted {quoted} requests worth {total:,.2f} EUR")


if __name__ == "__main__":
    main()
