"""The append-only audit log, chained with a running SHA-256."""

import hashlib
import json
import logging

from audit.redact import mask

log = logging.getLogger("audit.trail")


def render_event(event):
    """Human-readable multi-line rendering of an event (personal data masked)."""
    return json.dumps(mask(event.as_dict()), indent=2, sort_keys=True)


class AuditTrail:
    def __init__(self):
        self.head = hashlib.sha256(b"genesis").hexdigest()
        self.length = 0
        self.records = []

    def append(self, event):
        record = {"seq": self.length, "prev": self.head, "actor": event.actor, "action": event.action, "target": event.target}
        log.debug("appending audit event:\n%s" % render_event(event))
        self.head = hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()
        self.length += 1
        self.records.append((self.length, self.head))
        if len(self.records) > 10000:
            del self.records[:5000]
        return self.head
