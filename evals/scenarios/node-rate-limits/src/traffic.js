'use strict';

const ROUTES = ['/v1/orders/123', '/v1/catalog/items', '/v1/search?q=lamp', '/v1/payments/intents', '/v1/reports/daily', '/v1/users/me', '/v1/inventory/levels', '/v2/legacy/ping'];

function makeRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function* apiRequests(seed = 41) {
  const rand = makeRandom(seed);
  let at = Date.UTC(2026, 0, 15, 10);
  while (true) {
    at += Math.floor(rand() * 5);
    yield { tenant: `t-${Math.floor(rand() * 6500)}`, route: ROUTES[Math.floor(rand() * ROUTES.length)], at };
  }
}

module.exports = { apiRequests };
