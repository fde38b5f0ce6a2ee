'use strict';

const { AGE_BANDS } = require('./products');

function ageBand(age) {
  let band = AGE_BANDS[0];
  for (const from of AGE_BANDS) if (age >= from) band = from;
  return band;
}

// The premium of one product for an applicant profile (bands, not the raw answers).
function premium(product, profile) {
  const row = product.rates.find(
    (r) => r.ageFrom === profile.ageBand && r.region === profile.region && r.cover === profile.cover && r.termMonths === 12,
  );
  if (!row) return null;
  let monthly = row.monthly;
  for (const addOn of profile.addOns) monthly *= 1 + (product.addOnLoadings[addOn] || 0);
  monthly *= 1 + product.claimsLoadings[Math.min(profile.claims, product.claimsLoadings.length - 1)];
  monthly *= 1 - (product.excessDiscounts[profile.excess] || 0);
  return {
    productId: product.id,
    monthly: Math.round(monthly * 100) / 100,
    annual: Math.round(monthly * 12 * 100) / 100,
    rateRef: row.filedAs,
    currency: product.currency,
  };
}

function profileOf(applicant) {
  return {
    ageBand: ageBand(applicant.age),
    region: applicant.region,
    cover: applicant.cover,
    excess: applicant.excess,
    addOns: [...applicant.addOns].sort(),
    claims: applicant.claimsLast5y,
  };
}

module.exports = { premium, profileOf };
