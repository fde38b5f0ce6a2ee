'use strict';

const CATEGORIES = ['shoes', 'outdoor', 'kids', 'home', 'beauty', 'sport', 'garden', 'kitchen'];

function skuRange(category, n) {
  const out = [];
  for (let i = 0; i < n; i += 1) out.push(`${category.slice(0, 3).toUpperCase()}-${String(10000 + i * 7).padStart(6, '0')}`);
  return out;
}

function campaign(id, name, percent, categories, minSpend, endsAt) {
  return {
    id,
    name,
    percent,
    minSpend,
    endsAt,
    categories,
    eligible: new Set(categories.flatMap((c) => skuRange(c, 40))),
    terms: `${name}: ${percent}% off ${categories.join(', ')} with a minimum spend of EUR ${minSpend}. ` +
      'Not valid on gift cards, sale items or marketplace sellers. One use per customer. ' +
      `Valid until ${new Date(endsAt).toISOString().slice(0, 10)}.`,
  };
}

function marketingCampaigns() {
  const ends = Date.UTC(2026, 5, 30);
  const list = [
    campaign('SUMMER-25', 'Summer sale', 25, ['outdoor', 'garden', 'sport'], 60, ends),
    campaign('WELCOME10', 'Welcome', 10, CATEGORIES, 20, ends),
    campaign('KIDS-15', 'Back to school', 15, ['kids'], 40, ends),
    campaign('FREESHIP', 'Free shipping weekend', 0, CATEGORIES, 0, ends),
  ];
  for (let i = 0; i < 8; i += 1) {
    list.push(campaign(`NL${i}`, `Newsletter ${i + 1}`, 5 + i * 2, CATEGORIES.slice(i % 4, (i % 4) + 3), 30, ends));
  }
  return new Map(list.map((c) => [c.id, c]));
}

module.exports = { marketingCampaigns, CATEGORIES };
