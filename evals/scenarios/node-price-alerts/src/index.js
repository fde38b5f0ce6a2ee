'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setTimeout: sleep } = require('node:timers/promises');
const { createMarketBus } = require('./bus');
const { AlertService } = require('./alerts');
const { makeClients, priceTicks } = require('./clients');

Pyroscope.init({
  appName: 'notification-hub',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
  heap: { samplingIntervalBytes: 128 * 1024 },
});

async function main() {
  Pyroscope.start();
  const bus = createMarketBus();
  const alerts = new AlertService(bus);
  const clients = makeClients();
  const waiting = new Set(clients);
  const ticks = priceTicks();
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let polls = 0;
  while (Date.now() < deadline) {
    for (const client of waiting) {
      waiting.delete(client);
      polls += 1;
      alerts.poll(client, () => waiting.add(client));
    }
    for (let i = 0; i < 20; i += 1) bus.emit('tick', ticks.next().value);
    await sleep(2);
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`answered ${alerts.delivered} of ${polls} polls, ${bus.listenerCount('tick')} tick listeners`);
  process.exit(0);
}

main();
