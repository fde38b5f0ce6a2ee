'use strict';

function sumBy(rows, key) {
  return rows.reduce((totals, row) => ({ ...totals, [row[key]]: (totals[row[key]] || 0) + row.netCents }), {});
}

function revenueReport(rows) {
  return {
    byCustomer: sumBy(rows, 'customer'),
    byCountry: sumBy(rows, 'country'),
    byProductLine: sumBy(rows, 'productLine'),
    totalCents: rows.reduce((sum, row) => sum + row.netCents, 0),
  };
}

module.exports = { revenueReport, sumBy };
