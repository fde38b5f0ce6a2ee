'use strict';

// The product catalogue as the PIM exports it every night: one record per SKU.
const CATEGORIES = ['garden', 'kitchen', 'office', 'toys', 'sports', 'lighting', 'bath'];

function loadCatalog(size = 40000) {
  const products = [];
  for (let i = 0; i < size; i += 1) {
    products.push({
      sku: `P-${String(100000 + i * 7)}`,
      title: `Product ${i}`,
      category: CATEGORIES[i % CATEGORIES.length],
      listPrice: Math.round((5 + (i % 400) * 1.37) * 100) / 100,
      vatRate: i % 11 === 0 ? 0.07 : 0.19,
      discontinued: i % 97 === 0,
    });
  }
  return products;
}

module.exports = { loadCatalog, CATEGORIES };
