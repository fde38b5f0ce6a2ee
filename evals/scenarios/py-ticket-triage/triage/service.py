"""The triage service: one call per incoming ticket."""

from triage.context import TriageContext
from triage.rules import priority, score

FALLBACK_QUEUE = "general"


class TriageService:
    def __init__(self, queues):
        self.queues = queues
        self.by_name = {queue.name: queue for queue in queues}
        self.explained = 0

    def handle(self, ticket):
        """Return the decision for one ticket: queue, priority and confidence."""
        context = TriageContext.open(ticket)
        best_name, best_total, runner_up = FALLBACK_QUEUE, 0.0, 0.0
        for queue in self.queues:
            total, evidence = score(queue, context.tokens)
            context.record(queue.name, total, evidence)
            if total > best_total:
                best_name, best_total, runner_up = queue.name, total, best_total
            elif total > runner_up:
                runner_up = total
        queue = self.by_name[best_name]
        confidence = 0.0 if best_total == 0 else round((best_total - runner_up) / best_total, 3)
        context.decision = {
            "request_id": ticket["request_id"],
            "queue": best_name,
            "priority": priority(queue, context.tokens, ticket["channel"]),
            "confidence": confidence,
        }
        if confidence < 0.2:
            # low-confidence decisions go to the supervisors' review list with the explanation
            context.decision["review_note"] = TriageContext.lookup(ticket["request_id"]).explain()
            self.explained += 1
        return context.decision
