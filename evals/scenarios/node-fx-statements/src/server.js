'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: tick } = require('node:timers/promises');
const { renderStatement } = require('./statement');
const { statementRequests } = require('./wallets');

Pyroscope.init({
  appName: 'fx-statements',
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
  let statements = 0;
  let lines = 0;
  for (const request of statementRequests()) {
    const statement = renderStatement(request);
    lines += statement.lines.length;
    statements += 1;
    await tick();
    if (Date.now() > deadline) break;
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`rendered ${statements} statements, ${lines} lines`);
  process.exit(0);
}

main();
