'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: tick } = require('node:timers/promises');
const { buildFormulary } = require('./formulary');
const { FormularySearch } = require('./search');
const { typedQueries } = require('./queries');

Pyroscope.init({
  appName: 'formulary-search',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
});

async function main() {
  const products = buildFormulary(15000);
  const search = new FormularySearch(products);
  Pyroscope.start();
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let answered = 0;
  let exact = 0;
  for (const query of typedQueries(products)) {
    const matches = search.suggest(query.text, { includeControlled: query.includeControlled });
    if (matches.length > 0 && matches[0].distance === 0) exact += 1;
    answered += 1;
    await tick();
    if (Date.now() > deadline) break;
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`answered ${answered} searches over ${products.length} products, ${exact} with an exact match first`);
  process.exit(0);
}

main();
