"""The worker pool: each dispatch hands one job to a free worker."""

import zlib


class WorkerPool:
    def __init__(self, size):
        self.size = size
        self.completed = 0
        self.failed = 0

    def run(self, job):
        """Pretend to run a job; one in a hundred fails and is retried."""
        checksum = zlib.crc32(f"{job.kind}:{job.tenant}:{job.payload['size']}".encode())
        if checksum % 100 == 0 and job.attempts < 2:
            self.failed += 1
            return False
        self.completed += 1
        return True
