'use strict';

// Synthetic shop traffic: shoppers saving their carts (every change sends the whole cart).
function* cartRequests(seed = 5) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (let n = 0; ; n += 1) {
    const cartId = `c${Math.floor(random() * 2000)}`;
    if (n % 5 === 4) {
      yield { method: 'GET', path: `/carts/${cartId}` };
      continue;
    }
    const items = [];
    const lines = 5 + Math.floor(random() * 25);
    for (let i = 0; i < lines; i += 1) {
      const sku = `SKU-${Math.floor(random() * 90000) + 10000}`;
      items.push({
        sku,
        title: `Product ${sku} in colour ${Math.floor(random() * 12)}`,
        quantity: 1 + Math.floor(random() * 3),
        unitPrice: Math.round(random() * 20000) / 100,
        image: `https://cdn.shop.example/products/${sku}/main-800x800.webp`,
        attributes: { size: ['S', 'M', 'L', 'XL'][i % 4], colour: `c${i % 12}`, giftWrap: i % 7 === 0 },
        description: `Lorem ipsum ${sku} `.repeat(12),
      });
    }
    const body = JSON.stringify({
      id: cartId,
      customer: { id: `u${cartId.slice(1)}`, email: `shopper${cartId.slice(1)}@mail.example`, locale: 'de-DE' },
      items,
      coupon: n % 9 === 0 ? 'WINTER10' : null,
    });
    yield { method: 'PUT', path: `/carts/${cartId}`, body };
  }
}

module.exports = { cartRequests };
