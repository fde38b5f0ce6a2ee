'use strict';

const LEASE_MS = 15 * 60 * 1000;

// The seats of one organisation: one lease per running copy of the suite, keyed by the
// client's installation id.
class SeatPool {
  constructor(orgId, limit) {
    this.orgId = orgId;
    this.limit = limit;
    this.leases = {};
    this.peak = 0;
  }

  inUse() {
    return Object.keys(this.leases).length;
  }

  checkout(installId, user, product, now) {
    const existing = this.leases[installId];
    if (existing) {
      existing.expiresAt = now + LEASE_MS;
      return { status: 'granted', lease: existing };
    }
    if (this.inUse() >= this.limit) return { status: 'denied', reason: 'all seats in use' };
    const lease = { installId, user, product, since: now, expiresAt: now + LEASE_MS, beats: 0 };
    this.leases[installId] = lease;
    this.peak = Math.max(this.peak, this.inUse());
    return { status: 'granted', lease };
  }

  heartbeat(installId, now) {
    const lease = this.leases[installId];
    if (!lease) return { status: 'expired' };
    lease.expiresAt = now + LEASE_MS;
    lease.beats += 1;
    return { status: 'ok', lease };
  }

  release(installId) {
    const had = installId in this.leases;
    delete this.leases[installId];
    return { status: had ? 'released' : 'unknown' };
  }

  restore(leases) {
    for (const lease of leases) this.leases[lease.installId] = lease;
    this.peak = Math.max(this.peak, leases.length);
  }

  expire(now) {
    let expired = 0;
    for (const installId in this.leases) {
      if (this.leases[installId].expiresAt < now) {
        delete this.leases[installId];
        expired += 1;
      }
    }
    return expired;
  }
}

module.exports = { SeatPool, LEASE_MS };
