'use strict';

// The products as the actuarial team publishes them: a base rate per age band, region and
// cover level, loadings for add-ons and claims history, and excess discounts.

const AGE_BANDS = [18, 21, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80];
const REGIONS = ['north', 'south', 'east', 'west', 'capital', 'islands'];
const COVERS = ['basic', 'standard', 'plus', 'premium'];

function seeded(seed) {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}

function rateTable(random, base) {
  const rows = [];
  for (const from of AGE_BANDS) {
    for (const region of REGIONS) {
      for (const cover of COVERS) {
        for (const term of [6, 12]) {
          rows.push({
            ageFrom: from,
            region,
            cover,
            termMonths: term,
            monthly: Math.round(base * (0.6 + random()) * (1 + COVERS.indexOf(cover) * 0.35) * 100) / 100,
            validFrom: '2026-01-01',
            filedAs: `R-${from}-${region.slice(0, 3).toUpperCase()}-${cover[0].toUpperCase()}${term}`,
          });
        }
      }
    }
  }
  return rows;
}

function loadProducts() {
  const random = seeded(4242);
  const make = (id, name, base) => ({
    id,
    name,
    insurer: 'Acme Mutual',
    currency: 'EUR',
    rates: rateTable(random, base),
    addOnLoadings: { gadgets: 0.08, legal: 0.04, 'winter-sports': 0.12, cruise: 0.15, business: 0.1 },
    claimsLoadings: [0, 0.15, 0.3, 0.5],
    excessDiscounts: { 0: 0, 100: 0.05, 250: 0.1, 500: 0.18 },
    documents: {
      terms: `https://docs.acme.example/${id}/terms-2026.pdf`,
      ipid: `https://docs.acme.example/${id}/ipid-2026.pdf`,
    },
  });
  return new Map([
    ['home-contents', make('home-contents', 'Home Contents', 9.5)],
    ['home-buildings', make('home-buildings', 'Home Buildings', 14)],
    ['travel-single', make('travel-single', 'Single Trip Travel', 3.2)],
    ['travel-annual', make('travel-annual', 'Annual Multi-Trip Travel', 6.8)],
  ]);
}

module.exports = { loadProducts, AGE_BANDS };
