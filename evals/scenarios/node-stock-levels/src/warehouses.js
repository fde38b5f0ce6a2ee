'use strict';

const WAREHOUSES = ['berlin', 'rotterdam', 'lyon'];

// Synthetic stock snapshots as the warehouse systems push them: one row per SKU and warehouse.
function* snapshots(seed = 3) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (;;) {
    const rows = [];
    const skus = 300 + Math.floor(random() * 300);
    for (let i = 0; i < skus; i += 1) {
      for (const warehouse of WAREHOUSES) {
        if (random() < 0.8) {
          rows.push({ sku: `SKU-${10000 + i * 7}`, warehouse, available: Math.floor(random() * 40) - 2 });
        }
      }
    }
    const page = [];
    for (let i = 0; i < 24; i += 1) page.push(`SKU-${10000 + Math.floor(random() * skus) * 7}`);
    yield { snapshot: { takenAt: Date.now(), rows }, skus: page };
  }
}

module.exports = { snapshots };
