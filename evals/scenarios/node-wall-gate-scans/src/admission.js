'use strict';

const { validBarcode, GATES } = require('./tickets');

const gateZone = new Map();
for (const [zone, gates] of Object.entries(GATES)) for (const gate of gates) gateZone.set(gate, zone);

class Admission {
  constructor(eventId, tickets, journal) {
    this.eventId = eventId;
    this.tickets = tickets;
    this.journal = journal;
    this.inside = new Map(); // barcode -> gate it entered by
    this.counts = { open: 0, deny: 0 };
  }

  decide(scan) {
    if (!validBarcode(scan.barcode)) return { open: false, reason: 'unreadable' };
    const ticket = this.tickets.get(scan.barcode);
    if (!ticket) return { open: false, reason: 'unknown ticket' };
    if (ticket.revoked) return { open: false, reason: 'revoked' };
    const zone = gateZone.get(scan.gate);
    if (zone !== ticket.zone && zone !== 'hospitality') return { open: false, reason: `wrong gate, use ${GATES[ticket.zone][0]}` };
    if (scan.direction === 'out') {
      this.inside.delete(scan.barcode);
      return { open: true, reason: 'exit' };
    }
    const enteredBy = this.inside.get(scan.barcode);
    if (enteredBy && !ticket.reentry) return { open: false, reason: `already inside (entered at ${enteredBy})` };
    this.inside.set(scan.barcode, scan.gate);
    return { open: true, reason: enteredBy ? 're-entry' : 'entry' };
  }

  // POST /turnstiles/:gate/scans: one batch of barcode reads from a turnstile.
  admitBatch(gate, scans) {
    const answers = [];
    for (const scan of scans) {
      const decision = this.decide({ ...scan, gate });
      this.journal.append({
        event: this.eventId,
        gate,
        barcode: scan.barcode,
        direction: scan.direction,
        at: scan.at,
        open: decision.open,
        reason: decision.reason,
      });
      this.counts[decision.open ? 'open' : 'deny'] += 1;
      answers.push({ barcode: scan.barcode, open: decision.open, display: decision.open ? 'WELCOME' : decision.reason });
    }
    return { status: 200, answers };
  }

  occupancy() {
    const byZone = {};
    for (const gate of this.inside.values()) {
      const zone = gateZone.get(gate);
      byZone[zone] = (byZone[zone] || 0) + 1;
    }
    return byZone;
  }
}

module.exports = { Admission };
