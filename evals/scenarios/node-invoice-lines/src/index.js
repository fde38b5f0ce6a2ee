'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setTimeout: sleep } = require('node:timers/promises');
const { loadCatalog } = require('./catalog');
const { buildInvoice } = require('./invoice');
const { orders } = require('./traffic');

Pyroscope.init({
  appName: 'invoice-lines',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
});

async function main() {
  Pyroscope.start();
  const products = loadCatalog();
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  const incoming = orders(products.length);
  let invoiced = 0;
  let gross = 0;
  while (Date.now() < deadline) {
    // the invoicing run posts orders in batches of four
    for (let i = 0; i < 4; i += 1) {
      gross += buildInvoice(products, incoming.next().value).gross;
      invoiced += 1;
    }
    await sleep(2);
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`invoiced ${invoiced} orders, gross ${Math.round(gross)}`);
  process.exit(0);
}

main();
