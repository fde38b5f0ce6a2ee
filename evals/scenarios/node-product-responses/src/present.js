'use strict';

const RATES = { EUR: 1, CHF: 0.94, GBP: 0.86, SEK: 11.4 };

function presentProduct(product, locale, currency) {
  const lang = locale.slice(0, 2);
  return {
    id: product.id,
    name: product.names[lang] || product.names.en,
    description: product.descriptions[lang] || product.descriptions.en,
    price: { amount: Math.round(product.priceEurCents * RATES[currency]) / 100, currency },
    sizes: product.sizes.map((size) => ({ size, label: `EU ${size}` })),
    images: product.images.map((url) => ({ url, alt: product.names[lang] || product.names.en })),
  };
}

module.exports = { presentProduct };
