#!/usr/bin/env node
'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: tick } = require('node:timers/promises');
const { DocumentStore } = require('../lib/store');
const { profileDocument } = require('../lib/documents');
const { accountHeader, addressBook, consentSummary } = require('../lib/views');

Pyroscope.init({
  appName: 'document-store',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
});

const VIEWS = [accountHeader, addressBook, consentSummary];

async function main() {
  Pyroscope.start();
  const store = new DocumentStore();
  for (let i = 0; i < 5000; i += 1) store.put(profileDocument(i));
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let reads = 0;
  let writes = 0;
  for (let n = 1; ; n += 1) {
    const id = `cust_${(n * 7919) % 5000}`;
    if (n % 20 === 0) {
      store.update(id, { email: `changed${n}@mail.example` });
      writes += 1;
    } else {
      VIEWS[n % VIEWS.length](store.get(id));
      reads += 1;
    }
    if (n % 100 === 0) {
      await tick();
      if (Date.now() > deadline) break;
    }
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`served ${reads} reads and ${writes} writes`);
  process.exit(0);
}

main();
