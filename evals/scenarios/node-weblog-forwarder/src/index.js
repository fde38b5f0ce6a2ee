'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: tick } = require('node:timers/promises');
const { parseLine } = require('./parse');
const { maskedRecord } = require('./masking');
const { Batcher } = require('./batches');
const { accessLines } = require('./edge');

Pyroscope.init({
  appName: 'weblog-forwarder',
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
  const stream = accessLines();
  const batcher = new Batcher();
  let rejected = 0;
  while (Date.now() < deadline) {
    // the edge servers' log stream arrives in chunks of lines
    for (let i = 0; i < 200; i += 1) {
      const record = parseLine(stream.next().value);
      if (!record) {
        rejected += 1;
        continue;
      }
      batcher.add(maskedRecord(record));
    }
    await tick();
  }
  batcher.flush();
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`shipped ${batcher.shipped} lines, rejected ${rejected}`);
  process.exit(0);
}

main();
