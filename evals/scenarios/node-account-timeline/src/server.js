'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setTimeout: sleep } = require('node:timers/promises');
const { ActivityStore } = require('./store');
const { buildTimeline } = require('./timeline');
const { renderTimeline } = require('./render');
const { pageViews } = require('./traffic');

Pyroscope.init({
  appName: 'account-timeline',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
});

function handleTimeline(store, request, nowMs) {
  const timeline = buildTimeline(store, request.accountId, request);
  return renderTimeline(timeline, nowMs);
}

async function main() {
  const store = new ActivityStore();
  Pyroscope.start();
  const nowMs = Date.UTC(2026, 0, 15, 10, 0, 0);
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  const views = pageViews(store.accountIds());
  let served = 0;
  let bytes = 0;
  while (Date.now() < deadline) {
    // the CRM's account pages arrive a few at a time
    for (let i = 0; i < 3; i += 1) {
      bytes += handleTimeline(store, views.next().value, nowMs).length;
      served += 1;
    }
    await sleep(2);
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`served ${served} timeline pages, ${bytes} bytes`);
  process.exit(0);
}

main();
