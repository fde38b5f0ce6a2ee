'use strict';

const { lineAmounts, formatCents } = require('./money');

const COLUMNS = ['order_id', 'placed_at', 'merchant', 'sku', 'quantity', 'net', 'vat', 'gross', 'currency', 'country'];

function csvField(value) {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function exportRow(order, line) {
  const amounts = lineAmounts(line);
  return [order.id, order.placedAt, order.merchant, line.sku, line.quantity, formatCents(amounts.net), formatCents(amounts.vat), formatCents(amounts.gross), 'EUR', order.country];
}

function exportRows(orders) {
  return orders.reduce((rows, order) => [...rows, ...order.lines.map((line) => exportRow(order, line))], []);
}

function toCsv(rows) {
  return [COLUMNS.join(','), ...rows.map((row) => row.map(csvField).join(','))].join('\n');
}

module.exports = { exportRows, toCsv };
