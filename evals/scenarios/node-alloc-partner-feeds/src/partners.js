'use strict';

// Field limits are bytes of UTF-8, as the partners' import specifications state them.
const PARTNERS = [
  {
    id: 'marktplatz-de',
    locale: 'de',
    columns: ['sku', 'title', 'description', 'price', 'brand', 'gtin'],
    limits: { title: 150, description: 2000, bullets: 500 },
  },
  {
    id: 'pricecompare-eu',
    locale: 'en',
    columns: ['sku', 'title', 'description', 'price', 'shipping', 'url'],
    limits: { title: 120, description: 1000, bullets: 0 },
  },
  {
    id: 'boutique-fr',
    locale: 'fr',
    columns: ['sku', 'title', 'description', 'bullets', 'price', 'brand'],
    limits: { title: 200, description: 3000, bullets: 1000 },
  },
  {
    id: 'nordic-shop',
    locale: 'sv',
    columns: ['sku', 'title', 'description', 'price', 'gtin'],
    limits: { title: 100, description: 1500, bullets: 0 },
  },
];

module.exports = { PARTNERS };
