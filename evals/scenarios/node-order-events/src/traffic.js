'use strict';

const STATUSES = ['paid', 'packed', 'shipped', 'delivered', 'cancelled', 'returned'];

// Synthetic status changes from the shop; each carries the order as the shop sees it.
function* statusChanges(seed = 17) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (let n = 0; ; n += 1) {
    const orderId = `ord-${Math.floor(random() * 50000)}`;
    if (n % 6 === 5) {
      yield { method: 'GET', path: `/orders/${orderId}` };
      continue;
    }
    const lines = [];
    const count = 3 + Math.floor(random() * 20);
    for (let i = 0; i < count; i += 1) {
      const sku = `SKU-${Math.floor(random() * 90000) + 10000}`;
      lines.push({
        sku,
        title: `Article ${sku} colour ${i % 9}`,
        quantity: 1 + Math.floor(random() * 3),
        price: Math.round(random() * 30000) / 100,
        notes: `gift message and packing notes for ${sku} `.repeat(6),
      });
    }
    const body = JSON.stringify({
      status: STATUSES[Math.floor(random() * STATUSES.length)],
      actor: { id: `staff-${n % 40}`, channel: 'backoffice' },
      order: {
        id: orderId,
        customer: { name: `Customer ${n}`, email: `c${n}@mail.example`, address: `Street ${n % 300}, 10115 Berlin` },
        lines,
      },
    });
    yield { method: 'POST', path: `/orders/${orderId}/status`, body };
  }
}

module.exports = { statusChanges };
