'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: tick } = require('node:timers/promises');
const { Directory, CITIES } = require('./directory');
const { handle } = require('./handlers');

Pyroscope.init({
  appName: 'store-finder',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
});

// App traffic: most launches revalidate an offline copy they already have,
// the rest are nearby searches.
function* requests(directory, seed = 7) {
  let s = seed;
  const r = () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s / 4294967296;
  };
  for (;;) {
    if (r() < 0.6) {
      const current = r() < 0.9;
      yield { path: '/v2/stores', query: {}, headers: { 'if-none-match': current ? `"${directory.version}"` : '"v0-0"' } };
    } else {
      const [, lat, lng] = CITIES[Math.floor(r() * CITIES.length)];
      yield { path: '/v2/stores/nearby', query: { lat: String(lat + (r() - 0.5) * 0.2), lng: String(lng + (r() - 0.5) * 0.2), radius: '8' }, headers: {} };
    }
  }
}

async function main() {
  Pyroscope.start();
  const directory = new Directory();
  const reimport = setInterval(() => directory.reload(), 8000);
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  const statuses = {};
  let bytes = 0;
  for (const req of requests(directory)) {
    const res = handle(directory, req);
    statuses[res.status] = (statuses[res.status] || 0) + 1;
    bytes += res.body ? res.body.length : 0;
    await tick();
    if (Date.now() > deadline) break;
  }
  clearInterval(reimport);
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`answered ${JSON.stringify(statuses)}, ${Math.round(bytes / 1e6)} MB of bodies, directory ${directory.version}`);
  process.exit(0);
}

main();
