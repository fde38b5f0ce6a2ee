'use strict';

const { PRICE_BOOK } = require('./pricebook');

function unitCents(entry, qty) {
  let cents = entry.tiers[0].cents;
  for (const tier of entry.tiers) {
    if (qty >= tier.minQty) {
      cents = tier.cents;
    }
  }
  for (const promo of entry.promotions) {
    cents = Math.round(cents * (100 - promo.percentOff) / 100);
  }
  return cents;
}

function priceCart(cart) {
  const lines = [];
  let total = 0;
  for (const line of cart.lines) {
    // A private copy per line: promotions must never mutate the shared price book.
    const entry = JSON.parse(JSON.stringify(PRICE_BOOK[line.sku]));
    const cents = unitCents(entry, line.qty) * line.qty;
    lines.push({ sku: line.sku, qty: line.qty, cents });
    total += cents;
  }
  return { cartId: cart.id, lines, total };
}

module.exports = { priceCart, unitCents };
