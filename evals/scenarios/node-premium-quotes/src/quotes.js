'use strict';

const { memoize } = require('./memo');
const { premium, profileOf } = require('./pricing');

class QuoteHandler {
  constructor(products) {
    this.products = products;
    this.price = memoize(premium);
    this.rejected = 0;
  }

  handle(request) {
    const profile = profileOf(request.applicant);
    const quotes = [];
    for (const productId of request.productIds) {
      const product = this.products.get(productId);
      if (!product) {
        this.rejected += 1;
        continue;
      }
      const quote = this.price(product, profile);
      if (quote) quotes.push({ ...quote, productName: product.name, documents: product.documents });
    }
    quotes.sort((a, b) => a.monthly - b.monthly);
    return { requestId: request.requestId, quotes };
  }

  stats() {
    const { hits, misses, size } = this.price.stats();
    return `memo hits ${hits}, misses ${misses}, entries ${size}, unknown products ${this.rejected}`;
  }
}

module.exports = { QuoteHandler };
