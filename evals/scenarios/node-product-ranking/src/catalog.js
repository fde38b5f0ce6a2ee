'use strict';

function loadCatalog(categories = 12, perCategory = 12000) {
  const byCategory = new Map();
  let seed = 99;
  const rand = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  for (let c = 0; c < categories; c += 1) {
    const products = [];
    for (let i = 0; i < perCategory; i += 1) {
      products.push({
        id: `p${c}-${i}`,
        title: `Product ${c}-${i}`,
        conversion: rand() * 0.08,
        rating: 1 + rand() * 4,
        reviews: Math.floor(rand() * 4000),
        listedDaysAgo: Math.floor(rand() * 720),
        stock: Math.floor(rand() * 50),
        priceCents: 499 + Math.floor(rand() * 40000),
      });
    }
    byCategory.set(`cat-${c}`, products);
  }
  return byCategory;
}

module.exports = { loadCatalog };
