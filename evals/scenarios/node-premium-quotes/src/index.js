'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { loadProducts } = require('./products');
const { QuoteHandler } = require('./quotes');

Pyroscope.init({
  appName: 'premium-quotes',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
});

function* quoteRequests(seed) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const regions = ['north', 'south', 'east', 'west', 'capital', 'islands'];
  const covers = ['basic', 'standard', 'plus', 'premium'];
  const addOns = ['gadgets', 'legal', 'winter-sports', 'cruise', 'business'];
  while (true) {
    yield {
      requestId: Math.floor(next() * 1e9).toString(36),
      productIds: ['home-contents', 'travel-single', 'travel-annual', 'home-buildings'].filter(() => next() < 0.7),
      applicant: {
        age: 18 + Math.floor(next() * 62),
        region: regions[Math.floor(next() * regions.length)],
        cover: covers[Math.floor(next() * covers.length)],
        excess: [0, 100, 250, 500][Math.floor(next() * 4)],
        addOns: addOns.filter(() => next() < 0.2),
        claimsLast5y: next() < 0.8 ? 0 : 1 + Math.floor(next() * 3),
      },
    };
  }
}

async function main() {
  Pyroscope.start();
  const handler = new QuoteHandler(loadProducts());
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  const requests = quoteRequests(20260115);
  let served = 0;
  let priced = 0;
  while (Date.now() < deadline) {
    for (let i = 0; i < 25; i += 1) {
      const response = handler.handle(requests.next().value);
      priced += response.quotes.length;
      served += 1;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`served ${served} quote requests, ${priced} premiums, ${handler.stats()}`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
