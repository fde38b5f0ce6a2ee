'use strict';

const { CATEGORIES } = require('./campaigns');

const PROMOS = ['SUMMER-25', 'WELCOME10', 'KIDS-15', 'FREESHIP', 'SPRING-10'];
const BRANDS = ['Nordkap', 'Veloce', 'Aster & Co', 'Pinewood', 'Lumo', 'Trailhead', 'Kobold', 'Sable'];
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

// the way shoppers enter a code they read in an e-mail or on a voucher card
function typed(code, r) {
  const x = r();
  if (x < 0.35) return code;
  if (x < 0.7) return code.toLowerCase();
  if (x < 0.85) return ` ${code}`;
  return code.replace('-', '- ').toLowerCase();
}

function* checkoutTraffic(seed = 42) {
  const r = rng(seed);
  const retry = [];
  let customer = 0;
  for (;;) {
    customer += 1;
    const lines = [];
    const n = 1 + Math.floor(r() * 5);
    for (let i = 0; i < n; i += 1) {
      const cat = CATEGORIES[Math.floor(r() * CATEGORIES.length)];
      lines.push({
        sku: `${cat.slice(0, 3).toUpperCase()}-${String(10000 + Math.floor(r() * 40) * 7).padStart(6, '0')}`,
        brand: BRANDS[Math.floor(r() * BRANDS.length)],
        price: Math.round(5 + r() * 120),
        qty: 1 + Math.floor(r() * 2),
      });
    }
    let code;
    if (retry.length > 0 && r() < 0.3) {
      code = retry[Math.floor(r() * retry.length)];
    } else if (r() < 0.35) {
      code = typed(PROMOS[Math.floor(r() * PROMOS.length)], r);
    } else {
      let suffix = '';
      for (let i = 0; i < 6; i += 1) suffix += ALPHABET[Math.floor(r() * ALPHABET.length)];
      code = typed(`WB-${suffix}`, r);
    }
    retry.push(code);
    if (retry.length > 50) retry.shift();
    yield { code, basket: { customer: `C${customer}`, at: Date.UTC(2026, 2, 1) + customer * 1000, lines } };
  }
}

module.exports = { checkoutTraffic };
