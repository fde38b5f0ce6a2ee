'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: tick } = require('node:timers/promises');
const { statementCsv } = require('./csv');
const { downloadRequests } = require('./ledger');

Pyroscope.init({
  appName: 'ledger-export',
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
  let downloads = 0;
  let bytes = 0;
  for (const request of downloadRequests()) {
    const body = statementCsv(request.account, request.entries);
    bytes += body.length;
    downloads += 1;
    await tick();
    if (Date.now() > deadline) break;
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`served ${downloads} statement downloads, ${bytes} bytes of CSV`);
  process.exit(0);
}

main();
