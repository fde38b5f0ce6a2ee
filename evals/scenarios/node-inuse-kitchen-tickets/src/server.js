'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setTimeout: sleep } = require('node:timers/promises');
const { Kitchen } = require('./stations');
const { posOrders } = require('./menu');

Pyroscope.init({
  appName: 'kitchen-display',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
  heap: { samplingIntervalBytes: 128 * 1024 },
});

const COOKS = ['GRL', 'FRY', 'CLD', 'SAU', 'BAR'];

async function main() {
  Pyroscope.start();
  const kitchen = new Kitchen();
  const orders = posOrders();
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let bumps = 0;
  let expoChecks = 0;
  let worstWait = 0;
  while (Date.now() < deadline) {
    const now = Date.now();
    // a few orders from the tills, then each station plates and bumps all but its newest tickets
    for (let i = 0; i < 4; i += 1) kitchen.receiveOrder(orders.next().value, now);
    for (const code of COOKS) {
      while (kitchen.waiting(code) > 3) {
        if (kitchen.bump(code, now, `cook-${code}`).status === 200) bumps += 1;
      }
    }
    for (const row of kitchen.expo(now)) worstWait = Math.max(worstWait, row.waiting);
    expoChecks += 1;
    await sleep(4);
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  const heap = Math.round(process.memoryUsage().heapUsed / 1048576);
  console.log(`received ${kitchen.orders} orders, ${bumps} bumps, ${expoChecks} expo checks, deepest queue ${worstWait}, heap ${heap} MiB`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
