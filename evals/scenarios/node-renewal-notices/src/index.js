'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: tick } = require('node:timers/promises');
const { renderNotice } = require('./notices');
const { dueBatches } = require('./policies');

Pyroscope.init({
  appName: 'renewal-notices',
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
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let rendered = 0;
  let bytes = 0;
  for (const batch of dueBatches()) {
    for (const policy of batch) {
      const notice = renderNotice(policy);
      bytes += notice.html.length; // handed to the mail relay
      rendered += 1;
    }
    await tick();
    if (Date.now() > deadline) break;
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`rendered ${rendered} renewal notices, ${Math.round(bytes / 1048576)} MiB`);
  process.exit(0);
}

main();
