'use strict';

const TYPES = ['order.created', 'order.updated', 'payment.captured', 'refund.created', 'shipment.dispatched'];

function* platformEvents() {
  let n = 0;
  while (true) {
    n += 1;
    const type = TYPES[n % TYPES.length];
    yield {
      id: `evt_${n.toString(36).padStart(8, '0')}`,
      type,
      createdAt: new Date(1767225600000 + n * 1000).toISOString(),
      data: {
        orderId: `ord_${(n * 7919) % 1000003}`,
        customer: { id: `cus_${n % 5000}`, email: `customer${n % 5000}@mail.example`, country: ['DE', 'FR', 'NL'][n % 3] },
        lines: Array.from({ length: 1 + (n % 6) }, (_, i) => ({ sku: `SKU${(n + i) % 9000}`, qty: 1 + (i % 3), amount: 1999 + i * 250 })),
        totals: { net: 5997, tax: 1139, gross: 7136, currency: 'EUR' },
      },
    };
  }
}

module.exports = { platformEvents, TYPES };
