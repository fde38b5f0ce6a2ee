"""Sinks: counters standing in for the archive and alerting back ends."""

from collections import Counter


class Sinks:
    def __init__(self):
        self.delivered = Counter()
        self.rejected = 0
        self.last_alert = None

    def deliver(self, sink, tenant, fields):
        self.delivered[sink] += 1
        if sink == "alerting":
            self.last_alert = (tenant, fields["service"], fields["message"][:80])
        return sink

    def reject(self, line):
        self.rejected += 1
        return "rejected"
