'use strict';

const VAT_RATES = { standard: 0.19, reduced: 0.07, zero: 0 };

function lineAmounts(line) {
  const gross = line.unitCents * line.quantity;
  const rate = VAT_RATES[line.vatClass];
  const net = Math.round(gross / (1 + rate));
  return { net, vat: gross - net, gross };
}

function formatCents(cents) {
  return (cents / 100).toFixed(2);
}

module.exports = { lineAmounts, formatCents };
