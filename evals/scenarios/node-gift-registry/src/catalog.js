'use strict';

// The catalogue feed: merchandising republishes the whole assortment as one array of
// products every few minutes; the newest publication is what pages show.

const CATEGORIES = ['kitchen', 'home', 'bath', 'garden', 'nursery', 'toys', 'travel', 'tech', 'dining', 'decor'];
const BRANDS = ['Nordlys', 'Casa Viva', 'Tidewater', 'Kumo', 'Larkspur', 'Brightfold', 'Olmo', 'Fennick'];

function lcg(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function buildAssortment(count, version) {
  const next = lcg(4242 + version);
  const products = [];
  for (let i = 0; i < count; i += 1) {
    const category = CATEGORIES[i % CATEGORIES.length];
    products.push({
      sku: `SKU-${(100000 + i).toString(36).toUpperCase()}`,
      title: `${BRANDS[i % BRANDS.length]} ${category} item ${i}`,
      category,
      priceCents: 500 + Math.floor(next() * 60000),
      stock: Math.floor(next() * 40),
      leadDays: 1 + Math.floor(next() * 9),
      image: `https://img.example/p/${i}.jpg`,
    });
  }
  return products;
}

class CatalogFeed {
  constructor(size = 60000) {
    this.size = size;
    this.version = 1;
    this.products = buildAssortment(size, this.version);
  }

  republish() {
    this.version += 1;
    this.products = buildAssortment(this.size, this.version);
  }

  current() {
    return { version: this.version, products: this.products };
  }
}

function productsBySku(products) {
  const index = new Map();
  for (const product of products) {
    index.set(product.sku, product);
  }
  return index;
}

function deliveryPromise(product) {
  if (product.stock === 0) return 'back in stock soon';
  if (product.leadDays <= 2) return 'arrives in 1-2 days';
  return `arrives in ${product.leadDays} days`;
}

module.exports = { CatalogFeed, productsBySku, deliveryPromise };
