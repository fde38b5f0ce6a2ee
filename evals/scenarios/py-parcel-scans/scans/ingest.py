"""Scan validation and the parcel status machine."""

from dataclasses import dataclass, field

TRANSITIONS = {
    "created": {"arrived"},
    "arrived": {"sorted", "exception"},
    "sorted": {"loaded", "exception"},
    "loaded": {"arrived", "out_for_delivery", "exception"},
    "out_for_delivery": {"delivered", "exception", "arrived"},
    "exception": {"arrived", "sorted", "out_for_delivery"},
    "delivered": set(),
}
SCAN_STATUS = {
    "ARR": "arrived",
    "SRT": "sorted",
    "LOD": "loaded",
    "OFD": "out_for_delivery",
    "DLV": "delivered",
    "EXC": "exception",
}


@dataclass
class ParcelState:
    parcel_id: str
    status: str = "created"
    hub: str = ""
    hops: int = 0
    exceptions: list = field(default_factory=list)


@dataclass
class Scan:
    parcel_id: str
    code: str
    hub: str
    scanner: str
    at: float


class ScanIngest:
    """Applies scans to parcel states, recording every decision in the audit trail."""

    def __init__(self, routes, audit):
        self.routes = routes
        self.audit = audit
        self.states = {}
        self.rejected = 0

    def _state(self, parcel_id):
        state = self.states.get(parcel_id)
        if state is None:
            state = self.states[parcel_id] = ParcelState(parcel_id)
        return state

    def _check_route(self, plan, scan):
        position = plan.position(scan.hub)
        if position < 0:
            self.audit.record(scan.parcel_id, "misroute", scan.hub)
            return False
        self.audit.record(scan.parcel_id, "on-route", f"{scan.hub}#{position}")
        return True

    def apply(self, scan):
        """Apply one scan; return the parcel's new status or None when rejected."""
        plan = self.routes.get(scan.parcel_id)
        if plan is None:
            self.rejected += 1
            self.audit.record(scan.parcel_id, "unknown-parcel", scan.scanner)
            return None
        status = SCAN_STATUS.get(scan.code)
        state = self._state(scan.parcel_id)
        if status is None or status not in TRANSITIONS[state.status]:
            self.rejected += 1
            self.audit.record(scan.parcel_id, "bad-transition", f"{state.status}->{scan.code}")
            return None
        if status in ("arrived", "sorted") and not self._check_route(plan, scan):
            state.exceptions.append(("misroute", scan.hub, scan.at))
        if status == "delivered" and scan.hub != plan.final_hub():
            self.audit.record(scan.parcel_id, "delivered-off-route", scan.hub)
        state.status = status
        state.hub = scan.hub
        state.hops += 1
        self.audit.record(scan.parcel_id, "status", status)
        return status
