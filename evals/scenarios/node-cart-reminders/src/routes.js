'use strict';

const { watchCart } = require('./reminders');

const carts = new Map(); // cart id -> totals shown in the header badge

function totals(cart) {
  let count = 0;
  let amount = 0;
  for (const item of cart.items) {
    count += item.quantity;
    amount += item.quantity * item.unitPrice;
  }
  return { count, amount: Math.round(amount * 100) / 100 };
}

function saveCart(request) {
  const cart = JSON.parse(request.body);
  cart.updatedAt = Date.now();
  cart.checkedOut = false;
  watchCart(cart);
  const summary = totals(cart);
  carts.set(cart.id, summary);
  return { status: 200, body: summary };
}

function handle(request) {
  if (request.method === 'PUT' && request.path.startsWith('/carts/')) return saveCart(request);
  if (request.method === 'GET' && request.path.startsWith('/carts/')) {
    const summary = carts.get(request.path.slice('/carts/'.length));
    return summary ? { status: 200, body: summary } : { status: 404 };
  }
  return { status: 404 };
}

module.exports = { handle, savedCarts: () => carts.size };
