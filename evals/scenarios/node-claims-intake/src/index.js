'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setTimeout: sleep } = require('node:timers/promises');
const { handle } = require('./routes');
const { loggedRequests } = require('./requestlog');
const { claimRequests } = require('./traffic');

Pyroscope.init({
  appName: 'claims-intake',
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
  const requests = claimRequests();
  let served = 0;
  let filed = 0;
  while (Date.now() < deadline) {
    // the app and the web form send a burst of requests every 10 ms
    for (let i = 0; i < 4; i += 1) {
      const response = handle(requests.next().value);
      filed += response.status === 201 ? 1 : 0;
      served += 1;
    }
    await sleep(10);
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`served ${served} requests, filed ${filed} claims, ${loggedRequests()} logged, rss ${Math.round(process.memoryUsage().rss / 1048576)} MiB`);
  process.exit(0);
}

main();
