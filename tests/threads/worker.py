"""A worker process of the scale-out test: answer threads through the Python API.

Run as ``python -m tests.threads.worker JOB.json``; the job names the store (a Postgres URL)
and the threads with their answers; the results go to the job's ``out`` file as JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def main(job_file: str) -> None:
    """Run the job in ``job_file``."""
    from profile_insights.agent import NeedsInput, resume
    from profile_insights.agent.api import thread_store

    job = json.loads(Path(job_file).read_text())
    results: dict[str, Any] = {}
    with thread_store(job["store"]) as store:
        for thread in job["threads"]:
            # No context: the thread's checkout, recording and format come from the store.
            result = resume(thread["id"], thread["answer"], checkpointer=store)
            if isinstance(result, NeedsInput):
                results[thread["id"]] = {"status": "needs_input", "kind": result.question.kind}
            else:
                results[thread["id"]] = {
                    "status": "report",
                    "question": result.question,
                    "services": result.services,
                    "hot": result.hot_functions[0].function,
                    "format": result.rendered_format,
                    "rendered": result.rendered,
                }
    Path(job["out"]).write_text(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1])
