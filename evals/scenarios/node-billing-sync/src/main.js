'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: yieldNow } = require('node:timers/promises');
const { loadAccounts } = require('./accounts');
const { eventBatches } = require('./provider');
const { processBatch } = require('./sync');

Pyroscope.init({
  appName: 'subscription-sync',
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
  const directory = loadAccounts();
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  const totals = { applied: 0, skipped: 0, batches: 0 };
  for (const batch of eventBatches(directory)) {
    const result = processBatch(batch, directory);
    totals.applied += result.applied;
    totals.skipped += result.skipped;
    totals.batches += 1;
    await yieldNow();
    if (Date.now() > deadline) break;
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log('synced', totals);
  process.exit(0);
}

main();
