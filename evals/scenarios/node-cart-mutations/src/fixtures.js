'use strict';

function makeRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function productSnapshot(rand, sku) {
  return {
    sku,
    title: `Product ${sku}`,
    brand: ['Acme', 'Globex', 'Initech', 'Umbrella'][Math.floor(rand() * 4)],
    images: Array.from({ length: 4 }, (_, i) => ({ url: `https://img.acme.example/${sku}/${i}.jpg`, width: 800, height: 800 })),
    attributes: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`attr${i}`, `value-${Math.floor(rand() * 100)}`])),
    price: { amount: Math.round(rand() * 20000) / 100, currency: 'EUR', taxRate: 0.19 },
  };
}

function seedCarts(count, rand) {
  const carts = new Map();
  for (let id = 0; id < count; id += 1) {
    const lines = Array.from({ length: 40 + Math.floor(rand() * 60) }, (_, i) => ({
      lineId: `${id}-${i}`,
      quantity: 1 + Math.floor(rand() * 3),
      product: productSnapshot(rand, `SKU${Math.floor(rand() * 50000)}`),
    }));
    carts.set(`cart-${id}`, { id: `cart-${id}`, version: 1, lines, coupons: [], updatedAt: 0 });
  }
  return carts;
}

function* mutations(count, rand) {
  while (true) {
    const cartId = `cart-${Math.floor(rand() * count)}`;
    const kind = rand();
    if (kind < 0.5) yield { cartId, op: 'quantity', index: Math.floor(rand() * 40), quantity: 1 + Math.floor(rand() * 5) };
    else if (kind < 0.8) yield { cartId, op: 'add', product: productSnapshot(rand, `SKU${Math.floor(rand() * 50000)}`) };
    else if (kind < 0.95) yield { cartId, op: 'remove', index: Math.floor(rand() * 40) };
    else yield { cartId, op: 'coupon', code: `SAVE${Math.floor(rand() * 30)}` };
  }
}

module.exports = { makeRandom, seedCarts, mutations };
