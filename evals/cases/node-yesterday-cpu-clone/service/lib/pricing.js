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
  const book = PRICE_BOOK;
  const lines = [];
  let total = 0;
  for (const line of cart.lines) {
    const entry = book[line.sku];
    const cents = unitCents(entry, line.qty) * line.qty;
    lines.push({ sku: line.sku, qty: line.qty, cents });
    total += cents;
  }
  return { cartId: cart.id, lines, total };
}

module.exports = { priceCart, unitCents };
