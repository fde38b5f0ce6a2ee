'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: tick } = require('node:timers/promises');
const { QuotaChecker } = require('./quota');
const { LimitsConfig } = require('./config');
const { mountedLimitsFile } = require('./configmap');
const { apiRequests } = require('./traffic');

Pyroscope.init({
  appName: 'quota-gateway',
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
  const config = new LimitsConfig(mountedLimitsFile());
  const checker = new QuotaChecker(config);
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let served = 0;
  let limited = 0;
  for (const request of apiRequests()) {
    const verdict = checker.check(request);
    limited += verdict.allowed ? 0 : 1;
    served += 1;
    if (served % 10 === 0) {
      await tick();
      if (Date.now() > deadline) break;
    }
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`checked ${served} requests, ${limited} rate-limited`);
  process.exit(0);
}

main();
