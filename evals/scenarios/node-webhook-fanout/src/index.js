'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: tick } = require('node:timers/promises');
const { platformEvents } = require('./events');
const { loadSubscriptions } = require('./subscriptions');
const { buildRequest, DeliveryQueue } = require('./delivery');

Pyroscope.init({
  appName: 'webhook-dispatcher',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
});

function dispatch(event, subscriptions, queue) {
  const timestamp = Math.floor(Date.parse(event.createdAt) / 1000);
  for (const endpoint of subscriptions.byType.get(event.type) || []) {
    queue.enqueue(buildRequest(event, endpoint, timestamp));
  }
}

async function main() {
  Pyroscope.start();
  const subscriptions = loadSubscriptions();
  const queue = new DeliveryQueue();
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let events = 0;
  for (const event of platformEvents()) {
    dispatch(event, subscriptions, queue);
    events += 1;
    if (events % 20 === 0) {
      await tick();
      if (Date.now() > deadline) break;
    }
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`dispatched ${events} events, ${queue.bytes} bytes queued`);
  process.exit(0);
}

main();
