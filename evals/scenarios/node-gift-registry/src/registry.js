'use strict';

const { productsBySku, deliveryPromise } = require('./catalog');

// Registries: the wished-for items (sku, quantity wanted) and what guests bought so far.
class RegistryStore {
  constructor(catalog, count = 400) {
    this.registries = new Map();
    const { products } = catalog;
    let seed = 99;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    for (let r = 0; r < count; r += 1) {
      const items = [];
      const size = 20 + Math.floor(next() * 25);
      for (let i = 0; i < size; i += 1) {
        const product = products[Math.floor(next() * products.length)];
        const wanted = 1 + Math.floor(next() * 4);
        items.push({ sku: product.sku, wanted, bought: Math.floor(next() * (wanted + 1)), note: '' });
      }
      const id = `reg-${(5000 + r).toString(16)}`;
      this.registries.set(id, { id, owners: `Guest list ${r}`, eventDate: '2026-06-20', items });
    }
  }

  ids() {
    return [...this.registries.keys()];
  }

  get(id) {
    return this.registries.get(id);
  }
}

function itemState(item, product) {
  if (!product) return 'unavailable';
  if (item.bought >= item.wanted) return 'fulfilled';
  if (product.stock === 0) return 'out-of-stock';
  return 'open';
}

function registryPage(registry, catalog, request) {
  const bySku = productsBySku(catalog.products);
  const entries = [];
  for (const item of registry.items) {
    const product = bySku.get(item.sku);
    const state = itemState(item, product);
    if (request.hideFulfilled && state === 'fulfilled') continue;
    entries.push({
      sku: item.sku,
      title: product ? product.title : item.sku,
      image: product ? product.image : null,
      priceCents: product ? product.priceCents : null,
      remaining: Math.max(0, item.wanted - item.bought),
      delivery: product ? deliveryPromise(product) : null,
      state,
    });
  }
  entries.sort((a, b) => (a.state === b.state ? a.title.localeCompare(b.title) : a.state < b.state ? 1 : -1));
  return { id: registry.id, owners: registry.owners, eventDate: registry.eventDate, catalogVersion: catalog.version, entries };
}

module.exports = { RegistryStore, registryPage };
