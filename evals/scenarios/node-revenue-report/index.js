'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: breathe } = require('node:timers/promises');
const { ledgerRows } = require('./lib/ledger');
const { revenueReport } = require('./lib/aggregate');
const { exportReport } = require('./lib/csv');

Pyroscope.init({
  appName: 'report-export',
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
  let reports = 0;
  let bytes = 0;
  while (Date.now() < deadline) {
    const period = `2025-${String((reports % 12) + 1).padStart(2, '0')}`;
    bytes += exportReport(revenueReport(ledgerRows(period))).length;
    reports += 1;
    await breathe();
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`exported ${reports} reports, ${bytes} bytes`);
  process.exit(0);
}

main();
