'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: pause } = require('node:timers/promises');
const { loadCatalog } = require('./catalog');
const { listingPage } = require('./ranking');

Pyroscope.init({
  appName: 'ranking-api',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
});

function handleListing(catalog, request) {
  const products = catalog.get(request.category) || [];
  return { category: request.category, page: request.page, items: listingPage(products, request.page) };
}

async function serve() {
  Pyroscope.start();
  const catalog = loadCatalog();
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let served = 0;
  let items = 0;
  while (Date.now() < deadline) {
    const request = { category: `cat-${served % 12}`, page: served % 7 === 0 ? 1 : 0 };
    items += handleListing(catalog, request).items.length;
    served += 1;
    await pause();
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`served ${served} listing pages (${items} items)`);
  process.exit(0);
}

serve();
