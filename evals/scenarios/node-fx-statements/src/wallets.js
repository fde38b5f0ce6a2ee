'use strict';

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'PLN', 'JPY', 'HUF', 'CZK'];
const LOCALES = ['en-GB', 'de-DE', 'fr-FR', 'pl-PL', 'sv-SE', 'en-US', 'ja-JP', 'cs-CZ', 'hu-HU'];
const KINDS = ['card', 'transfer-in', 'transfer-out', 'exchange', 'fee', 'refund'];
const MERCHANTS = ['Bakery Nord', 'City Transit', 'Grocer 24', 'Cloud Hosting', 'Bookshop', 'Cinema', 'Pharmacy'];

function rng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

function fxRates(rand) {
  const perEur = {};
  for (const c of CURRENCIES) perEur[c] = c === 'EUR' ? 1 : 0.5 + rand() * (c === 'JPY' || c === 'HUF' ? 300 : 10);
  const rates = {};
  for (const a of CURRENCIES) for (const b of CURRENCIES) rates[`${a}/${b}`] = perEur[b] / perEur[a];
  return rates;
}

function wallet(rand, id) {
  const home = pick(rand, CURRENCIES);
  const held = [home, ...CURRENCIES.filter((c) => c !== home && rand() < 0.3)];
  const transactions = [];
  const count = 120 + Math.floor(rand() * 200);
  for (let i = 0; i < count; i += 1) {
    const kind = pick(rand, KINDS);
    const sign = kind === 'transfer-in' || kind === 'refund' ? 1 : -1;
    transactions.push({
      id: `${id}-${i}`,
      day: 1 + Math.floor(rand() * 28),
      kind,
      currency: pick(rand, held),
      minor: sign * (50 + Math.floor(rand() * 50000)),
      counterparty: kind === 'card' ? pick(rand, MERCHANTS) : `IBAN ..${Math.floor(rand() * 9000 + 1000)}`,
    });
  }
  transactions.sort((a, b) => a.day - b.day);
  return { id, home, locale: pick(rand, LOCALES), held, transactions };
}

function* statementRequests(seed = 21) {
  const rand = rng(seed);
  const wallets = Array.from({ length: 300 }, (_, i) => wallet(rand, `W${1000 + i}`));
  const rates = fxRates(rand);
  for (;;) yield { wallet: pick(rand, wallets), rates, month: '2026-01' };
}

module.exports = { statementRequests, CURRENCIES };
