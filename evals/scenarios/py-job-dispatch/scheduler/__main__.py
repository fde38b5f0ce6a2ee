"""python -m scheduler: dispatch loop with simulated producers."""

import os
import random
import time

import pyroscope

from scheduler.jobs import burst
from scheduler.queue import JobQueue
from scheduler.workers import WorkerPool


def dispatch(queue, pool, budget):
    """Hand up to ``budget`` jobs to the workers."""
    for _ in range(budget):
        job = queue.next_job()
        if job is None:
            return
        if not pool.run(job):
            queue.requeue(job)


def main():
    pyroscope.configure(
        application_name="job-scheduler",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
    )
    rng = random.Random(19)
    queue = JobQueue()
    pool = WorkerPool(size=32)
    queue.push_many(burst(rng, 400_000))
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    while time.time() < deadline:
        queue.push_many(burst(rng, rng.randint(200, 600)))
        dispatch(queue, pool, budget=500)
    pyroscope.shutdown()
    print(f"completed {pool.completed}, failed {pool.failed}, backlog {len(queue)}")


if __name__ == "__main__":
    main()
