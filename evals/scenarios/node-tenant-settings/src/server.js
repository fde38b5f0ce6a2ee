'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: tick } = require('node:timers/promises');
const { getSection, tenantIds } = require('./settings');
const { settingsCalls } = require('./traffic');

Pyroscope.init({
  appName: 'tenant-settings',
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
  const calls = settingsCalls(tenantIds());
  const statuses = {};
  let served = 0;
  while (Date.now() < deadline) {
    for (let i = 0; i < 4; i += 1) {
      const response = getSection(calls.next().value);
      statuses[response.status] = (statuses[response.status] || 0) + 1;
      served += 1;
    }
    await tick();
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`served ${served} settings calls, statuses ${JSON.stringify(statuses)}`);
  process.exit(0);
}

main();
