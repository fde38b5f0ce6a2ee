'use strict';

// Synthetic statement download requests: an account and its ledger entries for the period.
const COUNTERPARTIES = ['Stadtwerke Berlin', 'ACME Payroll', 'Rewe Markt GmbH', 'Deutsche Bahn', 'Miete "Hinterhaus" Schmidt', 'Amazon EU S.a.r.l.'];
const PURPOSES = ['Abschlag Strom 01/2026', 'Gehalt Januar', 'Kartenzahlung', 'Ticket ICE 1234; Berlin-Hamburg', 'Miete Februar', 'Bestellung 302-1234567'];

function makeRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

// The ledgers of the business accounts that download statements (built once for local runs).
function buildLedgers(rand, accounts = 40) {
  const start = Date.UTC(2025, 0, 1);
  return Array.from({ length: accounts }, (_, n) => ({
    account: { iban: `DE89370400440532${String(n).padStart(6, '0')}`, holder: `Business customer ${n}`, currency: 'EUR', openingCents: 1250000 },
    entries: Array.from({ length: 1000 + Math.floor(rand() * 3000) }, (_, i) => ({
      bookedAt: start + i * 3600000,
      valueAt: start + i * 3600000 + 86400000,
      reference: `TX${n}-${i}`,
      counterparty: COUNTERPARTIES[Math.floor(rand() * COUNTERPARTIES.length)],
      iban: `DE${10 + Math.floor(rand() * 89)}500105170${String(Math.floor(rand() * 1e10)).padStart(10, '0')}`,
      purpose: PURPOSES[Math.floor(rand() * PURPOSES.length)],
      amountCents: Math.floor((rand() - 0.6) * 200000),
    })),
  }));
}

// Download requests: an account and the period asked for (most ask for the whole year).
function* downloadRequests(seed = 31) {
  const rand = makeRandom(seed);
  const ledgers = buildLedgers(rand);
  while (true) {
    const { account, entries } = ledgers[Math.floor(rand() * ledgers.length)];
    const from = rand() < 0.7 ? 0 : Math.floor(rand() * entries.length * 0.5);
    yield { account, entries: entries.slice(from) };
  }
}

module.exports = { downloadRequests };
