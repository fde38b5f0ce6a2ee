'use strict';

const CATEGORIES = ['shoes', 'jackets', 'shirts', 'trousers', 'bags', 'watches', 'toys', 'garden'];
const BRANDS = ['Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Woodgrove', 'Litware'];
const COLOURS = ['black', 'white', 'navy', 'olive', 'red', 'grey'];

function makeRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function buildCatalog(perCategory = 2500) {
  const rand = makeRandom(7);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const catalog = new Map();
  for (const category of CATEGORIES) {
    const products = [];
    for (let i = 0; i < perCategory; i += 1) {
      const brand = pick(BRANDS);
      const sku = `${category.slice(0, 3).toUpperCase()}-${String(i).padStart(6, '0')}`;
      products.push({
        sku,
        title: `${brand} ${category.slice(0, -1)} ${pick(COLOURS)} ${i}`,
        brand,
        category,
        price: { amount: Math.round(500 + rand() * 30000), currency: 'EUR', vatIncluded: true },
        stock: { available: Math.floor(rand() * 80), warehouse: pick(['ber-1', 'ham-2', 'muc-1']) },
        attributes: { colour: pick(COLOURS), material: pick(['cotton', 'leather', 'wool', 'polyester']), sizes: ['S', 'M', 'L', 'XL'] },
        images: [1, 2, 3].map((n) => `https://cdn.acme.example/products/${sku}/${n}.jpg`),
        url: `https://shop.acme.example/p/${sku}`,
      });
    }
    catalog.set(category, products);
  }
  return catalog;
}

module.exports = { CATEGORIES, buildCatalog, makeRandom };
