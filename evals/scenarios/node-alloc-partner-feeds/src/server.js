'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: tick } = require('node:timers/promises');
const { makeCatalog } = require('./catalog');
const { PARTNERS } = require('./partners');
const { FeedFile } = require('./feed');

Pyroscope.init({
  appName: 'partner-feeds',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
});

async function main() {
  const catalog = makeCatalog(600);
  const feeds = PARTNERS.map((partner) => new FeedFile(partner));
  Pyroscope.start();
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let changes = 0;
  let updated = 0;
  while (Date.now() < deadline) {
    // a batch of product changes from the PIM (price, stock, text edits) arrives
    for (let i = 0; i < 20; i += 1) {
      const product = catalog[(changes * 7919) % catalog.length];
      product.priceCents += changes % 3 === 0 ? 100 : -50;
      for (const feed of feeds) {
        if (feed.upsert(product)) updated += 1;
      }
      changes += 1;
    }
    await tick();
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  const sizes = feeds.map((f) => `${f.partner.id} ${f.rows.size} rows ${(f.bytes / 1024).toFixed(0)} KiB`);
  console.log(`${changes} product changes, ${updated} feed rows updated; ${sizes.join(', ')}`);
  process.exit(0);
}

main();
