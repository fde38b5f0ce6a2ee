'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setTimeout: sleep } = require('node:timers/promises');
const { LicenseServer } = require('./licenses');
const { ClientTraffic } = require('./clients');

Pyroscope.init({
  appName: 'seat-licenses',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
});

async function main() {
  const server = new LicenseServer();
  const traffic = new ClientTraffic(server.organisations());
  traffic.warmUp(server); // restore the leases of the suites that were running before the restart
  Pyroscope.start();
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  const counts = { checkout: 0, heartbeat: 0, release: 0, denied: 0 };
  let now = Date.UTC(2026, 0, 15, 9, 0, 0);
  while (Date.now() < deadline) {
    for (let i = 0; i < 40; i += 1) {
      const request = traffic.next(now);
      const answer = server.handle(request, now);
      counts[request.kind] += 1;
      if (answer.status === 'denied') counts.denied += 1;
    }
    now += 250;
    if (now % 60000 < 250) server.expire(now);
    await sleep(1);
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`handled ${JSON.stringify(counts)}`);
  process.exit(0);
}

main();
