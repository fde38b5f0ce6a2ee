import Pyroscope from '@pyroscope/nodejs';
import { setImmediate as tick } from 'node:timers/promises';
import { incomingComments } from './comments.js';
import { moderate } from './moderate.js';
import { loadPolicies } from './policies.js';

Pyroscope.init({
  appName: 'content-filter',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
});

Pyroscope.start();
const policies = loadPolicies();
const decisions = { publish: 0, hold: 0, reject: 0 };
const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
let seen = 0;
for (const comment of incomingComments()) {
  decisions[moderate(comment, policies.get(comment.community)).decision] += 1;
  seen += 1;
  if (seen % 20 === 0) {
    await tick();
    if (Date.now() > deadline) break;
  }
}
for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
await Pyroscope.stop();
console.log(`moderated ${seen} comments`, decisions);
process.exit(0);
