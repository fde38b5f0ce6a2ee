'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: yieldToLoop } = require('node:timers/promises');
const { seal, open } = require('./cookies');
const { newSession, touch } = require('./sessions');
const { requests } = require('./traffic');

const SECRET = process.env.COOKIE_SECRET || 'local-development-cookie-secret';

Pyroscope.init({
  appName: 'session-gateway',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
});

function handle(request, jar, now) {
  const session = open(jar[request.slot], SECRET);
  const next = touch(session, request, now);
  jar[request.slot] = seal(next, SECRET);
  return next.cart.length;
}

async function main() {
  Pyroscope.start();
  const now = Date.now();
  const jar = Array.from({ length: 40 }, (_, i) => seal(newSession(i, now), SECRET));
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let handled = 0;
  for (const request of requests(jar)) {
    handle(request, jar, Date.now());
    handled += 1;
    if (handled % 2 === 0) {
      await yieldToLoop();
      if (Date.now() > deadline) break;
    }
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`handled ${handled} requests`);
  process.exit(0);
}

main();
