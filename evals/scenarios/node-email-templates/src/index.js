'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: tick } = require('node:timers/promises');
const { renderEmail } = require('./templates');
const { emailJobs } = require('./jobs');

Pyroscope.init({
  appName: 'template-renderer',
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
  for (const job of emailJobs()) {
    bytes += renderEmail(job.kind, job.data).length;
    rendered += 1;
    if (rendered % 25 === 0) {
      await tick();
      if (Date.now() > deadline) break;
    }
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`rendered ${rendered} e-mails, ${bytes} bytes`);
  process.exit(0);
}

main();
