'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: tick } = require('node:timers/promises');
const { storefrontLevels } = require('./levels');
const { snapshots } = require('./warehouses');

Pyroscope.init({
  appName: 'stock-levels',
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
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let pages = 0;
  let soldOut = 0;
  for (const { snapshot, skus } of snapshots()) {
    const levels = storefrontLevels(snapshot, skus);
    soldOut += Object.values(levels).filter((level) => level.badge === 'sold-out').length;
    pages += 1;
    await tick();
    if (Date.now() > deadline) break;
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`answered ${pages} listing pages, ${soldOut} sold-out badges`);
  process.exit(0);
}

main();
