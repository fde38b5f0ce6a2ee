'use strict';

function toCsv(title, totals) {
  const lines = [`${title},net_eur`];
  for (const [key, cents] of Object.entries(totals)) {
    lines.push(`${key},${(cents / 100).toFixed(2)}`);
  }
  return lines.join('\n');
}

function exportReport(report) {
  return [toCsv('customer', report.byCustomer), toCsv('country', report.byCountry), toCsv('product_line', report.byProductLine)].join('\n\n');
}

module.exports = { exportReport };
