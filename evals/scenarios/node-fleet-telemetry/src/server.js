'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setTimeout: sleep } = require('node:timers/promises');
const { FleetRegistry } = require('./fleet');
const { ingestBurst } = require('./ingest');
const { siteTile, roundTile } = require('./tiles');

Pyroscope.init({
  appName: 'fleet-telemetry',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
});

const WINDOW_MS = 15 * 60 * 1000;

function handleTile(registry, siteId, nowMs) {
  return JSON.stringify(roundTile(siteTile(registry, siteId, nowMs - WINDOW_MS)));
}

async function main() {
  const registry = new FleetRegistry();
  Pyroscope.start();
  let nowMs = Date.UTC(2026, 0, 15, 10, 0, 0);
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let tiles = 0;
  let bytes = 0;
  while (Date.now() < deadline) {
    nowMs += 1000;
    ingestBurst(registry, 300, nowMs);
    // the dashboards open on the ops floor refresh a few site tiles at a time
    for (let i = 0; i < 3; i += 1) {
      const siteId = registry.siteIds[Math.floor(registry.rand() * registry.siteIds.length)];
      bytes += handleTile(registry, siteId, nowMs).length;
      tiles += 1;
    }
    await sleep(2);
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`served ${tiles} site tiles, ${bytes} bytes`);
  process.exit(0);
}

main();
