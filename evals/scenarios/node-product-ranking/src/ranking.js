'use strict';

function relevance(product) {
  const trust = Math.log10(1 + product.reviews) / 4;
  const freshness = Math.exp(-product.listedDaysAgo / 180);
  const availability = product.stock > 0 ? 1 : 0.2;
  return (product.conversion * 10 + (product.rating / 5) * trust + 0.3 * freshness) * availability;
}

function listingPage(products, page, pageSize = 48) {
  const ranked = [...products].sort((a, b) => relevance(b) - relevance(a));
  return ranked.slice(page * pageSize, (page + 1) * pageSize).map((p) => ({ id: p.id, title: p.title, price: p.priceCents }));
}

module.exports = { listingPage, relevance };
