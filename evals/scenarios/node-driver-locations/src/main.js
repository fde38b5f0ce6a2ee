'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setTimeout: sleep } = require('node:timers/promises');
const { handleMessage } = require('./messages');
const { nearestDrivers } = require('./dispatch');
const { simulatedFleet } = require('./traffic');

Pyroscope.init({
  appName: 'driver-locations',
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
  const fleet = simulatedFleet(3000);
  let messages = 0;
  let queries = 0;
  let matched = 0;
  while (Date.now() < deadline) {
    for (const message of fleet.nextMessages(470)) {
      handleMessage(message);
      messages += 1;
    }
    if (nearestDrivers(fleet.pickup()).length > 0) matched += 1;
    queries += 1;
    await sleep(8);
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`handled ${messages} driver messages, answered ${queries} dispatch queries (${matched} matched)`);
  process.exit(0);
}

main();
