'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: tick } = require('node:timers/promises');
const { applyReport, deviceIds } = require('./shadows');
const { notify, deliveredCount } = require('./subscribers');
const { deviceReports } = require('./reports');

Pyroscope.init({
  appName: 'device-shadows',
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
  const reports = deviceReports(deviceIds());
  let applied = 0;
  let changed = 0;
  while (Date.now() < deadline) {
    for (let i = 0; i < 8; i += 1) {
      const result = applyReport(reports.next().value);
      if (result.changed) changed += 1;
      notify(result);
      applied += 1;
    }
    await tick();
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`applied ${applied} reports, ${changed} changed a shadow, ${deliveredCount()} deltas`);
  process.exit(0);
}

main();
