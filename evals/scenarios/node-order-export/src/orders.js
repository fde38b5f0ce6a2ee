'use strict';

const VAT_CLASSES = ['standard', 'standard', 'standard', 'reduced', 'zero'];
const COUNTRIES = ['DE', 'AT', 'NL', 'FR', 'BE'];

function makeRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function merchantDay(merchant, day, rand) {
  const orders = [];
  const count = 1500 + Math.floor(rand() * 1500);
  for (let i = 0; i < count; i += 1) {
    const lines = [];
    const n = 1 + Math.floor(rand() * 5);
    for (let j = 0; j < n; j += 1) {
      lines.push({
        sku: `SKU-${String(Math.floor(rand() * 50000)).padStart(6, '0')}`,
        quantity: 1 + Math.floor(rand() * 3),
        unitCents: 199 + Math.floor(rand() * 20000),
        vatClass: VAT_CLASSES[Math.floor(rand() * VAT_CLASSES.length)],
      });
    }
    orders.push({
      id: `${merchant}-${day}-${String(i).padStart(5, '0')}`,
      placedAt: `2026-01-${String(day).padStart(2, '0')}T${String(8 + (i % 14)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`,
      merchant,
      country: COUNTRIES[Math.floor(rand() * COUNTRIES.length)],
      lines,
    });
  }
  return orders;
}

function* exportRequests() {
  const rand = makeRandom(11);
  const days = [];
  for (let m = 0; m < 4; m += 1) for (let d = 1; d <= 3; d += 1) days.push(merchantDay(`M${100 + m}`, d, rand));
  while (true) yield days[Math.floor(rand() * days.length)];
}

module.exports = { exportRequests };
