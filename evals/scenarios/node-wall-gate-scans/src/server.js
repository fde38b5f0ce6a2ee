'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setTimeout: sleep } = require('node:timers/promises');
const { Admission } = require('./admission');
const { ScanJournal } = require('./journal');
const { issueTickets } = require('./tickets');
const { turnstileBatches } = require('./turnstiles');

Pyroscope.init({
  appName: 'gate-scans',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
});

const EVENT = 'EV-2026-0412';
const TICKETS = 42000;

async function main() {
  Pyroscope.start();
  const journal = new ScanJournal(EVENT);
  const admission = new Admission(EVENT, issueTickets(EVENT, TICKETS), journal);
  const traffic = turnstileBatches(admission.tickets);
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let batches = 0;
  while (Date.now() < deadline) {
    // the turnstiles post their reads; a couple of batches arrive together
    for (let i = 0; i < 2; i += 1) {
      const { gate, scans } = traffic.next().value;
      admission.admitBatch(gate, scans);
      batches += 1;
    }
    await sleep(3);
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  const records = journal.records;
  journal.close({ remove: true });
  console.log(`admitted ${batches} batches: ${admission.counts.open} opened, ${admission.counts.deny} denied, ${records} journal records, inside ${JSON.stringify(admission.occupancy())}`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
