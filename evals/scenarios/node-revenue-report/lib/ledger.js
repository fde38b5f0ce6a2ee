'use strict';

const COUNTRIES = ['DE', 'FR', 'NL', 'BE', 'AT', 'CH', 'IT', 'ES', 'PL', 'SE'];
const LINES = ['hardware', 'software', 'support', 'training', 'cloud'];

function ledgerRows(period, count = 3000) {
  const rows = [];
  let seed = period.length * 7919;
  for (let i = 0; i < count; i += 1) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    rows.push({
      orderId: `${period}-${i}`,
      customer: `C${(seed % 1500).toString().padStart(5, '0')}`,
      country: COUNTRIES[seed % COUNTRIES.length],
      productLine: LINES[(seed >> 3) % LINES.length],
      netCents: 1000 + (seed % 150000),
    });
  }
  return rows;
}

module.exports = { ledgerRows };
