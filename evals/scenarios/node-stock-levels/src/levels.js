'use strict';

// Quantities below this are shown as "only a few left".
const LOW_STOCK = 5;

function levelsBySku(rows) {
  return rows.reduce((levels, row) => ({ ...levels, [row.sku]: (levels[row.sku] || 0) + row.available }), {});
}

function badge(quantity) {
  if (quantity <= 0) return 'sold-out';
  if (quantity < LOW_STOCK) return 'low';
  return 'in-stock';
}

function storefrontLevels(snapshot, skus) {
  const levels = levelsBySku(snapshot.rows);
  const result = {};
  for (const sku of skus) {
    const quantity = levels[sku] || 0;
    result[sku] = { quantity, badge: badge(quantity) };
  }
  return result;
}

module.exports = { levelsBySku, storefrontLevels };
