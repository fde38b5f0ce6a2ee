'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setTimeout: sleep } = require('node:timers/promises');
const { Inbox } = require('./inbox');
const { inboundMail } = require('./mailgen');

Pyroscope.init({
  appName: 'support-inbox',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
  heap: { samplingIntervalBytes: 128 * 1024 },
});

async function main() {
  Pyroscope.start();
  const inbox = new Inbox({ maxSummaries: 4000 });
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  const mail = inboundMail(97);
  let received = 0;
  let replies = 0;
  while (Date.now() < deadline) {
    // the provider posts the mailbox's new messages in small batches
    for (let i = 0; i < 3; i += 1) {
      const result = inbox.receive(mail.next().value);
      replies += result.reply ? 1 : 0;
      received += 1;
    }
    await sleep(10);
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  const heap = Math.round(process.memoryUsage().heapUsed / 1048576);
  console.log(`received ${received} messages (${replies} replies), ${inbox.stats()}, heap ${heap} MiB`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
