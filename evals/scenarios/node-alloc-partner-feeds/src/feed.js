'use strict';

const { cellText, fitToBytes, formatPrice } = require('./text');

// One TSV row of a product for a partner, in the partner's column order and language.
function feedRow(product, partner) {
  const t = product.texts[partner.locale];
  const cells = [];
  for (const column of partner.columns) {
    switch (column) {
      case 'sku':
        cells.push(product.sku);
        break;
      case 'gtin':
        cells.push(product.gtin);
        break;
      case 'brand':
        cells.push(product.brand);
        break;
      case 'price':
        cells.push(formatPrice(product.priceCents));
        break;
      case 'shipping':
        cells.push(formatPrice(product.shippingCents));
        break;
      case 'url':
        cells.push(`https://shop.example/${partner.locale}/p/${product.sku.toLowerCase()}`);
        break;
      case 'title':
        cells.push(fitToBytes(cellText(t.title), partner.limits.title));
        break;
      case 'description':
        cells.push(fitToBytes(cellText(t.description), partner.limits.description));
        break;
      case 'bullets':
        cells.push(fitToBytes(cellText(t.bullets.join(' • ')), partner.limits.bullets));
        break;
      default:
        throw new Error(`unknown column ${column} for ${partner.id}`);
    }
  }
  return cells.join('\t');
}

// A partner's current feed: one row per product, rewritten when the product changes.
class FeedFile {
  constructor(partner) {
    this.partner = partner;
    this.rows = new Map(); // sku -> row
    this.bytes = 0;
  }

  upsert(product) {
    const row = feedRow(product, this.partner);
    const previous = this.rows.get(product.sku);
    if (previous === row) return false;
    this.bytes += Buffer.byteLength(row) - (previous ? Buffer.byteLength(previous) : 0);
    this.rows.set(product.sku, row);
    return true;
  }

  header() {
    return this.partner.columns.join('\t');
  }
}

module.exports = { FeedFile, feedRow };
