'use strict';

function cartTotal(cart) {
  let net = 0;
  let tax = 0;
  for (const line of cart.lines) {
    const amount = line.product.price.amount * line.quantity;
    net += amount;
    tax += amount * line.product.price.taxRate;
  }
  const discount = cart.coupons.length ? Math.min(0.2, 0.05 * cart.coupons.length) : 0;
  return Math.round((net + tax) * (1 - discount) * 100) / 100;
}

module.exports = { cartTotal };
