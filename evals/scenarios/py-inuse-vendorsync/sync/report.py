"""Rejected price files of the day, for the supplier-quality report sent at midnight."""

import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Rejection:
    supplier: str
    file_name: str
    error: Exception
    seconds: float
    at: float = field(default_factory=time.time)


class RejectionLog:
    """Collects the day's rejections; the report job reads and resets it at midnight."""

    def __init__(self):
        self.entries = []

    def record(self, supplier, file_name, error, seconds):
        self.entries.append(Rejection(supplier, file_name, error, seconds))

    def summary(self):
        """Rejected files per supplier."""
        return Counter(entry.supplier for entry in self.entries)

    def report_lines(self):
        """The lines of the supplier-quality report."""
        for entry in sorted(self.entries, key=lambda e: (e.supplier, e.at)):
            stamp = time.strftime("%H:%M:%S", time.localtime(entry.at))
            yield f"{entry.supplier}  {stamp}  {entry.file_name}  {entry.error}"

    def reset(self):
        entries, self.entries = self.entries, []
        return entries
