'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setTimeout: sleep } = require('node:timers/promises');
const { handle } = require('./routes');
const { stats } = require('./publisher');
const { statusChanges } = require('./traffic');

Pyroscope.init({
  appName: 'order-events',
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
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  const requests = statusChanges();
  let served = 0;
  while (Date.now() < deadline) {
    // the shop posts status changes in bursts every 10 ms
    for (let i = 0; i < 3; i += 1) {
      handle(requests.next().value);
      served += 1;
    }
    await sleep(10);
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  const s = stats();
  console.log(`served ${served} requests, ${s.published} published, ${s.awaiting} awaiting ack, rss ${Math.round(process.memoryUsage().rss / 1048576)} MiB`);
  process.exit(0);
}

main();
