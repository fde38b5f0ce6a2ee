'use strict';

// Replays storefront cart traffic with the @pyroscope/nodejs SDK attached.
// Usage: node app.js SERVER_URL CARTS  (tags from PYROSCOPE_TAGS as k=v,k=v)

const Pyroscope = require('@pyroscope/nodejs');
const { priceCart } = require('./lib/pricing');
const { renderSummary } = require('./lib/summary');

function makeCarts(n) {
  const carts = [];
  for (let i = 0; i < n; i++) {
    const lines = [];
    for (let j = 0; j < 5 + (i * 7) % 21; j++) {
      lines.push({ sku: `SKU-${String((i * 31 + j * 17) % 400).padStart(5, '0')}`, qty: 1 + ((i + j) % 25) });
    }
    carts.push({ id: `cart-${i}`, lines });
  }
  return carts;
}

function handle(cart) {
  return renderSummary(priceCart(cart)).length;
}

async function main() {
  const [url, count] = process.argv.slice(2);
  const total = Number(count);
  const tags = {};
  for (const pair of (process.env.PYROSCOPE_TAGS || '').split(',')) {
    if (pair) {
      const [k, v] = pair.split(/=(.*)/s);
      tags[k] = v;
    }
  }
  Pyroscope.init({
    appName: process.env.SERVICE_NAME || 'cart-api',
    serverAddress: url,
    tags,
    flushIntervalMs: 2000,
    wall: { collectCpuTime: true },
  });
  Pyroscope.start();
  const carts = makeCarts(2000);
  // Serve the replayed carts in chunks, yielding to the event loop between chunks so the
  // profiler can flush.
  let served = 0;
  await new Promise((resolve) => {
    const chunk = () => {
      const end = Math.min(served + 500, total);
      while (served < end) {
        handle(carts[served % carts.length]);
        served++;
      }
      if (served < total) {
        setImmediate(chunk);
      } else {
        resolve();
      }
    };
    chunk();
  });
  await Pyroscope.stop();
  process.stderr.write(`served ${served} carts\n`);
}

main();
