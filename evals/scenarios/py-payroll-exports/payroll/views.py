"""The back-office requests on a payroll run's export."""

from __future__ import annotations

import json
from dataclasses import dataclass

from payroll.layout import LINE_WIDTH, export_text
from payroll.runs import PayrollStore

CHECK_LINES = 40


@dataclass(frozen=True)
class Request:
    action: str  # "summary", "check" or "download"
    run_id: str
    admin: str


class ExportViews:
    def __init__(self, store: PayrollStore):
        self._store = store
        self.downloads: list[tuple[str, str, int]] = []

    def summary(self, run_id: str) -> str:
        run = self._store.get(run_id)
        gross, net = run.totals()
        return json.dumps({"run": run_id, "company": run.company, "period": run.period,
                           "payslips": len(run.payslips), "gross": gross, "net": net})

    def check_file(self, run_id: str) -> str:
        """The first lines of the export file, shown before the download for a layout check."""
        run = self._store.get(run_id)
        first = export_text(run).splitlines()[:CHECK_LINES]
        return json.dumps({"run": run_id, "width": LINE_WIDTH, "lines": first,
                           "more": len(run.payslips) + 2 - len(first)})

    def download(self, run_id: str, admin: str) -> str:
        text = export_text(self._store.get(run_id))
        self.downloads.append((run_id, admin, len(text)))
        return text

    def handle(self, request: Request) -> str:
        if request.action == "check":
            return self.check_file(request.run_id)
        if request.action == "download":
            return self.download(request.run_id, request.admin)
        return self.summary(request.run_id)
