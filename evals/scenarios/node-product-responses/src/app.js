'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setTimeout: sleep } = require('node:timers/promises');
const { loadCatalog } = require('./catalog');
const { ProductHandler } = require('./handler');

Pyroscope.init({
  appName: 'product-api',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
  heap: { samplingIntervalBytes: 128 * 1024 },
});

const LOCALES = ['en-GB', 'de-DE', 'fr-FR', 'de-CH'];
const CURRENCIES = ['EUR', 'EUR', 'CHF', 'GBP'];

function storefrontUrl(n) {
  const product = `P${(n * 7919) % 3000}`;
  const locale = LOCALES[n % 4];
  return `/v1/products/${product}?locale=${locale}&currency=${CURRENCIES[n % 4]}&utm_source=app&session=${(n * 2654435761 % 4294967296).toString(36)}`;
}

async function main() {
  Pyroscope.start();
  const handler = new ProductHandler(loadCatalog());
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let requests = 0;
  let bytes = 0;
  while (Date.now() < deadline) {
    for (let i = 0; i < 100; i += 1) {
      bytes += handler.handle(storefrontUrl(requests), Date.now()).body.length;
      requests += 1;
    }
    await sleep(5);
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`served ${requests} requests, ${bytes} bytes, ${handler.responses.size} cached responses`);
  process.exit(0);
}

main();
