'use strict';

// Sliding one-minute windows per tenant and route group.
class QuotaChecker {
  constructor(config) {
    this.config = config;
    this.windows = new Map();
  }

  limitFor(tenantId, route) {
    const config = this.config.current();
    const tenant = config.tenants[tenantId];
    const plan = config.plans[tenant ? tenant.plan : config.defaults.plan];
    const group = config.routes.find((r) => route.startsWith(r.prefix));
    const override = tenant && tenant.overrides[group ? group.name : 'default'];
    return override !== undefined ? override : plan.perMinute[group ? group.name : 'default'];
  }

  check(request) {
    const limit = this.limitFor(request.tenant, request.route);
    const key = `${request.tenant}:${request.route.split('/')[2]}`;
    const minute = Math.floor(request.at / 60000);
    let window = this.windows.get(key);
    if (window === undefined || window.minute !== minute) {
      window = { minute, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { allowed: window.count <= limit, limit, remaining: Math.max(limit - window.count, 0) };
  }
}

module.exports = { QuotaChecker };
