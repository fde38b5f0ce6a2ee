'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: tick } = require('node:timers/promises');
const { pageMessages } = require('./messages');
const { renderStrings } = require('./format');

Pyroscope.init({
  appName: 'i18n-gateway',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
});

const PAGES = {
  home: ['common', 'product'],
  product: ['common', 'product', 'errors'],
  cart: ['common', 'checkout', 'errors'],
  checkout: ['common', 'checkout', 'errors'],
  account: ['common', 'account', 'errors'],
};
const LOCALES = ['de', 'de-AT', 'de-CH', 'en', 'fr', 'fr-BE', 'nl', 'nl-BE', 'it', 'es', 'pl'];

function* pageRequests() {
  let state = 77;
  const rand = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const pages = Object.keys(PAGES);
  while (true) {
    yield { page: pages[Math.floor(rand() * pages.length)], locale: LOCALES[Math.floor(rand() * LOCALES.length)], cartItems: Math.floor(rand() * 6) };
  }
}

async function main() {
  Pyroscope.start();
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let served = 0;
  let strings = 0;
  for (const request of pageRequests()) {
    const bundle = pageMessages(request.locale, PAGES[request.page]);
    strings += Object.keys(renderStrings(bundle, { count: request.cartItems })).length;
    served += 1;
    if (served % 20 === 0) {
      await tick();
      if (Date.now() > deadline) break;
    }
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`served ${served} pages, ${strings} strings`);
  process.exit(0);
}

main();
