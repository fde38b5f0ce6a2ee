'use strict';

const { TYPES } = require('./events');

function loadSubscriptions(count = 60) {
  const endpoints = [];
  for (let i = 0; i < count; i += 1) {
    endpoints.push({
      id: `we_${i}`,
      url: `https://partner${i}.example/hooks/acme`,
      secret: `whsec_${(i * 2654435761).toString(16)}`,
      types: TYPES.filter((_, t) => (i + t) % 3 !== 0),
    });
  }
  const byType = new Map(TYPES.map((type) => [type, endpoints.filter((e) => e.types.includes(type))]));
  return { endpoints, byType };
}

module.exports = { loadSubscriptions };
