'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setImmediate: tick } = require('node:timers/promises');
const { Relay } = require('./relay');
const { chatTraffic } = require('./traffic');

Pyroscope.init({
  appName: 'chat-relay',
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
  const relay = new Relay();
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  let handled = 0;
  for (const event of chatTraffic()) {
    if (event.type === 'join') relay.join(event.conversation, event.socket);
    else if (event.type === 'leave') relay.leave(event.conversation, event.socket);
    else relay.publish(event.conversation, event.message);
    handled += 1;
    if (handled % 20 === 0) {
      await tick();
      if (Date.now() > deadline) break;
    }
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  console.log(`handled ${handled} events, sent ${relay.framesSent} frames, ${relay.bytesSent} bytes`);
  process.exit(0);
}

main();
