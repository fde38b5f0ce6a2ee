'use strict';

const { presentProduct } = require('./present');

class ProductHandler {
  constructor(catalog) {
    this.catalog = catalog;
    this.responses = new Map();
  }

  handle(url, now) {
    const cached = this.responses.get(url);
    if (cached) return cached;
    const { pathname, searchParams } = new URL(url, 'http://product-api.internal');
    const product = this.catalog.get(pathname.split('/').pop());
    if (!product) return { status: 404, body: '{"error":"not found"}' };
    const view = presentProduct(product, searchParams.get('locale') || 'en-GB', searchParams.get('currency') || 'EUR');
    const response = {
      status: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'max-age=60', 'x-rendered-at': String(now) },
      body: JSON.stringify(view),
    };
    this.responses.set(url, response);
    return response;
  }
}

module.exports = { ProductHandler };
