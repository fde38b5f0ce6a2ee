'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setTimeout: sleep } = require('node:timers/promises');
const { acceptUpload, queued } = require('./uploads');
const { uploads } = require('./traffic');

Pyroscope.init({
  appName: 'media-intake',
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
  const incoming = uploads();
  const statuses = {};
  while (Date.now() < deadline) {
    // the apps announce uploads in small bursts
    for (let i = 0; i < 3; i += 1) {
      const response = acceptUpload(incoming.next().value);
      statuses[response.status] = (statuses[response.status] || 0) + 1;
    }
    await sleep(5);
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`responses ${JSON.stringify(statuses)}, ${queued()} queued`);
  process.exit(0);
}

main();
