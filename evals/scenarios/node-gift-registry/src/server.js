'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setTimeout: sleep } = require('node:timers/promises');
const { CatalogFeed } = require('./catalog');
const { RegistryStore, registryPage } = require('./registry');
const { renderPage } = require('./render');
const { pageViews } = require('./traffic');

Pyroscope.init({
  appName: 'gift-registry',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
});

function handleRegistry(feed, registries, request) {
  const registry = registries.get(request.registryId);
  if (!registry) return JSON.stringify({ error: 'not found' });
  const page = registryPage(registry, feed.current(), request);
  return renderPage(page, request.currency);
}

async function main() {
  const feed = new CatalogFeed();
  const registries = new RegistryStore(feed.current());
  Pyroscope.start();
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  const views = pageViews(registries.ids());
  let served = 0;
  let bytes = 0;
  let lastRefresh = Date.now();
  while (Date.now() < deadline) {
    if (Date.now() - lastRefresh > 8000) {
      feed.republish(); // merchandising pushed a new catalogue
      lastRefresh = Date.now();
    }
    for (let i = 0; i < 4; i += 1) {
      bytes += handleRegistry(feed, registries, views.next().value).length;
      served += 1;
    }
    await sleep(1);
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`served ${served} registry pages, ${bytes} bytes`);
  process.exit(0);
}

main();
