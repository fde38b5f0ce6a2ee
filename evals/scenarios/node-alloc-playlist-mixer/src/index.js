'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: tick } = require('node:timers/promises');
const { buildCatalog } = require('./catalog');
const { buildListeners } = require('./listeners');
const { dailyMix } = require('./mixer');

Pyroscope.init({
  appName: 'playlist-mixer',
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
  const catalog = buildCatalog();
  const listeners = buildListeners(catalog);
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let mixes = 0;
  let tracks = 0;
  let filtered = 0;
  for (let n = 0; Date.now() < deadline; n += 1) {
    const mix = dailyMix(listeners[(n * 37) % listeners.length], catalog, 20260115 + (n % 7));
    mixes += 1;
    tracks += mix.tracks.length;
    filtered += mix.filtered;
    await tick();
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`built ${mixes} daily mixes (${tracks} tracks, ${filtered} candidates filtered out)`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
