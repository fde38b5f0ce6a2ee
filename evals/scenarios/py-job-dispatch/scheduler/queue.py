"""The pending-job queue (first in, first out)."""


class JobQueue:
    def __init__(self):
        self._pending = []

    def __len__(self):
        return len(self._pending)

    def push_many(self, jobs):
        self._pending.extend(jobs)

    def next_job(self):
        """Return the oldest pending job, or None."""
        if not self._pending:
            return None
        return self._pending.pop(0)

    def requeue(self, job):
        job.attempts += 1
        self._pending.append(job)
