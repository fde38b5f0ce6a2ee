'use strict';

const TIERS = { standard: 0, silver: 0.03, gold: 0.06, platinum: 0.1 };
const MAX_QUANTITY = 500;

function round2(value) {
  return Math.round(value * 100) / 100;
}

// Prices every line of a confirmed order for the customer's discount tier.
function buildInvoice(products, order) {
  const discount = TIERS[order.customer.tier] || 0;
  const lines = [];
  const rejected = [];
  let net = 0;
  let vat = 0;
  let vatReduced = 0;
  for (const line of order.lines) {
    if (!line.sku || !(line.quantity > 0) || line.quantity > MAX_QUANTITY) {
      rejected.push({ sku: line.sku, quantity: line.quantity, reason: 'invalid quantity' });
      continue;
    }
    const product = products.find((candidate) => candidate.sku === line.sku);
    if (!product || product.discontinued) {
      rejected.push({ sku: line.sku, quantity: line.quantity, reason: 'unknown or discontinued SKU' });
      continue;
    }
    const unit = round2(product.listPrice * (1 - discount));
    const lineNet = round2(unit * line.quantity);
    const lineVat = round2(lineNet * product.vatRate);
    if (product.vatRate < 0.1) vatReduced += lineVat;
    net += lineNet;
    vat += lineVat;
    lines.push({
      sku: line.sku,
      title: product.title,
      category: product.category,
      quantity: line.quantity,
      unit,
      net: lineNet,
      vat: lineVat,
      vatRate: product.vatRate,
    });
  }
  return {
    orderId: order.id,
    customerId: order.customer.id,
    tier: order.customer.tier,
    lines,
    rejected,
    net: round2(net),
    vat: round2(vat),
    vatReduced: round2(vatReduced),
    vatStandard: round2(vat - vatReduced),
    gross: round2(net + vat),
    issuedAt: new Date().toISOString(),
  };
}

module.exports = { buildInvoice };
