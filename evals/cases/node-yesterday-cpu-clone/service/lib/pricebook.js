'use strict';

// The price book: per SKU a list of quantity tiers and the promotions that apply.
function buildPriceBook(skus, seed) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const book = {};
  for (let i = 0; i < skus; i++) {
    const base = 199 + Math.floor(next() * 20000);
    book[`SKU-${String(i).padStart(5, '0')}`] = {
      currency: 'EUR',
      tiers: [
        { minQty: 1, cents: base },
        { minQty: 5, cents: Math.round(base * 0.95) },
        { minQty: 20, cents: Math.round(base * 0.9) },
      ],
      promotions: next() < 0.2 ? [{ code: 'WINTER', percentOff: 10 }] : [],
    };
  }
  return book;
}

const PRICE_BOOK = buildPriceBook(400, 42);

module.exports = { PRICE_BOOK, buildPriceBook };
