"""Entry point: replays back-office requests against the payroll exports, reports to Pyroscope."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyroscope  # noqa: E402

from payroll.runs import PayrollStore  # noqa: E402
from payroll.traffic import BackOffice  # noqa: E402
from payroll.views import ExportViews  # noqa: E402

SERVICE_NAME = "payroll-exports"


def start_profiling() -> None:
    pyroscope.configure(
        application_name=SERVICE_NAME,
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
    )


def main() -> None:
    store = PayrollStore()
    views = ExportViews(store)
    office = BackOffice(store.run_ids())
    start_profiling()
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    served = 0
    sent = 0
    while time.time() < deadline:
        request = office.next_request()
        body = views.handle(request)
        sent += len(body)
        served += 1
        if served % 200 == 0:
            print(f"{served} back-office requests, {sent} bytes sent", flush=True)
    pyroscope.shutdown()
    print(f"served {served} requests over {len(store.run_ids())} payroll runs")


if __name__ == "__main__":
    main()
