'use strict';

const crypto = require('node:crypto');
const zlib = require('node:zlib');

function envelope(event) {
  return { id: event.id, type: event.type, created_at: event.createdAt, api_version: '2025-10-01', data: event.data };
}

function sign(secret, timestamp, body) {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

function buildRequest(event, endpoint, timestamp) {
  const body = zlib.gzipSync(JSON.stringify(envelope(event)), { level: 9 });
  return {
    url: endpoint.url,
    headers: {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'x-acme-event': event.type,
      'x-acme-signature': `t=${timestamp},v1=${sign(endpoint.secret, timestamp, body)}`,
    },
    body,
  };
}

class DeliveryQueue {
  constructor() {
    this.pending = [];
    this.bytes = 0;
  }

  enqueue(request) {
    this.pending.push(request);
    this.bytes += request.body.length;
    if (this.pending.length > 1000) this.pending.splice(0, 500);
  }
}

module.exports = { buildRequest, DeliveryQueue };
