'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: tick } = require('node:timers/promises');
const { CATEGORIES, buildCatalog, makeRandom } = require('./catalog');
const { feedPage, PAGE_SIZE } = require('./feed');
const { encodeResponse } = require('./respond');

Pyroscope.init({
  appName: 'catalog-feed',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
});

const PARTNERS = [
  { id: 'marketplace-a', discount: 0.0 },
  { id: 'marketplace-b', discount: 0.05 },
  { id: 'price-comparison', discount: 0.0 },
];

function* partnerRequests(catalog) {
  const rand = makeRandom(99);
  while (true) {
    const category = CATEGORIES[Math.floor(rand() * CATEGORIES.length)];
    const pages = Math.ceil(catalog.get(category).length / PAGE_SIZE);
    yield {
      partner: PARTNERS[Math.floor(rand() * PARTNERS.length)],
      category,
      page: Math.floor(rand() * pages),
      headers: { 'accept-encoding': 'gzip, deflate' },
    };
  }
}

async function main() {
  Pyroscope.start();
  const catalog = buildCatalog();
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let served = 0;
  let bytes = 0;
  for (const request of partnerRequests(catalog)) {
    const response = encodeResponse(request, feedPage(catalog, request.category, request.page, request.partner));
    bytes += response.body.length;
    served += 1;
    if (served % 10 === 0) {
      await tick();
      if (Date.now() > deadline) break;
    }
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`served ${served} feed pages, ${bytes} bytes`);
  process.exit(0);
}

main();
