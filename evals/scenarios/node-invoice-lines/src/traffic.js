'use strict';

const TIER_NAMES = ['standard', 'standard', 'silver', 'gold', 'platinum'];

// Synthetic confirmed orders, 10 to 60 lines each, SKUs spread over the whole catalogue.
function* orders(catalogSize, seed = 11) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (let n = 0; ; n += 1) {
    const lines = [];
    const count = 10 + Math.floor(random() * 50);
    for (let i = 0; i < count; i += 1) {
      const index = Math.floor(random() * catalogSize);
      lines.push({ sku: `P-${String(100000 + index * 7)}`, quantity: 1 + Math.floor(random() * 4) });
    }
    yield {
      id: `o-${n}`,
      customer: { id: `cust-${Math.floor(random() * 5000)}`, tier: TIER_NAMES[n % TIER_NAMES.length] },
      lines,
    };
  }
}

module.exports = { orders };
