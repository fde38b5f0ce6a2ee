'use strict';

function profileDocument(id) {
  return {
    id: `cust_${id}`,
    version: 1,
    name: { first: `First${id}`, last: `Last${id}` },
    email: `customer${id}@mail.example`,
    addresses: Array.from({ length: 4 }, (_, i) => ({ label: ['home', 'work', 'parents', 'holiday'][i], street: `Street ${i + id}`, zip: `${10000 + ((id * 7 + i) % 89999)}`, city: 'Berlin', country: 'DE' })),
    preferences: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`pref_${i}`, (id + i) % 3 === 0])),
    consents: Array.from({ length: 12 }, (_, i) => ({ purpose: `purpose-${i}`, granted: (id + i) % 2 === 0, at: new Date(1735689600000 + i * 86400000) })),
    devices: Array.from({ length: 6 }, (_, i) => ({ id: `dev_${id}_${i}`, platform: ['ios', 'android', 'web'][i % 3], lastSeen: new Date(1767225600000 - i * 3600000), pushToken: `tok_${(id * 31 + i).toString(36).repeat(4)}` })),
    loyalty: { tier: ['bronze', 'silver', 'gold'][id % 3], points: (id * 37) % 20000, history: Array.from({ length: 60 }, (_, i) => ({ order: `o${id}-${i}`, points: (i * 13) % 200, at: new Date(1704067200000 + i * 604800000) })) },
    tags: new Set([`segment-${id % 7}`, `cohort-${id % 12}`]),
  };
}

module.exports = { profileDocument };
