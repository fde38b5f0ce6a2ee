'use strict';

const RATES = { EUR: 1, GBP: 0.86, USD: 1.09, SEK: 11.4 };

function money(cents, currency) {
  if (cents === null) return null;
  const value = (cents / 100) * (RATES[currency] || 1);
  return `${value.toFixed(2)} ${currency}`;
}

function renderPage(page, currency) {
  return JSON.stringify({
    registry: page.id,
    owners: page.owners,
    eventDate: page.eventDate,
    catalogVersion: page.catalogVersion,
    items: page.entries.map((entry) => ({
      sku: entry.sku,
      title: entry.title,
      image: entry.image,
      price: money(entry.priceCents, currency),
      remaining: entry.remaining,
      delivery: entry.delivery,
      state: entry.state,
    })),
  });
}

module.exports = { renderPage };
