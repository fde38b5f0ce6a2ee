'use strict';

const SYMBOLS = ['ACME', 'GLBX', 'INTC', 'UMBR', 'WAYN', 'STRK', 'OSCP', 'TYRL', 'CYBD', 'NKTM'];
const BASE = Object.fromEntries(SYMBOLS.map((s, i) => [s, 50 + i * 17]));

function makeClients(count = 400) {
  return Array.from({ length: count }, (_, i) => {
    const watchlist = SYMBOLS.filter((_, s) => (i + s) % 3 === 0);
    return { id: `client-${i}`, watchlist, limits: Object.fromEntries(watchlist.map((s) => [s, BASE[s]])) };
  });
}

function* priceTicks() {
  let n = 0;
  while (true) {
    n += 1;
    const symbol = SYMBOLS[n % SYMBOLS.length];
    const swing = Math.sin(n / 37) * 0.035 + Math.cos(n / 11) * 0.01;
    yield { symbol, price: BASE[symbol] * (1 + swing), seq: n };
  }
}

module.exports = { makeClients, priceTicks };
