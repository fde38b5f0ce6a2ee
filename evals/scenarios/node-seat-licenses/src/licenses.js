'use strict';

const { SeatPool } = require('./seats');

const PRODUCTS = ['studio', 'studio-pro', 'render-node'];

// Organisations and their entitlements; the handlers the clients call.
class LicenseServer {
  constructor() {
    this.pools = new Map();
    const sizes = [24000, 18000, 12000, 9000, 6000, 3000, 1500, 800, 400, 200];
    sizes.forEach((seats, index) => {
      const orgId = `org-${(index + 1).toString().padStart(3, '0')}`;
      this.pools.set(orgId, new SeatPool(orgId, seats));
    });
    this.audit = [];
  }

  organisations() {
    return [...this.pools.values()].map((pool) => ({ orgId: pool.orgId, limit: pool.limit }));
  }

  answer(pool, result) {
    return {
      status: result.status,
      reason: result.reason,
      expiresAt: result.lease ? result.lease.expiresAt : undefined,
      seats: { inUse: pool.inUse(), limit: pool.limit },
    };
  }

  handle(request, now) {
    const pool = this.pools.get(request.orgId);
    if (!pool) return { status: 'denied', reason: 'unknown organisation' };
    if (!PRODUCTS.includes(request.product)) return { status: 'denied', reason: 'not entitled' };
    let result;
    if (request.kind === 'checkout') {
      result = pool.checkout(request.installId, request.user, request.product, now);
    } else if (request.kind === 'heartbeat') {
      result = pool.heartbeat(request.installId, now);
    } else {
      result = pool.release(request.installId);
    }
    if (result.status === 'denied') {
      this.audit.push({ at: now, orgId: pool.orgId, installId: request.installId });
      if (this.audit.length > 1000) this.audit.splice(0, 500);
    }
    return this.answer(pool, result);
  }

  // leases of the suites that were running when the server restarted (from its snapshot)
  restore(orgId, leases) {
    this.pools.get(orgId).restore(leases);
  }

  expire(now) {
    let expired = 0;
    for (const pool of this.pools.values()) expired += pool.expire(now);
    return expired;
  }
}

module.exports = { LicenseServer, PRODUCTS };
