'use strict';

const { editDistance } = require('./distance');
const { normalize } = require('./normalize');

function better(x, y) {
  if (x.prefix !== y.prefix) return x.prefix;
  if (x.distance !== y.distance) return x.distance < y.distance;
  return x.product.name < y.product.name;
}

// keepBest inserts a candidate into the ranked top list, dropping the last one.
function keepBest(best, candidate, limit) {
  if (best.length === limit && !better(candidate, best[limit - 1])) return;
  let i = best.length;
  while (i > 0 && better(candidate, best[i - 1])) i -= 1;
  best.splice(i, 0, candidate);
  if (best.length > limit) best.pop();
}

// Closest products to what the pharmacist typed: an exact start of the name
// ranks first, then by typo distance, then alphabetically.
class FormularySearch {
  constructor(products) {
    this.products = products;
    this.searches = 0;
  }

  suggest(query, { limit = 8, includeControlled = true } = {}) {
    const q = normalize(query);
    if (q.length < 3) return [];
    this.searches += 1;
    const best = [];
    for (const product of this.products) {
      if (!includeControlled && product.controlled) continue;
      const prefix = product.searchName.startsWith(q) || (product.brand !== null && product.generic.startsWith(q));
      const distance = editDistance(q, product.searchName.slice(0, q.length));
      keepBest(best, { product, prefix, distance }, limit);
    }
    return best.map(({ product, distance }) => ({
      code: product.code,
      label: `${product.name}, ${product.pack}`,
      controlled: product.controlled,
      distance,
    }));
  }
}

module.exports = { FormularySearch };
