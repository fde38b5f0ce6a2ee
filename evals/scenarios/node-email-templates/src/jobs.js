'use strict';

const KINDS = ['order-confirmation', 'shipping-update', 'password-reset'];

function* emailJobs() {
  let n = 0;
  while (true) {
    n += 1;
    const items = 1 + (n % 4);
    const rows = Array.from({ length: items }, (_, i) => `<tr><td>Item ${n}-${i}</td><td>${1 + (i % 2)}</td><td>${(19.99 + i).toFixed(2)} EUR</td></tr>`).join('');
    yield {
      kind: KINDS[n % KINDS.length],
      data: { lang: 'en', subject: `Your order ${n}`, customer: `Customer ${n % 1000}`, customerId: n % 1000, orderId: `A-${100000 + n}`, tracking: `1Z${n}`, token: n.toString(36), rows, total: `${(items * 20).toFixed(2)} EUR` },
    };
  }
}

module.exports = { emailJobs };
