'use strict';

const { PRODUCTS } = require('./licenses');

// Client traffic: running suites heartbeat, new ones check out, some close. Installations of
// large organisations send most of the traffic, in proportion to their seats.
class ClientTraffic {
  constructor(organisations, seed = 21) {
    this.state = seed >>> 0;
    this.orgs = organisations;
    this.weights = [];
    let total = 0;
    for (const org of organisations) {
      total += org.limit;
      this.weights.push(total);
    }
    this.total = total;
    this.running = new Map(organisations.map((org) => [org.orgId, []]));
  }

  random() {
    this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
    return this.state / 4294967296;
  }

  pickOrg() {
    const x = this.random() * this.total;
    let index = 0;
    while (this.weights[index] <= x) index += 1;
    return this.orgs[index];
  }

  newInstall(org) {
    return `${org.orgId}-inst-${Math.floor(this.random() * org.limit * 1.3)}`;
  }

  warmUp(server, now = Date.UTC(2026, 0, 15, 8, 55)) {
    for (const org of this.orgs) {
      const running = this.running.get(org.orgId);
      const leases = [];
      for (let i = 0; i < org.limit * 0.85; i += 1) {
        const installId = this.newInstall(org);
        leases.push({ installId, user: `u${i}`, product: 'studio', since: now, expiresAt: now + 900000, beats: 0 });
        running.push(installId);
      }
      server.restore(org.orgId, leases);
    }
  }

  next() {
    const org = this.pickOrg();
    const running = this.running.get(org.orgId);
    const roll = this.random();
    const product = PRODUCTS[Math.floor(this.random() * PRODUCTS.length)];
    if (roll < 0.8 && running.length > 0) {
      const installId = running[Math.floor(this.random() * running.length)];
      return { kind: 'heartbeat', orgId: org.orgId, installId, product };
    }
    if (roll < 0.9 && running.length > 0) {
      const at = Math.floor(this.random() * running.length);
      const installId = running[at];
      running[at] = running[running.length - 1];
      running.pop();
      return { kind: 'release', orgId: org.orgId, installId, product };
    }
    const installId = this.newInstall(org);
    running.push(installId);
    return { kind: 'checkout', orgId: org.orgId, installId, user: `u${Math.floor(this.random() * 1e6)}`, product };
  }
}

module.exports = { ClientTraffic };
