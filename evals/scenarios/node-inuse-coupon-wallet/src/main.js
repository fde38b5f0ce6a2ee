'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setTimeout: sleep } = require('node:timers/promises');
const { marketingCampaigns } = require('./campaigns');
const { Wallet } = require('./wallet');
const { checkoutTraffic } = require('./checkout');

Pyroscope.init({
  appName: 'coupon-wallet',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
  heap: { samplingIntervalBytes: 128 * 1024 },
});

async function main() {
  Pyroscope.start();
  const wallet = new Wallet(marketingCampaigns());
  const traffic = checkoutTraffic();
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let orders = 0;
  while (Date.now() < deadline) {
    // the basket pages of the shoppers checking out right now
    for (let i = 0; i < 12; i += 1) {
      const { code, basket } = traffic.next().value;
      const answer = wallet.check(code, basket);
      if (answer.ok && i % 3 === 0) {
        wallet.redeem(code, basket.customer);
        orders += 1;
      }
    }
    await sleep(3);
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  const heap = Math.round(process.memoryUsage().heapUsed / 1048576);
  const { checks, applied, rejected, resolved } = wallet.stats;
  console.log(`${checks} code checks (${applied} applied, ${rejected} rejected), ${resolved} codes resolved, ${orders} orders, ${wallet.coupons.size} coupons cached, heap ${heap} MiB`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
