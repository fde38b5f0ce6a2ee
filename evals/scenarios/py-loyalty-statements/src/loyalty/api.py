"""The statement endpoint of the member app: GET /members/<id>/statement?months=N."""

from __future__ import annotations

from loyalty.ledger import DAY, PointsLedger
from loyalty.statement import MemberStatement

PAGE_SIZE = 25


class StatementApi:
    def __init__(self, ledger: PointsLedger):
        self._ledger = ledger
        self.served = 0

    def get_statement(self, member: str, now: float, months: int = 12, page: int = 0) -> dict:
        statement = MemberStatement(self._ledger, member, now)
        since = now - months * 30 * DAY
        activity = statement.activity(since)
        start = page * PAGE_SIZE
        self.served += 1
        return {
            **statement.summary(),
            "months": months,
            "items": activity[start:start + PAGE_SIZE],
            "total_items": len(activity),
            "page": page,
        }
