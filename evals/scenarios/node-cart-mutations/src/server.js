'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: nextTurn } = require('node:timers/promises');
const { CartStore } = require('./cart-store');
const { cartTotal } = require('./pricing');
const { makeRandom, seedCarts, mutations } = require('./fixtures');

Pyroscope.init({
  appName: 'cart-service',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
});

async function run() {
  Pyroscope.start();
  const rand = makeRandom(42);
  const store = new CartStore(seedCarts(300, rand));
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let applied = 0;
  let revenue = 0;
  for (const mutation of mutations(300, rand)) {
    const cart = store.applyMutation(mutation, Date.now());
    revenue += cartTotal(cart);
    applied += 1;
    if (applied % 50 === 0) {
      await nextTurn();
      if (Date.now() > deadline) break;
    }
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`applied ${applied} mutations, cart value ${revenue.toFixed(2)}`);
  process.exit(0);
}

run();
