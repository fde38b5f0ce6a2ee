'use strict';

const { publish } = require('./publisher');

const STATUSES = new Set(['paid', 'packed', 'shipped', 'delivered', 'cancelled', 'returned']);
const latest = new Map(); // order id -> latest status, for GET

function audit(event, frame) {
  return `${event.orderId} ${event.type} -> seq ${frame.sequence}`;
}

function postStatus(request) {
  const orderId = request.path.split('/')[2];
  const change = JSON.parse(request.body);
  if (!STATUSES.has(change.status)) {
    return { status: 400, body: { error: `unknown status ${change.status}` } };
  }
  const event = {
    type: `order.${change.status}`,
    orderId,
    at: Date.now(),
    order: change.order,
    actor: change.actor,
  };
  latest.set(orderId, change.status);
  const sequence = publish('orders.status', event, audit);
  return { status: 202, body: { orderId, sequence } };
}

function handle(request) {
  if (request.method === 'POST' && request.path.endsWith('/status')) return postStatus(request);
  if (request.method === 'GET' && request.path.startsWith('/orders/')) {
    const status = latest.get(request.path.split('/')[2]);
    return status ? { status: 200, body: { status } } : { status: 404 };
  }
  return { status: 404 };
}

module.exports = { handle };
