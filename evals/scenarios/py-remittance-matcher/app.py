"""remittance-matcher: matches incoming bank transfers to open invoices.

Run: python /srv/remittance-matcher/app.py
     (PYROSCOPE_SERVER_ADDRESS, SERVICE_REPOSITORY, SERVICE_GIT_REF, LOAD_SECONDS)
"""

import os
import time

import pyroscope

from remittance.customers import load_customers
from remittance.matcher import Matcher
from remittance.statements import statement_lines


def main():
    pyroscope.configure(
        application_name="remittance-matcher",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
    )
    customers = load_customers()
    matcher = Matcher(customers)
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    seen = matched = 0
    for line in statement_lines(customers):
        if matcher.match(line) is not None:
            matched += 1
        seen += 1
        if seen % 200 == 0 and time.time() > deadline:
            break
    pyroscope.shutdown()
    print(f"matched {matched} of {seen} transfers, {matcher.unmatched} left for the clearing team")


if __name__ == "__main__":
    main()
