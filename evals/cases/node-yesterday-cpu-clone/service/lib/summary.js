'use strict';

function formatCents(cents) {
  return `${(cents / 100).toFixed(2)} EUR`;
}

function renderSummary(priced) {
  const rows = priced.lines.map(
    (line, n) => `${String(n + 1).padStart(3)}. ${line.sku.padEnd(10)} x${line.qty}  ${formatCents(line.cents).padStart(14)}`,
  );
  rows.push('-'.repeat(40));
  rows.push(`Total ${formatCents(priced.total).padStart(33)}`);
  return rows.join('\n').toUpperCase();
}

module.exports = { renderSummary, formatCents };
