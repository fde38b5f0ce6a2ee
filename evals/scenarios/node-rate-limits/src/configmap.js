'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// Local runs: write the limits file the cluster mounts from the quota-limits ConfigMap.
const ROUTE_GROUPS = ['orders', 'catalog', 'search', 'payments', 'reports', 'webhooks', 'users', 'inventory'];
const PLANS = ['free', 'starter', 'business', 'enterprise'];

function limitsDocument(tenants = 6000) {
  const plans = {};
  PLANS.forEach((plan, i) => {
    plans[plan] = { perMinute: { default: 60 * 4 ** i }, burst: 10 * 4 ** i, description: `${plan} plan` };
    for (const group of ROUTE_GROUPS) plans[plan].perMinute[group] = 30 * 4 ** i + group.length;
  });
  const doc = {
    schema: 'quota-limits/v2',
    defaults: { plan: 'free' },
    plans,
    routes: ROUTE_GROUPS.map((name) => ({ name, prefix: `/v1/${name}` })),
    tenants: {},
  };
  for (let t = 0; t < tenants; t += 1) {
    const overrides = {};
    if (t % 7 === 0) overrides[ROUTE_GROUPS[t % ROUTE_GROUPS.length]] = 1000 + t;
    doc.tenants[`t-${t}`] = { plan: PLANS[t % PLANS.length], overrides, contact: `ops+${t}@tenant.example`, since: '2024-03-01' };
  }
  return doc;
}

function mountedLimitsFile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quota-limits-'));
  const file = path.join(dir, 'limits.json');
  fs.writeFileSync(file, JSON.stringify(limitsDocument(), null, 2));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return file;
}

module.exports = { mountedLimitsFile };
