'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: tick } = require('node:timers/promises');
const { Bookings } = require('./bookings');
const { enquiries } = require('./traffic');

Pyroscope.init({
  appName: 'venue-bookings',
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
  const bookings = new Bookings();
  const incoming = enquiries();
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  const statuses = {};
  while (Date.now() < deadline) {
    // the form and the agencies' API post a few enquiries at a time
    for (let i = 0; i < 4; i += 1) {
      const response = bookings.create(incoming.next().value);
      statuses[response.status] = (statuses[response.status] || 0) + 1;
    }
    await tick();
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`answered ${JSON.stringify(statuses)}, ${bookings.provisional.length} provisional holds`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
